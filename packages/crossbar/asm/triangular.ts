// AssemblyScript source of the WebAssembly SIMD triangular solves of @memsim/crossbar's passive solver (compiled by
// asm/build.mjs). Solves L·Lᵀ·X = B in place for a sparse Cholesky factor L stored by columns with the diagonal
// first (column pointers `lp` i32[n+1], row indices `li` i32[nnz], values `lx` f64[nnz]) and `w` right-hand sides
// stored unknown-major (`x[u·w + r]`, f64). Same operation order as the TypeScript solve, so results are identical.

/** Forward then backward substitution for `w` right-hand sides. */
export function solveMany(lp: usize, li: usize, lx: usize, x: usize, n: i32, w: i32): void {
  const rowBytes: usize = <usize>w << 3;
  const pairs: i32 = w >> 1;
  const odd = (w & 1) !== 0;
  for (let j: i32 = 0; j < n; j++) {
    const start: i32 = load<i32>(lp + (<usize>j << 2));
    const end: i32 = load<i32>(lp + (<usize>(j + 1) << 2));
    const xj: usize = x + <usize>j * rowBytes;
    const inv: f64 = 1.0 / load<f64>(lx + (<usize>start << 3));
    for (let r: i32 = 0; r < w; r++) {
      const q: usize = xj + (<usize>r << 3);
      store<f64>(q, load<f64>(q) * inv);
    }
    for (let p: i32 = start + 1; p < end; p++) {
      const l: f64 = load<f64>(lx + (<usize>p << 3));
      const lv = f64x2.splat(l);
      const xi: usize = x + <usize>load<i32>(li + (<usize>p << 2)) * rowBytes;
      for (let t: i32 = 0; t < pairs; t++) {
        const o: usize = <usize>t << 4;
        v128.store(xi + o, f64x2.sub(v128.load(xi + o), f64x2.mul(lv, v128.load(xj + o))));
      }
      if (odd) {
        const o: usize = <usize>(w - 1) << 3;
        store<f64>(xi + o, load<f64>(xi + o) - l * load<f64>(xj + o));
      }
    }
  }
  for (let j: i32 = n - 1; j >= 0; j--) {
    const start: i32 = load<i32>(lp + (<usize>j << 2));
    const end: i32 = load<i32>(lp + (<usize>(j + 1) << 2));
    const xj: usize = x + <usize>j * rowBytes;
    for (let p: i32 = start + 1; p < end; p++) {
      const l: f64 = load<f64>(lx + (<usize>p << 3));
      const lv = f64x2.splat(l);
      const xi: usize = x + <usize>load<i32>(li + (<usize>p << 2)) * rowBytes;
      for (let t: i32 = 0; t < pairs; t++) {
        const o: usize = <usize>t << 4;
        v128.store(xj + o, f64x2.sub(v128.load(xj + o), f64x2.mul(lv, v128.load(xi + o))));
      }
      if (odd) {
        const o: usize = <usize>(w - 1) << 3;
        store<f64>(xj + o, load<f64>(xj + o) - l * load<f64>(xi + o));
      }
    }
    const inv: f64 = 1.0 / load<f64>(lx + (<usize>start << 3));
    for (let r: i32 = 0; r < w; r++) {
      const q: usize = xj + (<usize>r << 3);
      store<f64>(q, load<f64>(q) * inv);
    }
  }
}
