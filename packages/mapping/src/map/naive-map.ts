import type { Matrix } from '@memsim/core';
import { mapBuiltin } from '../internal/map-builtin';
import type { MappingOptions } from './mapping-types';

/**
 * Options of {@link naiveMap}: `rOn` [Ω], `rOff` [Ω], `scheme`, optional `pL` in [0, 1].
 *
 * @example
 * const options: NaiveMapOptions = { rOn: 100, rOff: 16000, scheme: 'single-column' };
 * naiveMap({ rows: 1, cols: 1, data: [1] }, options).length; // → 1 (single column: one matrix)
 */
export type NaiveMapOptions = Omit<MappingOptions, 'levels'>;

/**
 * Maps weights to conductances like MemTorch's `naive_map`: returns [G⁺, G⁻] (double-column) or [G]
 * (single-column), each shaped like the weights [S]. See {@link naiveMapping} for the formulas and the gain; use
 * `mapWeights` when you also need the gain.
 *
 * @param weights - weights, rows = inputs, cols = outputs.
 * @param options - `rOn` [Ω] (mean LRS), `rOff` [Ω] (mean HRS), `scheme`, optional `pL` in [0, 1].
 * @throws {InvalidParameterError} when the weights contain NaN or ±Infinity or have a bad shape.
 * @throws {InvalidParameterError} when rOn ≥ rOff, a resistance is not a finite number > 0, the scheme is unknown,
 * or pL is outside [0, 1] (or selects a zero magnitude while some weight is non-zero).
 * @example
 * const [gPos, gNeg] = naiveMap({ rows: 2, cols: 2, data: [0.5, -1, 0.25, 0] }, { rOn: 100, rOff: 16000, scheme: 'double-column' });
 * // gPos.data[0] → 6.25e-5 + 0.5·(0.01 − 6.25e-5); gNeg.data[1] → 0.01
 */
export function naiveMap(weights: Matrix, options: NaiveMapOptions): Matrix<Float64Array>[] {
  return mapBuiltin('naiveMap', weights, options, 'naive').conductances;
}
