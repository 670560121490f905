import { InvalidParameterError, NumericalError, checkMatrix } from '@memsim/core';
import type { Matrix } from '@memsim/core';
import type { BuiltinRoutine, MappingResult } from '../map/mapping-types';
import { mapKernel, uniformRange } from './map-kernel';
import { CONTINUOUS_MAPPING_SCHEMA, MAPPING_OPTIONS_SCHEMA, resolveMappingOptions } from './resolve-mapping-options';
import { snapToLevels } from './snap-to-levels';
import { columnMaxAbs, weightRange } from './weight-range';

/** The options schema of each built-in routine (only 'levels' takes a level count). */
const SCHEMAS = Object.freeze({
  naive: CONTINUOUS_MAPPING_SCHEMA,
  'per-column': CONTINUOUS_MAPPING_SCHEMA,
  levels: MAPPING_OPTIONS_SCHEMA,
} satisfies Record<BuiltinRoutine, unknown>);

/**
 * Validates weights and options once, then runs one built-in routine.
 *
 * @throws {InvalidParameterError} on bad weights (NaN, ±Infinity, bad shape) or bad options.
 */
export function mapBuiltin(where: string, weights: unknown, options: unknown, routine: BuiltinRoutine): MappingResult {
  const w: Matrix = checkMatrix(where, 'weights', weights);
  const o = resolveMappingOptions(where, options, SCHEMAS[routine]);
  if (routine === 'levels' && o.levels === undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'levels',
      value: undefined,
      expected: "given (an integer >= 2) for the 'levels' routine",
    });
  const { rows, cols, data } = w;
  let wMax: Float64Array;
  if (routine === 'per-column') {
    wMax = columnMaxAbs(data, rows, cols); // one row-major pass
    if (o.pL !== undefined) {
      const work = new Float64Array(rows);
      for (let j = 0; j < cols; j++) if (wMax[j]! > 0) wMax[j] = weightRange(where, data, j, cols, rows, o.pL, work);
    }
  } else {
    const n = rows * cols;
    const work = new Float64Array(o.pL === undefined ? 0 : n);
    wMax = uniformRange(cols, weightRange(where, data, 0, 1, n, o.pL, work));
  }
  // A valid but extreme resistance (rOn = 1e-320 Ω) has no finite conductance 1/rOn: say so instead of mapping to ±∞.
  if (!(o.gOn < Number.POSITIVE_INFINITY))
    throw new NumericalError({
      where,
      step: -1,
      detail: `1/rOn = 1/${o.rOn} Ω overflows a double (the LRS conductance gOn would be ${o.gOn} S)`,
    });
  const result = mapKernel(data, rows, cols, wMax, o);
  if (routine === 'levels') for (const g of result.conductances) snapToLevels(g.data, o.gOn, o.gOff, o.levels!);
  checkFiniteResult(where, result);
  return result;
}

/** Every conductance and gain of a mapping is finite (extreme weights or resistances can overflow otherwise). */
function checkFiniteResult(where: string, result: MappingResult): void {
  const fail = (what: string, i: number, v: number) =>
    new NumericalError({
      where,
      step: -1,
      detail: `${what}[${i}] is ${v} (the weights or resistances exceed the double range)`,
    });
  // The gain first: Δg/w_max overflows for a subnormal w_max, and the conductances inherit it.
  for (let j = 0; j < result.gain.length; j++)
    if (!(result.gain[j]! > 0 && result.gain[j]! < Number.POSITIVE_INFINITY)) throw fail('gain', j, result.gain[j]!);
  result.conductances.forEach((g, k) => {
    for (let i = 0; i < g.data.length; i++)
      if (!(g.data[i]! - g.data[i]! === 0)) throw fail(`conductances[${k}].data`, i, g.data[i]!);
  });
}
