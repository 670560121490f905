// MODULES //

import { base64ToBytes } from '@memsim/core';
import type { Rng } from '@memsim/core';
import { NORMAL_WASM_BASE64 } from './normal-wasm-bytes';
import { ZIGGURAT_TABLE_BYTES, zigguratTables } from './ziggurat-tables';
import { fillNormalsTs } from './ziggurat-ts';

// TYPES //

type Kernel = (ps: number, pt: number, po: number, n: number) => void;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
}

/** Which implementation draws: the WebAssembly SIMD kernel or its bit-identical TypeScript twin. */
export type NormalBackend = 'wasm' | 'ts';

// MAIN //

/**
 * Rows of one block of {@link drawNormalBlocks}: the 16 row panels of 4 rows that asm/gemm.ts `tiledPanels` hands to
 * one thread (BLOCK_PANELS in src/mvm/tiled-wasm.ts), so each thread draws the normals of its own blocks.
 */
export const NORMAL_BLOCK_ROWS = 64;

/** Byte offsets of the wasm layout: the state, the tables, the output. */
const PS = 0;
const PT = 64;
const PO = PT + ZIGGURAT_TABLE_BYTES;

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface Instance {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  normals: Kernel;
}
let instance: Instance | null | undefined;

/** The wasm kernel with its tables in place, or null when this runtime has no WebAssembly SIMD. */
function wasmInstance(): Instance | null {
  if (instance !== undefined) return instance;
  try {
    if (wasm === undefined) throw new Error('no WebAssembly');
    const memory = new wasm.Memory({ initial: Math.ceil(PO / 65536) + 1 });
    const module = new wasm.Module(base64ToBytes(NORMAL_WASM_BASE64));
    const exports = new wasm.Instance(module, { env: { memory } }).exports;
    new Float64Array(memory.buffer, PT, ZIGGURAT_TABLE_BYTES / 8).set(zigguratTables());
    instance = { memory, normals: exports.normals as Kernel };
  } catch {
    instance = null;
  }
  return instance;
}

/** True when the WebAssembly SIMD generator runs here. */
export function wasmNormalsAvailable(): boolean {
  return wasmInstance() !== null;
}

/**
 * Draws the 16 state words of one generator (four xoshiro128** lanes) from `rng` into `into[offset…]`. A lane whose
 * four words are all zero would stay at zero (the generator's fixed point): its first word becomes 1.
 *
 * @internal
 */
export function drawSeed(rng: Rng, into: Int32Array, offset = 0): void {
  for (let w = 0; w < 16; w++) into[offset + w] = rng.integer(2 ** 32) | 0;
  for (let l = 0; l < 4; l++)
    if ((into[offset + l]! | into[offset + 4 + l]! | into[offset + 8 + l]! | into[offset + 12 + l]!) === 0)
      into[offset + l] = 1;
}

let tsOut = new Float32Array(0);
const seed = new Int32Array(16);

/** `count` (a multiple of 4) normals of the generator seeded with `seed`, at out[offset…] (a view of the buffer). */
function generate(backend: NormalBackend, count: number): Float32Array {
  if (backend === 'wasm') {
    const w = wasmInstance()!;
    const need = PO + count * 4;
    if (w.memory.buffer.byteLength < need) w.memory.grow(Math.ceil((need - w.memory.buffer.byteLength) / 65536));
    new Int32Array(w.memory.buffer, PS, 16).set(seed);
    w.normals(PS, PT, PO, count);
    return new Float32Array(w.memory.buffer, PO, count);
  }
  if (tsOut.length < count) tsOut = new Float32Array(count);
  fillNormalsTs(seed, tsOut, 0, count);
  return tsOut.subarray(0, count);
}

function resolveBackend(backend: NormalBackend | undefined): NormalBackend {
  return backend ?? (wasmInstance() !== null ? 'wasm' : 'ts');
}

/**
 * `n` standard normals (float32) for read noise, drawn from `rng`: 16 words of `rng` seed four xoshiro128**
 * streams that a WebAssembly SIMD ziggurat steps together (asm/ziggurat.ts, slow path included; `rng` is not drawn
 * from again). Same `rng` state, same values, with either backend. Returns a view that is valid until the next call
 * (do not keep it).
 *
 * @internal
 */
export function drawNormals(rng: Rng, n: number, backend?: NormalBackend): Float32Array {
  const use = resolveBackend(backend);
  drawSeed(rng, seed);
  return generate(use, (n + 3) & ~3).subarray(0, n);
}

/**
 * The normals of one tile row's read noise for `rows` input vectors × `cols` outputs (row-major), drawn the way
 * asm/gemm.ts `tiledPanels` draws them: per block of {@link NORMAL_BLOCK_ROWS} rows, in order, a generator seeded
 * from `rng` ({@link drawSeed}) gives the block's rows·cols values. Blocks are independent streams, so a thread can
 * draw the normals of the block it reads out. Returns a view valid until the next call.
 *
 * @internal
 */
export function drawNormalBlocks(rng: Rng, rows: number, cols: number, backend?: NormalBackend): Float32Array {
  const use = resolveBackend(backend);
  const len = rows * cols;
  if (blockOut.length < len) blockOut = new Float32Array(len);
  for (let r0 = 0; r0 < rows; r0 += NORMAL_BLOCK_ROWS) {
    const count = Math.min(NORMAL_BLOCK_ROWS, rows - r0) * cols;
    drawSeed(rng, seed);
    blockOut.set(generate(use, (count + 3) & ~3).subarray(0, count), r0 * cols);
  }
  return blockOut.subarray(0, len);
}
let blockOut = new Float32Array(0);
