import type { Matrix } from '@memsim/core';
import { mapBuiltin } from '../internal/map-builtin';
import type { MappingOptions, MappingResult } from './mapping-types';

/**
 * The `'naive'` mapping routine: one w_max for the whole weight matrix (max |w|, or the `pL` percentile).
 * Double-column is exactly MemTorch's `naive_map`; single-column maps [−w_max, w_max] onto [g_off, g_on]
 * around g_m = (g_on + g_off)/2 so that G − g_m = w·gain and negative weights keep their sign.
 *
 * Gain [S per weight unit]: (g_on − g_off)/w_max (double-column, no pL), g_on/w_max (double-column with pL, beside
 * a dead zone |w| ≤ w_max·rOn/rOff), (g_on − g_off)/(2·w_max) (single-column). All-zero weights give G⁺ = G⁻ = g_off
 * (or G = g_m) and the gain of w_max = 1.
 *
 * @param weights - weights, rows = inputs, cols = outputs.
 * @param options - `rOn` [Ω], `rOff` [Ω], `scheme`, optional `pL` in [0, 1].
 * @returns the conductances [S], the gain per output column and, for single-column, the reference conductance [S].
 * @throws {InvalidParameterError} when the weights contain NaN or ±Infinity or have a bad shape.
 * @throws {InvalidParameterError} when rOn ≥ rOff, a resistance is not a finite number > 0, the scheme is unknown,
 * pL is outside [0, 1], or pL selects a zero magnitude while some weight is non-zero.
 * @example
 * const { conductances, gain } = naiveMapping({ rows: 1, cols: 2, data: [1, -0.5] }, { rOn: 100, rOff: 1000, scheme: 'double-column' });
 * // conductances[0].data → [0.01, 0.001]; conductances[1].data → [0.001, 0.0055]; gain → [0.009, 0.009]
 */
export function naiveMapping(weights: Matrix, options: MappingOptions): MappingResult {
  return mapBuiltin('naiveMapping', weights, options, 'naive');
}
