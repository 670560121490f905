// Folding of constant computations (the shape arithmetic PyTorch exports: Shape → Gather → Unsqueeze → Concat →
// Reshape, ConstantOfShape, Cast, arithmetic). Plain loops on small arrays; {@link BATCH} (NaN) flows through.
import type { ConstValue } from './value';

export function constant(dims: number[], data: Float32Array | Float64Array, integer: boolean): ConstValue {
  return { kind: 'const', dims, data, integer };
}

export function sizeOf(dims: readonly number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

export function stridesOf(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length).fill(1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = s[i + 1]! * dims[i + 1]!;
  return s;
}

/** Numpy broadcast of two shapes, or undefined when they do not broadcast. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] | undefined {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const x = a[a.length - rank + i] ?? 1;
    const y = b[b.length - rank + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** Values of `c` broadcast to `dims` (row-major). */
export function broadcastTo(c: ConstValue, dims: readonly number[]): Float32Array | Float64Array {
  const rank = dims.length;
  const cd = [...new Array(rank - c.dims.length).fill(1), ...c.dims];
  const cs = stridesOf(cd);
  const size = sizeOf(dims);
  const out = c.data instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
  const index = new Array<number>(rank).fill(0);
  for (let j = 0; j < size; j++) {
    let q = 0;
    for (let i = 0; i < rank; i++) if (cd[i] !== 1) q += index[i]! * cs[i]!;
    out[j] = c.data[q]!;
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i]! < dims[i]!) break;
      index[i] = 0;
    }
  }
  return out;
}

export type ArithmeticOp = 'Add' | 'Sub' | 'Mul' | 'Div' | 'Pow';

/** Elementwise arithmetic of two constants with numpy broadcasting; integer Div truncates (ONNX). */
export function foldArithmetic(op: ArithmeticOp, a: ConstValue, b: ConstValue): ConstValue | undefined {
  const dims = broadcastShape(a.dims, b.dims);
  if (!dims) return undefined;
  const x = broadcastTo(a, dims);
  const y = broadcastTo(b, dims);
  const integer = a.integer && b.integer;
  const out = integer ? new Float64Array(x.length) : new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const u = x[i]!;
    const v = y[i]!;
    out[i] =
      op === 'Add'
        ? u + v
        : op === 'Sub'
          ? u - v
          : op === 'Mul'
            ? u * v
            : op === 'Pow'
              ? u ** v
              : integer
                ? Math.trunc(u / v)
                : u / v;
  }
  return constant(dims, out, integer);
}

/** Transpose of a constant: output axis j is input axis perm[j]. Odometer loop: one add per element. */
export function transposeConst(c: ConstValue, perm: readonly number[]): ConstValue {
  const rank = perm.length;
  const dims = perm.map((p) => c.dims[p]!);
  const inStrides = stridesOf(c.dims);
  const step = perm.map((p) => inStrides[p]!);
  const size = c.data.length;
  const src = c.data;
  const out = src instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
  if (size === 0) return constant(dims, out, c.integer);
  const last = rank - 1;
  const n = rank === 0 ? 1 : dims[last]!;
  const innerStep = rank === 0 ? 0 : step[last]!;
  const index = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  let q = 0;
  for (let j = 0; j < size; j += n) {
    for (let k = 0, r = q; k < n; k++, r += innerStep) out[j + k] = src[r]!;
    for (let i = last - 1; i >= 0; i--) {
      if (++index[i]! < dims[i]!) {
        q += step[i]!;
        break;
      }
      index[i] = 0;
      q -= (dims[i]! - 1) * step[i]!;
    }
  }
  return constant(dims, out, c.integer);
}

/** Gather along `axis` with the given (already non-negative) indices of shape `indexDims`. */
export function gatherConst(
  c: ConstValue,
  axis: number,
  indices: readonly number[],
  indexDims: readonly number[],
): ConstValue {
  const outer = sizeOf(c.dims.slice(0, axis));
  const inner = sizeOf(c.dims.slice(axis + 1));
  const n = c.dims[axis]!;
  const out =
    c.data instanceof Float32Array
      ? new Float32Array(outer * indices.length * inner)
      : new Float64Array(outer * indices.length * inner);
  let k = 0;
  for (let o = 0; o < outer; o++)
    for (const idx of indices) for (let i = 0; i < inner; i++) out[k++] = c.data[(o * n + idx) * inner + i]!;
  return constant([...c.dims.slice(0, axis), ...indexDims, ...c.dims.slice(axis + 1)], out, c.integer);
}

/** Concatenation of constants along `axis`. */
export function concatConst(parts: ConstValue[], axis: number): ConstValue {
  const first = parts[0]!;
  const outer = sizeOf(first.dims.slice(0, axis));
  const dims = [...first.dims];
  dims[axis] = parts.reduce((s, p) => s + p.dims[axis]!, 0);
  const integer = parts.every((p) => p.integer);
  const out = integer ? new Float64Array(sizeOf(dims)) : new Float32Array(sizeOf(dims));
  let k = 0;
  for (let o = 0; o < outer; o++)
    for (const p of parts) {
      const chunk = sizeOf(p.dims.slice(axis));
      for (let i = 0; i < chunk; i++) out[k++] = p.data[o * chunk + i]!;
    }
  return constant(dims, out, integer);
}

/** Slice of a constant, ONNX Slice semantics (starts/ends clamped, negative steps allowed). */
export function sliceConst(
  c: ConstValue,
  starts: number[],
  ends: number[],
  axes: number[],
  steps: number[],
): ConstValue {
  const rank = c.dims.length;
  const ranges = c.dims.map((d) => ({ start: 0, step: 1, count: d }));
  axes.forEach((a0, k) => {
    const a = a0 < 0 ? a0 + rank : a0;
    const d = c.dims[a]!;
    const step = steps[k] ?? 1;
    const r = sliceRange(d, starts[k]!, ends[k]!, step);
    ranges[a] = { start: r.start, step, count: r.count };
  });
  const dims = ranges.map((r) => r.count);
  const inStrides = stridesOf(c.dims);
  const size = sizeOf(dims);
  const out = c.data instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
  const index = new Array<number>(rank).fill(0);
  for (let j = 0; j < size; j++) {
    let q = 0;
    for (let i = 0; i < rank; i++) q += (ranges[i]!.start + index[i]! * ranges[i]!.step) * inStrides[i]!;
    out[j] = c.data[q]!;
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i]! < dims[i]!) break;
      index[i] = 0;
    }
  }
  return constant(dims, out, c.integer);
}

/** Start and element count of an ONNX slice of a dimension of size d. */
export function sliceRange(d: number, start0: number, end0: number, step: number): { start: number; count: number } {
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  let start = start0 < 0 ? start0 + d : start0;
  let end = end0 < 0 ? end0 + d : end0;
  if (step > 0) {
    start = clamp(start, 0, d);
    end = clamp(end, 0, d);
    return { start, count: Math.max(0, Math.ceil((end - start) / step)) };
  }
  start = clamp(start, -1, d - 1);
  end = clamp(end, -1, d - 1);
  return { start, count: Math.max(0, Math.ceil((end - start) / step)) };
}
