// MODULES //

import { base64ToBytes } from '@memsim/core';
import { GEMM_WASM_BASE64, GEMM_WASM_SHARED_BASE64, SHARED_MAXIMUM_PAGES } from './gemm-wasm-bytes';
import { packColumnPanels, packRowPanels } from './pack-panels';

// TYPES //

// The few WebAssembly JS-API members used here (the package compiles without the DOM lib, and @types/node does not
// declare them).
/** A compiled module (opaque). */
export type WasmModule = { readonly __wasmModule?: never };
/** A linear memory. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
}

/** The exported function of the AssemblyScript kernel (asm/gemm.ts). */
type GemmPanels = (
  pa: number,
  pb: number,
  pc: number,
  k: number,
  ip0: number,
  ip1: number,
  jp0: number,
  jp1: number,
  ldc: number,
) => void;

/** The tiled read-out of asm/gemm.ts (`tiledPanels`): partial sums per tile row, fused linear ADC, digital sum. */
type TiledPanels = (
  pa: number,
  pb: number,
  pc: number,
  po: number,
  k: number,
  ip0: number,
  ip1: number,
  n: number,
  ldc: number,
  tileRows: number,
  tileCols: number,
  bits: number,
  ptable: number,
  pflag: number,
  praw: number,
  rows: number,
  pnoise: number,
  pconv: number,
  pnext: number,
  colGroup: number,
) => void;

/** Per-call device read noise on the packed matrix (asm/gemm.ts `perturbPanels`). */
type PerturbPanels = (pb: number, pstd: number, count: number, pstate: number, ptab: number, pscratch: number) => void;

/** A kernel instance bound to one memory. */
export interface WasmKernel {
  readonly memory: WasmMemory;
  readonly gemmPanels: GemmPanels;
  readonly tiledPanels: TiledPanels;
  readonly perturbPanels: PerturbPanels;
  /** Largest byte offset the memory can reach. */
  readonly maximumBytes: number;
}

/** Splits a panel range over helpers: `run(ip0, ip1, jp0, jp1)` for each part, the caller's part included. */
export type PanelRunner = (
  kernel: WasmKernel,
  args: { pa: number; pb: number; pc: number; k: number; mPanels: number; nPanels: number; ldc: number },
) => void;

// MAIN //

const PAGE = 65536;
/** The runtime's WebAssembly object, or undefined. */
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
/** Byte offset where operands start (page 0 is left to the AssemblyScript runtime). */
export const BASE = PAGE;
/** Upper bound of the plain memory we let the kernel grow to [bytes]. */
const PLAIN_MAXIMUM_BYTES = 2 ** 30;

let plainModule: WasmModule | null | undefined;
let plainKernel: WasmKernel | undefined;
let sharedModule: WasmModule | null | undefined;

/** The compiled plain-memory module, or null when this runtime has no WebAssembly SIMD. */
function compilePlain(): WasmModule | null {
  if (plainModule === undefined) {
    try {
      plainModule = wasm === undefined ? null : new wasm.Module(base64ToBytes(GEMM_WASM_BASE64));
    } catch {
      plainModule = null;
    }
  }
  return plainModule;
}

/** The compiled shared-memory module, or null when this runtime lacks SIMD, threads or SharedArrayBuffer. */
export function sharedGemmModule(): WasmModule | null {
  if (sharedModule === undefined) {
    try {
      sharedModule =
        wasm !== undefined && typeof SharedArrayBuffer === 'function' && compilePlain() !== null
          ? new wasm.Module(base64ToBytes(GEMM_WASM_SHARED_BASE64))
          : null;
    } catch {
      sharedModule = null;
    }
  }
  return sharedModule;
}

/** True when the WebAssembly SIMD kernel compiles in this runtime. */
export function wasmGemmAvailable(): boolean {
  return compilePlain() !== null;
}

/** Instantiates `module` on `memory`. */
export function instantiateKernel(module: WasmModule, memory: WasmMemory, maximumBytes: number): WasmKernel {
  const instance = new (wasm as WasmApi).Instance(module, { env: { memory } });
  return {
    memory,
    gemmPanels: instance.exports.gemmPanels as GemmPanels,
    tiledPanels: instance.exports.tiledPanels as TiledPanels,
    perturbPanels: instance.exports.perturbPanels as PerturbPanels,
    maximumBytes,
  };
}

/** A new shared memory for the shared module (1 page initially, grows to {@link SHARED_MAXIMUM_PAGES}). */
export function createSharedMemory(): WasmMemory {
  return new (wasm as WasmApi).Memory({ initial: 2, maximum: SHARED_MAXIMUM_PAGES, shared: true });
}

/** The single-thread kernel on its own plain memory (created on first use). */
export function defaultKernel(): WasmKernel {
  if (plainKernel === undefined) {
    const module = compilePlain();
    if (module === null) throw new Error('gemm: WebAssembly SIMD is not available (checked by the caller)');
    plainKernel = instantiateKernel(module, new (wasm as WasmApi).Memory({ initial: 2 }), PLAIN_MAXIMUM_BYTES);
  }
  return plainKernel;
}

/** Grows `memory` to at least `bytes`. */
export function ensureBytes(memory: WasmMemory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
}

const runOnCaller: PanelRunner = (kernel, { pa, pb, pc, k, mPanels, nPanels, ldc }) => {
  kernel.gemmPanels(pa, pb, pc, k, 0, mPanels, 0, nPanels, ldc);
};

/**
 * `out = a·b` with the WebAssembly SIMD kernel: B is packed into 8-column panels once, A into 4-row panels
 * chunk by chunk (so any size fits the memory cap), the kernel fills a padded C and the valid part is copied
 * into `out`. Returns false (and writes nothing) when even one 4-row chunk does not fit the memory; the caller
 * then uses the bit-identical TypeScript kernel.
 *
 * Kernel: assumes valid input and does not check.
 */
export function gemmWasmKernel(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  out: Float32Array,
  kernel: WasmKernel = defaultKernel(),
  run: PanelRunner = runOnCaller,
): boolean {
  const nPanels = (n + 7) >> 3;
  const ldc = nPanels * 8;
  const bBytes = nPanels * 32 * k;
  const perRowBytes = (k + ldc) * 4;
  const room = kernel.maximumBytes - BASE - bBytes;
  const chunkRows = Math.min(Math.ceil(m / 4) * 4, Math.floor(room / perRowBytes / 4) * 4);
  if (chunkRows < 4) return false;
  const pb = BASE;
  const pa = pb + bBytes;
  const pc = pa + chunkRows * k * 4;
  ensureBytes(kernel.memory, pc + chunkRows * ldc * 4);
  let heap = new Float32Array(kernel.memory.buffer);
  packColumnPanels(b, n, 0, n, k, 8, heap, pb >> 2);
  for (let r0 = 0; r0 < m; r0 += chunkRows) {
    const r1 = Math.min(m, r0 + chunkRows);
    const mPanels = (r1 - r0 + 3) >> 2;
    packRowPanels(a, k, r0, r1, k, 4, heap, pa >> 2);
    run(kernel, { pa, pb, pc, k, mPanels, nPanels, ldc });
    heap = new Float32Array(kernel.memory.buffer);
    const c0 = pc >> 2;
    if (n === ldc) out.set(heap.subarray(c0, c0 + (r1 - r0) * n), r0 * n);
    else for (let r = r0; r < r1; r++) out.set(heap.subarray(c0 + (r - r0) * ldc, c0 + (r - r0) * ldc + n), r * n);
  }
  return true;
}

export { SHARED_MAXIMUM_PAGES };
