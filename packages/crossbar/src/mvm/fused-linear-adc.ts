// The per-tile ADC of the tiled read-out, fused into the tile loop for the common configuration (method 'linear',
// overflowRate 0): one pass finds the range, a second quantises and adds into the output, with no call, subarray or
// temporary per (input row, tile column). Bit-identical to `@memsim/quantize` `quantize` on the zero-padded vector
// (test/internal/fused-linear-adc.test.ts checks it against quantize itself); anything unusual (a non-finite or
// huge partial sum) returns false and the caller runs the generic converter, which raises quantize's own error.

/** MemTorch's guard against log2(0): the float literal `1e-12f` (as `@memsim/quantize` full-scale.ts). */
const EPSILON_F = Math.fround(1e-12);
/** 0.5 + 2^−25: MemTorch's float rounding of x/δ + 0.5 (as `@memsim/quantize` linear-kernel.ts). */
const HALF_FLOAT = 0.5 + 2 ** -25;
/** Largest magnitude quantize accepts in a Float32Array. */
const MAX_MAGNITUDE_FLOAT32 = 2 ** 126;

/** `ceil(log2(v + 1e-12f))` in float arithmetic, exactly as `@memsim/quantize` computes the full-scale exponent. */
function fullScaleExponent32(v: number): number {
  return exponentOf(Math.fround(v + EPSILON_F));
}

/** `ceil(fround(log2 w))` for a float w > 0, with quantize's exact rebuild near integers. */
function exponentOf(w: number): number {
  const r = Math.log2(w);
  const k = Math.round(r);
  let rounded = r;
  if (Math.abs(r - k) < 1e-9) {
    const p = 2 ** k;
    rounded = k + Math.log1p((w - p) / p) / Math.LN2;
  }
  return Math.ceil(Math.fround(rounded));
}

/**
 * `out[o + c] += ADC(x)[c]` for c < width, where x = partial[p … p + width) zero-padded to `tileCols` and ADC is the
 * `bits`-bit linear quantiser with overflowRate 0. Returns false, writing nothing, when x holds a value quantize
 * rejects. Kernel: no checks (bits ≤ 23).
 */
export function addLinearAdc(
  partial: Float32Array,
  p: number,
  width: number,
  tileCols: number,
  bits: number,
  out: Float32Array,
  o: number,
): boolean {
  let min = width < tileCols ? 0 : Number.POSITIVE_INFINITY;
  let max = width < tileCols ? 0 : Number.NEGATIVE_INFINITY;
  let bad = 0;
  for (let c = 0; c < width; c++) {
    const v = partial[p + c]!;
    bad += v - v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (bad !== 0 || max > MAX_MAGNITUDE_FLOAT32 || min < -MAX_MAGNITUDE_FLOAT32) return false;
  if (min === max) {
    // A constant vector passes unquantised (quantize's rule).
    for (let c = 0; c < width; c++) out[o + c] = out[o + c]! + partial[p + c]!;
    return true;
  }
  const delta = 2 ** (1 - bits + fullScaleExponent32(Math.max(Math.abs(min), Math.abs(max))));
  const inv = 1 / delta;
  const low = -(2 ** (bits - 1));
  const high = Math.fround(2 ** (bits - 1) - 1);
  for (let c = 0; c < width; c++)
    out[o + c] = out[o + c]! + Math.max(low, Math.min(high, Math.floor(partial[p + c]! * inv + HALF_FLOAT))) * delta;
  return true;
}

let table: Int32Array | null = null;

/**
 * The full-scale exponent as a table for the WebAssembly kernel (asm/gemm.ts `tiledPanels`): entry e + 64, for the
 * float exponents e ∈ [−64, 127] (w = v + 1e-12f ≥ 2^−40 always), is the bit pattern of the smallest float w in
 * [2^e, 2^(e+1)) whose exponent (the formula above) is e + 1; below it the exponent is e. Found by bisection on the
 * float bit patterns with the very function the TypeScript path uses, so both paths agree wherever it is monotone
 * (test/internal/fused-linear-adc.test.ts samples it).
 */
export function fullScaleTable(): Int32Array {
  if (table !== null) return table;
  const t = new Int32Array(192);
  const f = new Float32Array(1);
  const bitsOf = new Int32Array(f.buffer);
  for (let e = -64; e < 128; e++) {
    let lo = (e + 127) << 23;
    let hi = e === 127 ? 0x7f800000 : (e + 128) << 23;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      bitsOf[0] = mid;
      if (exponentOf(f[0]!) >= e + 1) hi = mid;
      else lo = mid + 1;
    }
    t[e + 64] = lo;
  }
  table = t;
  return t;
}

/** The exponent {@link fullScaleTable} gives for a float w ≥ 2^−64 (for tests). */
export function exponentFromTable(w: number): number {
  const f = new Float32Array([w]);
  const bits = new Int32Array(f.buffer)[0]!;
  const e = ((bits >>> 23) & 0xff) - 127;
  return bits < fullScaleTable()[e + 64]! ? e : e + 1;
}

/** {@link exponentOf} (for tests). */
export { exponentOf as fullScaleExponentOf };
