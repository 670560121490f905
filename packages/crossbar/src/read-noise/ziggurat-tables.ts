import { zigguratLayersFor } from '@memsim/core/internal';

/** Layers of the read-noise ziggurat (asm/ziggurat.ts: 10 bits of each 32-bit draw pick the layer). */
const LAYERS = 1024;

/**
 * Byte size of the read-noise ziggurat tables (asm/ziggurat.ts): 1024 records (accept bound, scale), x[0…1024],
 * f[0…1024] = exp(−x²/2), 2^−k for k = 0…63 and R, all float64.
 */
export const ZIGGURAT_TABLE_BYTES = 33304;
/** Float64 offsets of the parts of the tables (bytes / 8: records at 0). */
export const TABLE_X = 2 * LAYERS;
export const TABLE_F = TABLE_X + LAYERS + 1;
export const TABLE_POW2 = TABLE_F + LAYERS + 1;
export const TABLE_EDGE = TABLE_POW2 + 64;

let tables: Float64Array | null = null;

/**
 * The read-noise ziggurat tables, built once from @memsim/core's layer solver (`zigguratLayersFor(1024)`): the wasm
 * kernels get a copy in their memory, the TypeScript twin reads this array, so both test and scale with the same
 * numbers.
 */
export function zigguratTables(): Float64Array {
  if (tables !== null) return tables;
  const { x, ratio, r } = zigguratLayersFor(LAYERS);
  const t = new Float64Array(ZIGGURAT_TABLE_BYTES / 8);
  for (let i = 0; i < LAYERS; i++) {
    // |u| < ratio[i] ⇔ |j| < ceil(ratio[i]·2²¹) for the integer j = u·2²¹; x[i]·2⁻²¹ scales j straight to the value.
    t[2 * i] = Math.ceil(ratio[i]! * 2 ** 21);
    t[2 * i + 1] = x[i]! * 2 ** -21;
  }
  for (let i = 0; i <= LAYERS; i++) {
    t[TABLE_X + i] = x[i]!;
    t[TABLE_F + i] = Math.exp(-0.5 * x[i]! * x[i]!);
  }
  // Exact powers of two by halving (the exp of the slow path scales by them).
  for (let k = 0, p = 1; k < 64; k++, p /= 2) t[TABLE_POW2 + k] = p;
  t[TABLE_EDGE] = r;
  tables = t;
  return t;
}
