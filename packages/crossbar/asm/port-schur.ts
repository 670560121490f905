// AssemblyScript source of the port-Schur transfer build of @memsim/crossbar's passive solver (compiled by
// asm/build.mjs): the supernodal multifrontal Cholesky that leaves the port block's factor in the last front, and the
// inverse Gram (L·Lᵀ)⁻¹ of that block. Mirrors src/passive/port-schur-transfer.ts and src/passive/dense-cholesky.ts
// operation for operation (same order of every floating-point operation, so both give the same bits). Fronts are
// column-major f64 with leading dimension = their order; index arrays are i32.

function ldi(p: usize, k: i32): i32 {
  return load<i32>(p + ((<usize>k) << 2));
}
function ldf(p: usize, k: i32): f64 {
  return load<f64>(p + ((<usize>k) << 3));
}
function stf(p: usize, k: i32, v: f64): void {
  store<f64>(p + ((<usize>k) << 3), v);
}

/**
 * Left-looking partial Cholesky of the front at `f` (order nf): factors its first ns columns and leaves the Schur
 * complement in the trailing block. Returns −1 or the failing column.
 */
export function denseCholeskyColumns(f: usize, nf: i32, ns: i32): i32 {
  const ld: usize = (<usize>nf) << 3;
  for (let j: i32 = 0; j < nf; j++) {
    const cj: usize = f + <usize>j * ld;
    const kmax: i32 = j < ns ? j : ns;
    let k: i32 = 0;
    for (; k + 4 <= kmax; k += 4) {
      const c0: usize = f + <usize>k * ld;
      const c1: usize = c0 + ld;
      const c2: usize = c1 + ld;
      const c3: usize = c2 + ld;
      const a0: f64 = ldf(c0, j);
      const a1: f64 = ldf(c1, j);
      const a2: f64 = ldf(c2, j);
      const a3: f64 = ldf(c3, j);
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const v0 = f64x2.splat(a0);
      const v1 = f64x2.splat(a1);
      const v2 = f64x2.splat(a2);
      const v3 = f64x2.splat(a3);
      let i: i32 = j;
      for (; i + 2 <= nf; i += 2) {
        const o: usize = (<usize>i) << 3;
        let acc = v128.load(cj + o);
        acc = f64x2.sub(acc, f64x2.mul(v0, v128.load(c0 + o)));
        acc = f64x2.sub(acc, f64x2.mul(v1, v128.load(c1 + o)));
        acc = f64x2.sub(acc, f64x2.mul(v2, v128.load(c2 + o)));
        acc = f64x2.sub(acc, f64x2.mul(v3, v128.load(c3 + o)));
        v128.store(cj + o, acc);
      }
      if (i < nf) {
        let s: f64 = ldf(cj, i);
        s -= a0 * ldf(c0, i);
        s -= a1 * ldf(c1, i);
        s -= a2 * ldf(c2, i);
        s -= a3 * ldf(c3, i);
        stf(cj, i, s);
      }
    }
    for (; k < kmax; k++) {
      const ck: usize = f + <usize>k * ld;
      const a: f64 = ldf(ck, j);
      if (a === 0) continue;
      const va = f64x2.splat(a);
      let i: i32 = j;
      for (; i + 2 <= nf; i += 2) {
        const o: usize = (<usize>i) << 3;
        v128.store(cj + o, f64x2.sub(v128.load(cj + o), f64x2.mul(va, v128.load(ck + o))));
      }
      if (i < nf) stf(cj, i, ldf(cj, i) - a * ldf(ck, i));
    }
    if (j < ns) {
      const d: f64 = ldf(cj, j);
      if (!(d > 0)) return j;
      const l: f64 = Math.sqrt(d);
      stf(cj, j, l);
      const inv: f64 = 1.0 / l;
      for (let i: i32 = j + 1; i < nf; i++) stf(cj, i, ldf(cj, i) * inv);
    }
  }
  return -1;
}

/**
 * The multifrontal loop over the supernodes (postorder): assemble the matrix entries and the children's
 * contribution blocks into the front, factor its columns, push its contribution. Returns −1 or the failing column.
 */
export function factorFronts(
  n: i32,
  count: i32,
  values: usize,
  superFirst: usize,
  superColumns: usize,
  superFront: usize,
  superChildren: usize,
  updateStart: usize,
  updateTarget: usize,
  scatterStart: usize,
  scatterValue: usize,
  scatterOffset: usize,
  front: usize,
  stack: usize,
  blockAt: usize,
  blockOf: usize,
): i32 {
  let blocks: i32 = 0;
  let top: i32 = 0;
  for (let t: i32 = 0; t < count; t++) {
    const nf: i32 = ldi(superFront, t);
    const ns: i32 = ldi(superColumns, t);
    memory.fill(front, 0, (<usize>nf * <usize>nf) << 3);
    const qEnd: i32 = ldi(scatterStart, t + 1);
    for (let q: i32 = ldi(scatterStart, t); q < qEnd; q++) {
      const v: i32 = ldi(scatterValue, q);
      const o: i32 = ldi(scatterOffset, q);
      stf(front, o, ldf(front, o) + (v < n ? ldf(values, v) : -ldf(values, v)));
    }
    const kids: i32 = ldi(superChildren, t);
    for (let k: i32 = blocks - kids; k < blocks; k++) {
      const tc: i32 = ldi(blockOf, k);
      const uc: i32 = ldi(superFront, tc) - ldi(superColumns, tc);
      const base: i32 = ldi(blockAt, k);
      const u0: i32 = ldi(updateStart, tc);
      for (let b: i32 = 0; b < uc; b++) {
        const col: i32 = ldi(updateTarget, u0 + b) * nf;
        const from: i32 = base + b * uc;
        for (let a: i32 = b; a < uc; a++) {
          const o: i32 = col + ldi(updateTarget, u0 + a);
          stf(front, o, ldf(front, o) + ldf(stack, from + a));
        }
      }
    }
    if (kids > 0) {
      top = ldi(blockAt, blocks - kids);
      blocks -= kids;
    }
    const failed: i32 = denseCholeskyColumns(front, nf, ns);
    if (failed >= 0) return ldi(superFirst, t) + failed;
    const u: i32 = nf - ns;
    if (u > 0) {
      store<i32>(blockAt + ((<usize>blocks) << 2), top);
      store<i32>(blockOf + ((<usize>blocks) << 2), t);
      blocks++;
      for (let b: i32 = 0; b < u; b++) {
        const from: i32 = (ns + b) * nf + ns;
        const to: i32 = top + b * u;
        for (let a: i32 = b; a < u; a++) stf(stack, to + a, ldf(front, from + a));
      }
      top += u * u;
    }
  }
  return -1;
}

/** y = (L·Lᵀ)⁻¹ (lower, col-major) for L the p×p lower factor at l; x (p·p f64) is workspace for L⁻¹. */
export function lowerInverseGram(l: usize, x: usize, y: usize, p: i32): void {
  const ld: usize = (<usize>p) << 3;
  memory.fill(x, 0, <usize>p * ld);
  for (let c: i32 = 0; c < p; c++) {
    const xc: usize = x + <usize>c * ld;
    stf(xc, c, 1);
    for (let k: i32 = c; k < p; k++) {
      const ck: usize = l + <usize>k * ld;
      const v: f64 = ldf(xc, k) / ldf(ck, k);
      stf(xc, k, v);
      if (v === 0) continue;
      const vv = f64x2.splat(v);
      let i: i32 = k + 1;
      for (; i + 2 <= p; i += 2) {
        const o: usize = (<usize>i) << 3;
        v128.store(xc + o, f64x2.sub(v128.load(xc + o), f64x2.mul(vv, v128.load(ck + o))));
      }
      if (i < p) stf(xc, i, ldf(xc, i) - v * ldf(ck, i));
    }
  }
  for (let b: i32 = 0; b < p; b++) {
    const xb: usize = x + <usize>b * ld;
    for (let a: i32 = b; a < p; a++) {
      const xa: usize = x + <usize>a * ld;
      let acc = f64x2.splat(0);
      let r: i32 = a;
      for (; r + 2 <= p; r += 2) {
        const o: usize = (<usize>r) << 3;
        acc = f64x2.add(acc, f64x2.mul(v128.load(xa + o), v128.load(xb + o)));
      }
      let s: f64 = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
      if (r < p) s += ldf(xa, r) * ldf(xb, r);
      stf(y, b * p + a, s);
    }
  }
}
