// MODULES //

import {
  ShapeMismatchError,
  checkFiniteArray,
  checkMatrix,
  checkPositiveInteger,
  checkTileShape,
  option,
  requireOptions,
  resolveOptions,
} from '@memsim/core';
import type { Matrix, OptionsSchema } from '@memsim/core';
import type { AdcConfig } from '@memsim/quantize';
import { checkFiniteOutput } from '../internal/check-finite-output';
import { adcConverter, adcRule } from '../internal/converters';
import { tiledKernel } from '../mvm/tiled-kernel';

// MAIN //

/**
 * Options of {@link tiledMatmul}.
 *
 * @example
 * const options: TiledMatmulOptions = { tileShape: [1, 1], adc: { bits: 8 } };
 * tiledMatmul(new Float32Array([1, 2]), 1, { rows: 2, cols: 1, data: [3, 4] }, options);
 */
export interface TiledMatmulOptions {
  /** Tile shape `[tileRows, tileCols]` (cells); tiles at the bottom and right edges are zero-padded. */
  tileShape: [number, number];
  /** Per-tile ADC (`bits`, `overflowRate` default 0, `method` default 'linear'); none by default. */
  adc?: AdcConfig;
}

/** The rules of {@link TiledMatmulOptions}. */
const SCHEMA = {
  tileShape: option.requiredByRule(checkTileShape),
  adc: option.optional(adcRule),
} satisfies OptionsSchema<TiledMatmulOptions>;

/**
 * Device-free tiled matrix product, the form of MemTorch's `tile_matmul` / `tiled_inference`: the input is split into
 * chunks of `tileRows` columns, the matrix into `tileRows × tileCols` tiles; each tile's partial output for each input
 * row (a vector of `tileCols` values, zero-padded at the right edge) goes through its own ADC, and the converted
 * partial sums are added digitally in float32. Without `adc` the result equals `input · G` up to float32 rounding.
 *
 * @param input - `batch × G.rows`, row-major (not modified).
 * @param batch - number of input rows.
 * @param G - the matrix, `{ rows, cols, data }` (conductances [S] for a crossbar).
 * @param options - see {@link TiledMatmulOptions}.
 * @returns `batch × G.cols` (float32).
 * @throws {InvalidParameterError} when `batch` is not a positive integer, an entry is NaN/Infinity, `tileShape` is not a pair of positive integers or `adc` is malformed.
 * @throws {NumericalError} when an output overflows the float32 range.
 * @throws {ShapeMismatchError} when `input` does not hold `batch × G.rows` values.
 * @example
 * tiledMatmul(new Float32Array([1, 2]), 1, { rows: 2, cols: 1, data: [3, 4] }, { tileShape: [1, 1] }); // → [11]
 */
export function tiledMatmul(input: Float32Array, batch: number, G: Matrix, options: TiledMatmulOptions): Float32Array {
  const where = 'tiledMatmul';
  requireOptions(where, options);
  const o = resolveOptions(where, options, SCHEMA);
  const b = checkPositiveInteger(where, 'batch', batch);
  const m = checkMatrix(where, 'G', G);
  checkFiniteArray(where, 'input', input);
  if (input.length !== b * m.rows)
    throw new ShapeMismatchError({
      where,
      parameter: 'input',
      expectedShape: [b * m.rows],
      actualShape: [input.length],
      detail: `(batch × G.rows = ${b} × ${m.rows}; rows = word lines = inputs)`,
    });
  const [tr, tc] = o.tileShape;
  const adc = o.adc === undefined ? null : adcConverter(o.adc);
  const v = input instanceof Float32Array ? input : Float32Array.from(input);
  const g = Float32Array.from(m.data);
  const out = tiledKernel(v, b, m.rows, m.cols, g, tr, tc, adc, new Float32Array(b * m.cols));
  // The kernel is unchecked (it serves mvm too): finite inputs can still overflow float32 in the sums.
  return checkFiniteOutput(where, out, m.cols, 'input · G exceeds the float32 range');
}
