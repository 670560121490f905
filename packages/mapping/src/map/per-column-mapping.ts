import type { Matrix } from '@memsim/core';
import { mapBuiltin } from '../internal/map-builtin';
import type { MappingOptions, MappingResult } from './mapping-types';

/**
 * The `'per-column'` mapping routine: like {@link naiveMapping}, but each output column j uses its own w_max_j
 * (max |w[:, j]|, or the `pL` percentile of that column), so small-weight columns use the full conductance range.
 * The returned `gain[j]` differs per column; divide column j of the crossbar output by `gain[j]` to get back weight
 * units (W = (G⁺ − G⁻)/gain per column). An all-zero column maps to g_off (or g_m) with the gain of w_max = 1.
 *
 * @param weights - weights, rows = inputs, cols = outputs.
 * @param options - `rOn` [Ω], `rOff` [Ω], `scheme`, optional `pL` in [0, 1] (applied per column).
 * @throws {InvalidParameterError} when the weights contain NaN or ±Infinity or have a bad shape.
 * @throws {InvalidParameterError} when rOn ≥ rOff, a resistance is not a finite number > 0, the scheme is unknown,
 * or pL is outside [0, 1] (or selects a zero magnitude in a column that has a non-zero weight).
 * @example
 * const { gain } = perColumnMapping({ rows: 1, cols: 2, data: [1, 0.5] }, { rOn: 100, rOff: 1000, scheme: 'double-column' });
 * // gain → [0.009, 0.018]
 */
export function perColumnMapping(weights: Matrix, options: MappingOptions): MappingResult {
  return mapBuiltin('perColumnMapping', weights, options, 'per-column');
}
