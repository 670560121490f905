// MODULES //

import { TRIANGULAR_WASM_BASE64 } from './triangular-wasm-bytes';

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

type SolveMany = (lp: number, li: number, lx: number, x: number, n: number, w: number) => void;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
}

// MAIN //

const PAGE = 65536;
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let module: object | null | undefined;

function compiled(): object | null {
  if (module === undefined) {
    try {
      if (wasm === undefined) module = null;
      else {
        const binary = atob(TRIANGULAR_WASM_BASE64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        module = new wasm.Module(bytes);
      }
    } catch {
      module = null;
    }
  }
  return module;
}

/** True when the WebAssembly SIMD triangular solves can run here. */
export function wasmTriangularAvailable(): boolean {
  return compiled() !== null;
}

/**
 * Moves a factor (n columns, nnz entries) into a fresh WebAssembly memory sized for it plus `capacity` right-hand-side
 * values, so the triangular solves run as SIMD code on it. Returns null when WebAssembly SIMD is unavailable or the
 * memory cannot be allocated; the caller then keeps its arrays and the TypeScript solves.
 */
export function createWasmFactorStore(
  colStart: Int32Array,
  rowIndex: Int32Array,
  values: Float64Array,
  capacity: number,
): WasmFactorStore | null {
  const m = compiled();
  if (m === null || wasm === undefined) return null;
  const n = colStart.length - 1;
  const nnz = values.length;
  const align = (bytes: number): number => Math.ceil(bytes / 16) * 16;
  const lp = PAGE;
  const li = lp + align((n + 1) * 4);
  const lx = li + align(nnz * 4);
  const x = lx + align(nnz * 8);
  const total = x + capacity * 8;
  if (total > 2 ** 32 - PAGE) return null;
  try {
    const memory = new wasm.Memory({ initial: Math.ceil(total / PAGE) });
    const solveMany = new wasm.Instance(m, { env: { memory } }).exports.solveMany as SolveMany;
    const buffer = memory.buffer;
    const store = {
      colStart: new Int32Array(buffer, lp, n + 1),
      rowIndex: new Int32Array(buffer, li, nnz),
      values: new Float64Array(buffer, lx, nnz),
      rhs: new Float64Array(buffer, x, capacity),
      solve(width: number): void {
        solveMany(lp, li, lx, x, n, width);
      },
    };
    store.colStart.set(colStart);
    store.rowIndex.set(rowIndex);
    store.values.set(values);
    return store;
  } catch {
    return null;
  }
}
