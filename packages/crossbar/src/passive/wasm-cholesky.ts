// MODULES //

import { base64ToBytes } from '@memsim/core';
import { CHOLESKY_WASM_BASE64 } from './cholesky-wasm-bytes';
import type { SymmetricUpper } from './sparse-cholesky';

// TYPES //

/** A Cholesky factor living in its own WebAssembly memory, with a right-hand-side area and the SIMD solve. */
export interface WasmFactorStore {
  readonly colStart: Int32Array;
  readonly rowIndex: Int32Array;
  readonly values: Float64Array;
  /** Right-hand sides area (unknown-major), `capacity` values. */
  readonly rhs: Float64Array;
  /** Solves L·Lᵀ·X = B in place on `rhs` for `width` right-hand sides (width·n ≤ capacity). */
  solve(width: number): void;
}

interface Exports {
  solveMany(lp: number, li: number, lx: number, x: number, n: number, w: number): void;
  solveOne(lp: number, li: number, lx: number, x: number, n: number): void;
  eliminationTree(n: number, ap: number, ai: number, parent: number, ancestor: number): void;
  columnCounts(n: number, ap: number, ai: number, parent: number, counts: number, stack: number, mark: number): void;
  factorNumeric(
    n: number,
    ap: number,
    ai: number,
    ax: number,
    diag: number,
    parent: number,
    lp: number,
    li: number,
    lx: number,
    next: number,
    stack: number,
    mark: number,
    x: number,
  ): number;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => WasmMemory;
}

// MAIN //

const PAGE = 65536;
/** Largest memory we ask for [bytes] (memory32 addresses 4 GiB). */
const MAXIMUM_BYTES = 2 ** 32 - PAGE;
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
// Not named `module`: a bundle run inside a CommonJS-style wrapper (vitest) would see the wrapper's `module`
// object through a top-level `var module` (a redeclared parameter keeps its value).
let choleskyCompiled: object | null | undefined;

function compiled(): object | null {
  if (choleskyCompiled === undefined) {
    try {
      if (wasm === undefined) choleskyCompiled = null;
      else {
        choleskyCompiled = new wasm.Module(base64ToBytes(CHOLESKY_WASM_BASE64));
      }
    } catch {
      choleskyCompiled = null;
    }
  }
  return choleskyCompiled;
}

/** True when the WebAssembly SIMD sparse Cholesky can run here. */
export function wasmCholeskyAvailable(): boolean {
  return compiled() !== null;
}

const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;

/**
 * Factors `a` with the WebAssembly sparse Cholesky in a fresh memory that then holds only L and a right-hand-side
 * area of `capacity` values (the matrix and the workspace live in that area during the factorisation).
 *
 * @returns the store; `{ failedColumn }` when a pivot is not positive; null when WebAssembly SIMD is unavailable or
 *   the memory cannot be allocated (the caller then factors in TypeScript)
 */
export function factorInWasm(a: SymmetricUpper, capacity: number): WasmFactorStore | { failedColumn: number } | null {
  const m = compiled();
  if (m === null || wasm === undefined) return null;
  const n = a.size;
  const nnzA = a.rowIndex.length;
  // Scratch area: A (ap, ai, ax, diag) and workspace (parent, ancestor/counts, next, stack, mark, x), later the RHS.
  let o = PAGE;
  const take = (bytes: number): number => {
    const at = o;
    o += align(bytes);
    return at;
  };
  const ap = take((n + 1) * 4);
  const ai = take(nnzA * 4);
  const ax = take(nnzA * 8);
  const diag = take(n * 8);
  const parent = take(n * 4);
  const counts = take(n * 4);
  const next = take(n * 4);
  const stack = take(n * 4);
  const mark = take(n * 4);
  const x = take(n * 8);
  const scratchEnd = Math.max(o, PAGE + align(capacity * 8));
  try {
    if (scratchEnd > MAXIMUM_BYTES) return null;
    const memory = new wasm.Memory({ initial: Math.ceil(scratchEnd / PAGE) });
    const exports = new wasm.Instance(m, { env: { memory } }).exports as unknown as Exports;
    new Int32Array(memory.buffer, ap, n + 1).set(a.colStart);
    new Int32Array(memory.buffer, ai, nnzA).set(a.rowIndex);
    new Float64Array(memory.buffer, ax, nnzA).set(a.values);
    new Float64Array(memory.buffer, diag, n).set(a.diagonal);
    exports.eliminationTree(n, ap, ai, parent, counts);
    exports.columnCounts(n, ap, ai, parent, counts, stack, mark);
    const colStart = new Int32Array(n + 1);
    const c = new Int32Array(memory.buffer, counts, n);
    for (let k = 0; k < n; k++) colStart[k + 1] = colStart[k]! + c[k]!;
    const nnz = colStart[n]!;
    const lp = scratchEnd;
    const li = lp + align((n + 1) * 4);
    const lx = li + align(nnz * 4);
    const end = lx + nnz * 8;
    if (end > MAXIMUM_BYTES) return null;
    memory.grow(Math.ceil(end / PAGE) - memory.buffer.byteLength / PAGE);
    new Int32Array(memory.buffer, lp, n + 1).set(colStart);
    const failed = exports.factorNumeric(n, ap, ai, ax, diag, parent, lp, li, lx, next, stack, mark, x);
    if (failed >= 0) return { failedColumn: failed };
    const buffer = memory.buffer;
    return {
      colStart: new Int32Array(buffer, lp, n + 1),
      rowIndex: new Int32Array(buffer, li, nnz),
      values: new Float64Array(buffer, lx, nnz),
      rhs: new Float64Array(buffer, PAGE, Math.floor((scratchEnd - PAGE) / 8)),
      solve(width: number): void {
        if (width === 1) exports.solveOne(lp, li, lx, PAGE, n);
        else exports.solveMany(lp, li, lx, PAGE, n, width);
      },
    };
  } catch {
    return null;
  }
}
