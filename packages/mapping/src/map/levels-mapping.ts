import type { Matrix } from '@memsim/core';
import { mapBuiltin } from '../internal/map-builtin';
import type { MappingOptions, MappingResult } from './mapping-types';

/**
 * The `'levels'` mapping routine (quantisation-aware): maps like {@link naiveMapping}, then snaps every conductance to
 * the nearest of `levels` evenly spaced values g_off + k·(g_on − g_off)/(levels − 1), k = 0 … levels − 1, so the
 * result is exactly programmable on a device with that many states. The gain is the naive gain; the effective weight
 * error is at most half a level step / gain. For single-column use an odd `levels` so g_m (weight 0) is a level.
 *
 * @param weights - weights, rows = inputs, cols = outputs.
 * @param options - `rOn` [Ω], `rOff` [Ω], `scheme`, optional `pL` in [0, 1], `levels` (integer ≥ 2, required).
 * @throws {InvalidParameterError} when `levels` is missing or not an integer ≥ 2, or on any error of naiveMapping.
 * @example
 * const { conductances } = levelsMapping({ rows: 1, cols: 2, data: [1, 0.4] }, { rOn: 100, rOff: 1000, scheme: 'double-column', levels: 3 });
 * // conductances[0].data → [0.01, 0.0055] (0.4 snaps to the middle level)
 */
export function levelsMapping(weights: Matrix, options: MappingOptions): MappingResult {
  return mapBuiltin('levelsMapping', weights, options, 'levels');
}
