import type { Rng } from '@memsim/core';

/**
 * Normals per chunk: a multiple of `fillNormal`'s 2048-value block, so drawing chunk after chunk gives exactly the
 * values of one `fillNormal` over the whole array (the stream is consumed block by block either way).
 */
export const NORMAL_CHUNK = 65536;

const CHUNK = new Float64Array(NORMAL_CHUNK);

/**
 * The next `length` (≤ {@link NORMAL_CHUNK}) standard normals of `rng.fillNormal`, in a shared buffer valid until the
 * next call: passes over millions of cells draw chunk by chunk instead of filling (and paging in) one normal per cell.
 */
export function normalChunk(rng: Rng, length: number): Float64Array {
  const z = length === NORMAL_CHUNK ? CHUNK : CHUNK.subarray(0, length);
  rng.fillNormal(z);
  return z;
}
