// AssemblyScript source of the sparse Cholesky of @memsim/crossbar's passive solver (compiled by asm/build.mjs):
// elimination tree, column counts and up-looking numeric factorisation (Davis, Direct Methods for Sparse Linear
// Systems, 2006, chapter 4), and SIMD triangular solves for several right-hand sides. Mirrors src/passive/sparse-cholesky.ts
// operation for operation. L is stored by columns with the diagonal first (column pointers `lp` i32[n+1], row
// indices `li` i32[nnz], values `lx` f64[nnz]); right-hand sides are unknown-major (`x[u·w + r]`, f64).

/** Forward then backward substitution for `w` right-hand sides. */
export function solveMany(lp: usize, li: usize, lx: usize, x: usize, n: i32, w: i32): void {
  const rowBytes: usize = (<usize>w) << 3;
  const pairs: i32 = w >> 1;
  const odd = (w & 1) !== 0;
  for (let j: i32 = 0; j < n; j++) {
    const start: i32 = load<i32>(lp + ((<usize>j) << 2));
    const end: i32 = load<i32>(lp + ((<usize>(j + 1)) << 2));
    const xj: usize = x + <usize>j * rowBytes;
    const inv: f64 = 1.0 / load<f64>(lx + ((<usize>start) << 3));
    for (let r: i32 = 0; r < w; r++) {
      const q: usize = xj + ((<usize>r) << 3);
      store<f64>(q, load<f64>(q) * inv);
    }
    for (let p: i32 = start + 1; p < end; p++) {
      const l: f64 = load<f64>(lx + ((<usize>p) << 3));
      const lv = f64x2.splat(l);
      const xi: usize = x + <usize>load<i32>(li + ((<usize>p) << 2)) * rowBytes;
      for (let t: i32 = 0; t < pairs; t++) {
        const o: usize = (<usize>t) << 4;
        v128.store(xi + o, f64x2.sub(v128.load(xi + o), f64x2.mul(lv, v128.load(xj + o))));
      }
      if (odd) {
        const o: usize = (<usize>(w - 1)) << 3;
        store<f64>(xi + o, load<f64>(xi + o) - l * load<f64>(xj + o));
      }
    }
  }
  for (let j: i32 = n - 1; j >= 0; j--) {
    const start: i32 = load<i32>(lp + ((<usize>j) << 2));
    const end: i32 = load<i32>(lp + ((<usize>(j + 1)) << 2));
    const xj: usize = x + <usize>j * rowBytes;
    for (let p: i32 = start + 1; p < end; p++) {
      const l: f64 = load<f64>(lx + ((<usize>p) << 3));
      const lv = f64x2.splat(l);
      const xi: usize = x + <usize>load<i32>(li + ((<usize>p) << 2)) * rowBytes;
      for (let t: i32 = 0; t < pairs; t++) {
        const o: usize = (<usize>t) << 4;
        v128.store(xj + o, f64x2.sub(v128.load(xj + o), f64x2.mul(lv, v128.load(xi + o))));
      }
      if (odd) {
        const o: usize = (<usize>(w - 1)) << 3;
        store<f64>(xj + o, load<f64>(xj + o) - l * load<f64>(xi + o));
      }
    }
    const inv: f64 = 1.0 / load<f64>(lx + ((<usize>start) << 3));
    for (let r: i32 = 0; r < w; r++) {
      const q: usize = xj + ((<usize>r) << 3);
      store<f64>(q, load<f64>(q) * inv);
    }
  }
}

/**
 * Elimination tree of the symmetric matrix whose strictly-upper entries are given by column (`ap` i32[n+1],
 * `ai` i32): `parent` i32[n] (−1 at roots); `ancestor` i32[n] is workspace (Liu's algorithm, path compression).
 */
export function eliminationTree(n: i32, ap: usize, ai: usize, parent: usize, ancestor: usize): void {
  for (let k: i32 = 0; k < n; k++) {
    store<i32>(parent + ((<usize>k) << 2), -1);
    store<i32>(ancestor + ((<usize>k) << 2), -1);
    const end: i32 = load<i32>(ap + ((<usize>(k + 1)) << 2));
    for (let p: i32 = load<i32>(ap + ((<usize>k) << 2)); p < end; p++) {
      let i: i32 = load<i32>(ai + ((<usize>p) << 2));
      while (i !== -1 && i < k) {
        const inext: i32 = load<i32>(ancestor + ((<usize>i) << 2));
        store<i32>(ancestor + ((<usize>i) << 2), k);
        if (inext === -1) store<i32>(parent + ((<usize>i) << 2), k);
        i = inext;
      }
    }
  }
}

/** Row pattern of L(k, :) by reach up the elimination tree into stack[top … n); returns top. */
function rowReach(k: i32, n: i32, ap: usize, ai: usize, parent: usize, stack: usize, mark: usize): i32 {
  let top: i32 = n;
  store<i32>(mark + ((<usize>k) << 2), k);
  const end: i32 = load<i32>(ap + ((<usize>(k + 1)) << 2));
  for (let p: i32 = load<i32>(ap + ((<usize>k) << 2)); p < end; p++) {
    let i: i32 = load<i32>(ai + ((<usize>p) << 2));
    let len: i32 = 0;
    while (load<i32>(mark + ((<usize>i) << 2)) !== k) {
      store<i32>(stack + ((<usize>len) << 2), i);
      len++;
      store<i32>(mark + ((<usize>i) << 2), k);
      i = load<i32>(parent + ((<usize>i) << 2));
    }
    while (len > 0) {
      top--;
      len--;
      store<i32>(stack + ((<usize>top) << 2), load<i32>(stack + ((<usize>len) << 2)));
    }
  }
  return top;
}

/** Entries per column of L (diagonal included) into `counts` i32[n]; `stack`, `mark` i32[n] workspace. */
export function columnCounts(
  n: i32,
  ap: usize,
  ai: usize,
  parent: usize,
  counts: usize,
  stack: usize,
  mark: usize,
): void {
  for (let k: i32 = 0; k < n; k++) {
    store<i32>(counts + ((<usize>k) << 2), 1);
    store<i32>(mark + ((<usize>k) << 2), -1);
  }
  for (let k: i32 = 0; k < n; k++) {
    const top = rowReach(k, n, ap, ai, parent, stack, mark);
    for (let t: i32 = top; t < n; t++) {
      const q: usize = counts + ((<usize>load<i32>(stack + ((<usize>t) << 2))) << 2);
      store<i32>(q, load<i32>(q) + 1);
    }
  }
}

/**
 * Up-looking numeric Cholesky (Davis 2006, chapter 4): fills `li`, `lx` of L given its column pointers `lp`. `ax` f64 are the
 * upper entries, `diag` f64[n] the diagonal; `next`, `stack`, `mark` i32[n] and `x` f64[n] (zeroed) are workspace.
 * Returns −1, or the column whose pivot is not positive.
 */
export function factorNumeric(
  n: i32,
  ap: usize,
  ai: usize,
  ax: usize,
  diag: usize,
  parent: usize,
  lp: usize,
  li: usize,
  lx: usize,
  next: usize,
  stack: usize,
  mark: usize,
  x: usize,
): i32 {
  for (let k: i32 = 0; k < n; k++) {
    store<i32>(next + ((<usize>k) << 2), load<i32>(lp + ((<usize>k) << 2)));
    store<i32>(mark + ((<usize>k) << 2), -1);
  }
  for (let k: i32 = 0; k < n; k++) {
    const top = rowReach(k, n, ap, ai, parent, stack, mark);
    const end: i32 = load<i32>(ap + ((<usize>(k + 1)) << 2));
    for (let p: i32 = load<i32>(ap + ((<usize>k) << 2)); p < end; p++) {
      const q: usize = x + ((<usize>load<i32>(ai + ((<usize>p) << 2))) << 3);
      store<f64>(q, load<f64>(q) + load<f64>(ax + ((<usize>p) << 3)));
    }
    let d: f64 = load<f64>(diag + ((<usize>k) << 3));
    for (let t: i32 = top; t < n; t++) {
      const i: i32 = load<i32>(stack + ((<usize>t) << 2));
      const xi: usize = x + ((<usize>i) << 3);
      const lki: f64 = load<f64>(xi) / load<f64>(lx + ((<usize>load<i32>(lp + ((<usize>i) << 2))) << 3));
      store<f64>(xi, 0);
      const colEnd: i32 = load<i32>(next + ((<usize>i) << 2));
      for (let p: i32 = load<i32>(lp + ((<usize>i) << 2)) + 1; p < colEnd; p++) {
        const q: usize = x + ((<usize>load<i32>(li + ((<usize>p) << 2))) << 3);
        store<f64>(q, load<f64>(q) - load<f64>(lx + ((<usize>p) << 3)) * lki);
      }
      d -= lki * lki;
      store<i32>(li + ((<usize>colEnd) << 2), k);
      store<f64>(lx + ((<usize>colEnd) << 3), lki);
      store<i32>(next + ((<usize>i) << 2), colEnd + 1);
    }
    if (!(d > 0)) return k;
    const p: i32 = load<i32>(next + ((<usize>k) << 2));
    store<i32>(li + ((<usize>p) << 2), k);
    store<f64>(lx + ((<usize>p) << 3), Math.sqrt(d));
    store<i32>(next + ((<usize>k) << 2), p + 1);
  }
  return -1;
}

/** Forward then backward substitution for one right-hand side `x` f64[n] (same operations as solveMany, w = 1). */
export function solveOne(lp: usize, li: usize, lx: usize, x: usize, n: i32): void {
  for (let j: i32 = 0; j < n; j++) {
    const start: i32 = load<i32>(lp + ((<usize>j) << 2));
    const end: i32 = load<i32>(lp + ((<usize>(j + 1)) << 2));
    const q: usize = x + ((<usize>j) << 3);
    const xj: f64 = load<f64>(q) * (1.0 / load<f64>(lx + ((<usize>start) << 3)));
    store<f64>(q, xj);
    if (xj === 0) continue;
    for (let p: i32 = start + 1; p < end; p++) {
      const xi: usize = x + ((<usize>load<i32>(li + ((<usize>p) << 2))) << 3);
      store<f64>(xi, load<f64>(xi) - load<f64>(lx + ((<usize>p) << 3)) * xj);
    }
  }
  for (let j: i32 = n - 1; j >= 0; j--) {
    const start: i32 = load<i32>(lp + ((<usize>j) << 2));
    const end: i32 = load<i32>(lp + ((<usize>(j + 1)) << 2));
    const q: usize = x + ((<usize>j) << 3);
    let s: f64 = load<f64>(q);
    for (let p: i32 = start + 1; p < end; p++)
      s -= load<f64>(lx + ((<usize>p) << 3)) * load<f64>(x + ((<usize>load<i32>(li + ((<usize>p) << 2))) << 3));
    store<f64>(q, s * (1.0 / load<f64>(lx + ((<usize>start) << 3))));
  }
}
