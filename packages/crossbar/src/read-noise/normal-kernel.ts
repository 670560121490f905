// MODULES //

import { base64ToBytes } from '@memsim/core';
import { ZIGGURAT_R, zigguratLayers } from '@memsim/core/internal';
import type { Rng } from '@memsim/core';
import { NORMAL_WASM_BASE64 } from './normal-wasm-bytes';

// TYPES //

type Kernel = (
  ps: number,
  px: number,
  pr: number,
  po: number,
  k0: number,
  n: number,
  pq: number,
  pu: number,
  pl: number,
) => number;
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer; grow(pages: number): number };
}

/** Which implementation draws: the WebAssembly SIMD kernel or its bit-identical TypeScript twin. */
export type NormalBackend = 'wasm' | 'ts';

// MAIN //

/** Values per kernel call (the slow-path queue holds at most this many). */
const CHUNK = 65536;
/** Byte offsets of the wasm layout (see asm/normal.ts). */
const PS = 0;
const PX = 64;
const PR = PX + 257 * 8;
const PQ = PR + 256 * 8;
const PU = PQ + CHUNK * 4;
const PL = PU + CHUNK * 8;
const PO = PL + CHUNK * 4;

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

interface Instance {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  normals: Kernel;
}
let instance: Instance | null | undefined;

/** The ziggurat tables of @memsim/core's generator (one builder for every sampler). */
const TABLES = zigguratLayers();

/** The wasm kernel with its tables in place, or null when this runtime has no WebAssembly SIMD. */
function wasmInstance(): Instance | null {
  if (instance !== undefined) return instance;
  try {
    if (wasm === undefined) throw new Error('no WebAssembly');
    const memory = new wasm.Memory({ initial: Math.ceil(PO / 65536) + 1 });
    const module = new wasm.Module(base64ToBytes(NORMAL_WASM_BASE64));
    const exports = new wasm.Instance(module, { env: { memory } }).exports;
    new Float64Array(memory.buffer, PX, 257).set(TABLES.x);
    new Float64Array(memory.buffer, PR, 256).set(TABLES.ratio);
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

let tsOut = new Float32Array(0);
const tsState = new Int32Array(16);
const tsIndex = new Int32Array(CHUNK);
const tsU = new Float64Array(CHUNK);
const tsLayer = new Int32Array(CHUNK);

/**
 * `n` standard normals (float32) for read noise, drawn from `rng`: 16 words of `rng` seed four xoshiro128**
 * streams that a WebAssembly SIMD kernel steps together (one 32-bit draw per value, ziggurat), the ~1 % slow-path
 * draws are finished here from `rng` itself. Same `rng` state, same values, with either backend. Returns a view
 * that is valid until the next call (do not keep it).
 *
 * @internal
 */
export function drawNormals(rng: Rng, n: number, backend?: NormalBackend): Float32Array {
  const use = backend ?? (wasmInstance() !== null ? 'wasm' : 'ts');
  const n4 = (n + 3) & ~3;
  const seed = new Int32Array(16);
  for (let w = 0; w < 16; w++) seed[w] = rng.integer(2 ** 32) | 0;
  // A lane whose four words are all zero would stay at zero (the generator's fixed point).
  for (let l = 0; l < 4; l++) if ((seed[l]! | seed[4 + l]! | seed[8 + l]! | seed[12 + l]!) === 0) seed[l] = 1;
  let out: Float32Array;
  let index: Int32Array;
  let us: Float64Array;
  let layers: Int32Array;
  let run: (k0: number, count: number) => number;
  if (use === 'wasm') {
    const w = wasmInstance()!;
    const need = PO + n4 * 4;
    if (w.memory.buffer.byteLength < need) w.memory.grow(Math.ceil((need - w.memory.buffer.byteLength) / 65536));
    const buffer = w.memory.buffer;
    new Int32Array(buffer, PS, 16).set(seed);
    out = new Float32Array(buffer, PO, n4);
    index = new Int32Array(buffer, PQ, CHUNK);
    us = new Float64Array(buffer, PU, CHUNK);
    layers = new Int32Array(buffer, PL, CHUNK);
    run = (k0, count) => w.normals(PS, PX, PR, PO, k0, count, PQ, PU, PL);
  } else {
    if (tsOut.length < n4) tsOut = new Float32Array(n4);
    out = tsOut.subarray(0, n4);
    tsState.set(seed);
    index = tsIndex;
    us = tsU;
    layers = tsLayer;
    run = (k0, count) => normalsTs(tsState, out, k0, count);
  }
  for (let k0 = 0; k0 < n4; k0 += CHUNK) {
    const pending = run(k0, Math.min(CHUNK, n4 - k0));
    for (let j = 0; j < pending; j++) out[index[j]!] = slowNormal(rng, us[j]!, layers[j]!);
  }
  return out.subarray(0, n);
}

/** The TypeScript twin of asm/normal.ts `normals` (same lanes, same order, same float32 values). */
function normalsTs(state: Int32Array, out: Float32Array, k0: number, n: number): number {
  const { x, ratio } = TABLES;
  let pending = 0;
  for (let k = k0; k < k0 + n; k += 4)
    for (let l = 0; l < 4; l++) {
      let s0 = state[l]!;
      let s1 = state[4 + l]!;
      let s2 = state[8 + l]!;
      let s3 = state[12 + l]!;
      const m = Math.imul(s1, 5);
      const a = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      state[l] = s0;
      state[4 + l] = s1;
      state[8 + l] = s2;
      state[12 + l] = s3;
      const i = a & 255;
      const u = (a >> 8) * 1.1920928955078125e-7;
      if (Math.abs(u) < ratio[i]!) out[k + l] = u * x[i]!;
      else {
        tsIndex[pending] = k + l;
        tsU[pending] = u;
        tsLayer[pending] = i;
        pending++;
      }
    }
  return pending;
}

/** Uniform in (0, 1) from `rng` (never 0, so its logarithm is finite). */
function openUniform(rng: Rng): number {
  let v = rng.uniform();
  while (v === 0) v = rng.uniform();
  return v;
}

/** Ziggurat wedge or tail for abscissa `u` in layer `i` (Marsaglia & Tsang 2000), drawing again from `rng`. */
function slowNormal(rng: Rng, u0: number, i0: number): number {
  const { x, ratio } = TABLES;
  let u = u0;
  let i = i0;
  for (;;) {
    if (i === 0) {
      // Tail beyond R (Marsaglia 1964).
      let t: number;
      let y: number;
      do {
        t = Math.log(openUniform(rng)) / ZIGGURAT_R;
        y = Math.log(openUniform(rng));
      } while (-2 * y < t * t);
      return u < 0 ? t - ZIGGURAT_R : ZIGGURAT_R - t;
    }
    const v = u * x[i]!;
    const f0 = Math.exp(-0.5 * (x[i]! * x[i]! - v * v));
    const f1 = Math.exp(-0.5 * (x[i + 1]! * x[i + 1]! - v * v));
    if (f1 + rng.uniform() * (f0 - f1) < 1) return v;
    const w = rng.integer(2 ** 32) | 0;
    u = (w >> 8) * 1.1920928955078125e-7;
    i = w & 255;
    if (Math.abs(u) < ratio[i]!) return u * x[i]!;
  }
}
