import { zigguratLayers } from '@memsim/core/internal';

/**
 * Byte size of the read-noise ziggurat tables (asm/ziggurat.ts): 256 records (accept bound, scale), x[0…256],
 * f[0…256] = exp(−x²/2) and 2^−k for k = 0…63, all float64.
 */
export const ZIGGURAT_TABLE_BYTES = 8720;
/** Float64 offsets of the parts of the tables (bytes / 8: records at 0). */
export const TABLE_X = 512;
export const TABLE_F = 769;
export const TABLE_POW2 = 1026;

let tables: Float64Array | null = null;

/**
 * The read-noise ziggurat tables, built once from @memsim/core's layers (one builder for every sampler): the wasm
 * kernels get a copy in their memory, the TypeScript twin reads this array, so both test and scale with the same
 * numbers.
 */
export function zigguratTables(): Float64Array {
  if (tables !== null) return tables;
  const { x, ratio } = zigguratLayers();
  const t = new Float64Array(ZIGGURAT_TABLE_BYTES / 8);
  for (let i = 0; i < 256; i++) {
    // |u| < ratio[i] ⇔ |j| < ceil(ratio[i]·2²³) for the integer j = u·2²³; x[i]·2⁻²³ scales j straight to the value.
    t[2 * i] = Math.ceil(ratio[i]! * 2 ** 23);
    t[2 * i + 1] = x[i]! * 2 ** -23;
  }
  for (let i = 0; i <= 256; i++) {
    t[TABLE_X + i] = x[i]!;
    t[TABLE_F + i] = Math.exp(-0.5 * x[i]! * x[i]!);
  }
  // Exact powers of two by halving (the exp of the slow path scales by them).
  for (let k = 0, p = 1; k < 64; k++, p /= 2) t[TABLE_POW2 + k] = p;
  tables = t;
  return t;
}
