import { InvalidParameterError, ShapeMismatchError, checkMatrix } from '@memsim/core';
import type { Matrix } from '@memsim/core';
import { mapBuiltin } from '../internal/map-builtin';
import { resolveMappingOptions } from '../internal/resolve-mapping-options';
import type { BuiltinRoutine, MappingOptions, MappingResult, MappingRoutine } from './mapping-types';

/**
 * Options of {@link mapWeights}: the mapping options plus the routine to use.
 *
 * @example
 * const options: MapWeightsOptions = { routine: 'levels', levels: 16, rOn: 100, rOff: 16000, scheme: 'double-column' };
 */
export interface MapWeightsOptions extends MappingOptions {
  /**
   * `'naive'` (one w_max per matrix, MemTorch's map), `'per-column'` (one w_max per output column), `'levels'`
   * (naive, then snapped to `levels` conductance levels) or your own {@link MappingRoutine}.
   * @default 'naive'
   */
  routine?: BuiltinRoutine | MappingRoutine;
}

/**
 * Default routine of {@link mapWeights}.
 *
 * @example
 * DEFAULT_MAPPING_ROUTINE; // → 'naive'
 */
export const DEFAULT_MAPPING_ROUTINE: BuiltinRoutine = 'naive';

const ROUTINES: readonly BuiltinRoutine[] = Object.freeze(['naive', 'per-column', 'levels'] as const);

/**
 * Maps weights (rows = inputs, cols = outputs) to crossbar conductances with a built-in or user routine and returns
 * the conductances [S], the gain per output column (weight · gain = G⁺ − G⁻, or G − referenceConductance) and, for
 * single-column, the reference conductance g_m [S]. A user routine receives the validated weights and options
 * (without `routine`); its result is checked for shape.
 *
 * @param weights - weights, rows = inputs, cols = outputs.
 * @param options - `routine` (default `'naive'`), `rOn` [Ω], `rOff` [Ω], `scheme`, optional `pL` in [0, 1],
 * `levels` (integer ≥ 2, for `'levels'`).
 * @throws {InvalidParameterError} when `routine` is neither a built-in name nor a function, or on any bad weight or
 * option (NaN weights, rOn ≥ rOff, unknown scheme, pL outside [0, 1], levels < 2, `levels` with a routine that does
 * not use it).
 * @throws {ShapeMismatchError} when a user routine returns conductances or a gain of the wrong shape.
 * @example
 * const w = { rows: 2, cols: 2, data: [0.5, -1, 0.25, 0] }; // inputs × outputs
 * const { conductances, gain } = mapWeights(w, { routine: 'per-column', rOn: 100, rOff: 1000, scheme: 'double-column' });
 */
export function mapWeights(weights: Matrix, options: MapWeightsOptions): MappingResult {
  const where = 'mapWeights';
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { rOn, rOff, scheme }',
    });
  const { routine = DEFAULT_MAPPING_ROUTINE, ...rest } = options;
  if (typeof routine === 'string' && (ROUTINES as readonly string[]).includes(routine))
    return mapBuiltin(where, weights, rest, routine as BuiltinRoutine);
  if (typeof routine !== 'function')
    throw new InvalidParameterError({
      where,
      parameter: 'routine',
      value: routine,
      expected: `one of ${ROUTINES.map((r) => `'${r}'`).join(', ')} or a MappingRoutine function`,
    });
  const w = checkMatrix(where, 'weights', weights);
  const resolved = resolveMappingOptions(where, rest);
  const routineOptions: MappingOptions = Object.freeze({ ...rest });
  const result = routine(w, routineOptions);
  checkResult(where, result, w, resolved.scheme === 'double-column' ? 2 : 1);
  return result;
}

function checkResult(where: string, result: MappingResult, w: Matrix, count: number): void {
  if (typeof result !== 'object' || result === null || !Array.isArray(result.conductances))
    throw new InvalidParameterError({
      where,
      parameter: 'routine',
      value: result,
      expected: 'a function returning a MappingResult { conductances, gain }',
    });
  if (result.conductances.length !== count)
    throw new ShapeMismatchError({
      where,
      parameter: 'routine().conductances',
      expectedShape: [count],
      actualShape: [result.conductances.length],
      detail: '(2 matrices for double-column, 1 for single-column)',
    });
  result.conductances.forEach((g, i) => {
    if (
      !(g?.data instanceof Float64Array) ||
      g.rows !== w.rows ||
      g.cols !== w.cols ||
      g.data.length !== w.rows * w.cols
    )
      throw new ShapeMismatchError({
        where,
        parameter: `routine().conductances[${i}]`,
        expectedShape: [w.rows, w.cols],
        actualShape: [g?.rows ?? -1, g?.cols ?? -1],
        detail: '(a Matrix<Float64Array> shaped like the weights)',
      });
  });
  if (!(result.gain instanceof Float64Array) || result.gain.length !== w.cols)
    throw new ShapeMismatchError({
      where,
      parameter: 'routine().gain',
      expectedShape: [w.cols],
      actualShape: [result.gain?.length ?? -1],
      detail: '(one Float64Array entry per output column)',
    });
}
