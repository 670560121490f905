// MODULES //

import { NumericalError } from '@memsim/core';
import { factorInWasm, type WasmFactorStore } from './wasm-cholesky';

// TYPES //

/**
 * A symmetric matrix in the elimination order, given by its diagonal and the strictly-upper entries stored by
 * column: column k holds rows `rowIndex[colStart[k] … colStart[k+1])` (all < k, any order, duplicates summed).
 */
export interface SymmetricUpper {
  readonly size: number;
  readonly diagonal: Float64Array;
  readonly colStart: Int32Array;
  readonly rowIndex: Int32Array;
  readonly values: Float64Array;
}

// MAIN //

/**
 * Sparse Cholesky factor `A = L·Lᵀ` of a symmetric positive definite matrix (up-looking algorithm of Davis,
 * *Direct Methods for Sparse Linear Systems* (2006), chapter 4, with the column counts taken from one symbolic pass of the
 * same row-reach traversal). The matrix arrives already permuted into its fill-reducing order. L is stored by
 * columns with the diagonal first, so triangular solves stream it once forwards and once backwards.
 *
 * Kernel: assumes valid input; throws NumericalError only when the matrix is not positive definite.
 */
export class SparseCholesky {
  /** Order of the matrix. */
  readonly size: number;
  /** Column pointers of L (length size + 1). */
  readonly colStart: Int32Array;
  /** Row indices of L (diagonal first in each column). */
  readonly rowIndex: Int32Array;
  /** Values of L. */
  readonly values: Float64Array;
  /** L moved into WebAssembly memory for the SIMD solves (null: TypeScript solves). */
  private readonly wasmStore: WasmFactorStore | null;

  /**
   * @param a - the matrix in elimination order
   * @param where - name used in a NumericalError
   * @param rhsCapacity - most values (unknowns × right-hand sides) one `solveManyInPlace` call will pass; sizes
   *   the WebAssembly right-hand-side area
   */
  constructor(a: SymmetricUpper, where: string, rhsCapacity = a.size) {
    this.size = a.size;
    const fast = factorInWasm(a, Math.max(a.size, rhsCapacity));
    if (fast !== null && 'failedColumn' in fast)
      throw new NumericalError({ where, step: fast.failedColumn, detail: 'the nodal matrix is not positive definite' });
    if (fast !== null) {
      this.wasmStore = fast;
      this.colStart = fast.colStart;
      this.rowIndex = fast.rowIndex;
      this.values = fast.values;
      return;
    }
    this.wasmStore = null;
    const l = factorTypeScript(a, where);
    this.colStart = l.colStart;
    this.rowIndex = l.rowIndex;
    this.values = l.values;
  }

  /** Entries of L (diagonal included). */
  get nonZeros(): number {
    return this.colStart[this.size]!;
  }

  /** Solves A·x = b in place for one right-hand side (`x` holds b on entry). */
  solveInPlace(x: Float64Array): void {
    const n = this.size;
    const lp = this.colStart;
    const li = this.rowIndex;
    const lx = this.values;
    for (let j = 0; j < n; j++) {
      const start = lp[j]!;
      const xj = x[j]! / lx[start]!;
      x[j] = xj;
      if (xj !== 0) for (let p = start + 1; p < lp[j + 1]!; p++) x[li[p]!]! -= lx[p]! * xj;
    }
    for (let j = n - 1; j >= 0; j--) {
      const start = lp[j]!;
      let s = x[j]!;
      for (let p = start + 1; p < lp[j + 1]!; p++) s -= lx[p]! * x[li[p]!]!;
      x[j] = s / lx[start]!;
    }
  }

  /**
   * Solves A·X = B in place for `width` right-hand sides stored unknown-major (`x[u·width + r]`), so every entry
   * of L is loaded once per block of right-hand sides.
   */
  solveManyInPlace(x: Float64Array, width: number): void {
    const store = this.wasmStore;
    if (store !== null && width * this.size <= store.rhs.length) {
      const length = width * this.size;
      store.rhs.set(length === x.length ? x : x.subarray(0, length));
      store.solve(width);
      x.set(store.rhs.subarray(0, length));
      return;
    }
    if (width === 1) {
      this.solveInPlace(x);
      return;
    }
    const n = this.size;
    const lp = this.colStart;
    const li = this.rowIndex;
    const lx = this.values;
    for (let j = 0; j < n; j++) {
      const start = lp[j]!;
      const inv = 1 / lx[start]!;
      const oj = j * width;
      for (let r = 0; r < width; r++) x[oj + r]! *= inv;
      for (let p = start + 1; p < lp[j + 1]!; p++) {
        const l = lx[p]!;
        const oi = li[p]! * width;
        for (let r = 0; r < width; r++) x[oi + r]! -= l * x[oj + r]!;
      }
    }
    for (let j = n - 1; j >= 0; j--) {
      const start = lp[j]!;
      const oj = j * width;
      for (let p = start + 1; p < lp[j + 1]!; p++) {
        const l = lx[p]!;
        const oi = li[p]! * width;
        for (let r = 0; r < width; r++) x[oj + r]! -= l * x[oi + r]!;
      }
      const inv = 1 / lx[start]!;
      for (let r = 0; r < width; r++) x[oj + r]! *= inv;
    }
  }
}

/** The same factorisation in TypeScript (runtimes without WebAssembly SIMD). */
function factorTypeScript(
  a: SymmetricUpper,
  where: string,
): { colStart: Int32Array; rowIndex: Int32Array; values: Float64Array } {
  const n = a.size;
  const parent = eliminationTree(a);
  // Symbolic pass: count the entries of each column of L by walking the row patterns (ereach).
  const counts = new Int32Array(n).fill(1);
  const stack = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    const top = rowReach(a, k, parent, stack, mark);
    for (let t = top; t < n; t++) counts[stack[t]!]!++;
  }
  const colStart = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) colStart[k + 1] = colStart[k]! + counts[k]!;
  const nnz = colStart[n]!;
  const rowIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  // Numeric pass (up-looking): row k of L solves L(0:k,0:k)·x = A(0:k,k).
  const next = colStart.slice(0, n);
  const x = new Float64Array(n);
  mark.fill(-1);
  const { colStart: ap, rowIndex: ai, values: ax, diagonal } = a;
  for (let k = 0; k < n; k++) {
    const top = rowReach(a, k, parent, stack, mark);
    for (let p = ap[k]!; p < ap[k + 1]!; p++) x[ai[p]!]! += ax[p]!;
    let d = diagonal[k]!;
    for (let t = top; t < n; t++) {
      const i = stack[t]!;
      const lki = x[i]! / values[colStart[i]!]!;
      x[i] = 0;
      const end = next[i]!;
      for (let p = colStart[i]! + 1; p < end; p++) x[rowIndex[p]!]! -= values[p]! * lki;
      d -= lki * lki;
      rowIndex[end] = k;
      values[end] = lki;
      next[i] = end + 1;
    }
    if (!(d > 0))
      throw new NumericalError({ where, step: k, detail: `the nodal matrix is not positive definite (pivot ${d})` });
    const p = next[k]!;
    rowIndex[p] = k;
    values[p] = Math.sqrt(d);
    next[k] = p + 1;
  }
  return { colStart, rowIndex, values };
}

/** Elimination tree of a symmetric matrix given by its upper part (Liu's algorithm with path compression). */
function eliminationTree(a: SymmetricUpper): Int32Array {
  const n = a.size;
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  const { colStart, rowIndex } = a;
  for (let k = 0; k < n; k++) {
    for (let p = colStart[k]!; p < colStart[k + 1]!; p++) {
      let i = rowIndex[p]!;
      while (i !== -1 && i < k) {
        const inext = ancestor[i]!;
        ancestor[i] = k;
        if (inext === -1) parent[i] = k;
        i = inext;
      }
    }
  }
  return parent;
}

/**
 * Nonzero pattern of row k of L (the reach of column k's entries up the elimination tree), written to
 * `stack[top … n)` in topological order; returns `top`. `mark[i] === k` marks visited nodes.
 */
function rowReach(a: SymmetricUpper, k: number, parent: Int32Array, stack: Int32Array, mark: Int32Array): number {
  const n = a.size;
  let top = n;
  mark[k] = k;
  const { colStart, rowIndex } = a;
  for (let p = colStart[k]!; p < colStart[k + 1]!; p++) {
    let i = rowIndex[p]!;
    let len = 0;
    // Walk up from i until a marked node; push the path, then move it onto the output stack reversed.
    while (mark[i] !== k) {
      stack[len++] = i;
      mark[i] = k;
      i = parent[i]!;
    }
    while (len > 0) stack[--top] = stack[--len]!;
  }
  return top;
}
