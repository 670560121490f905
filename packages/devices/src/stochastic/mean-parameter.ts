import { InvalidParameterError } from '@memsim/core';
import { isStochasticParameter } from './stochastic-parameter';

/**
 * The mean of a parameter given as a number or a {@link StochasticParameter} (e.g. the `rOn`/`rOff` a weight
 * mapping should use: memsim uses the means, as MemTorch intended for its "reference" device).
 *
 * @param params - a model's parameters (numbers or stochastic parameters); `undefined` entries fall back to `defaults`.
 * @param name - parameter name, e.g. `'rOn'`.
 * @param defaults - optional model defaults (e.g. `VTEAM.defaults`) used when `params[name]` is absent.
 * @throws {InvalidParameterError} when the parameter is absent from both or is neither a number nor stochastic.
 * @example
 * meanParameter({ rOn: normal({ mean: 50, std: 5 }) }, 'rOn'); // → 50
 */
export function meanParameter(
  params: Readonly<Record<string, unknown>> | undefined,
  name: string,
  defaults?: Readonly<Record<string, unknown>>,
): number {
  if (typeof name !== 'string' || name === '')
    throw new InvalidParameterError({
      where: 'meanParameter',
      parameter: 'name',
      value: name,
      expected: 'a parameter name',
    });
  let value = params?.[name];
  if (value === undefined) value = defaults?.[name];
  if (value === undefined)
    throw new InvalidParameterError({
      where: 'meanParameter',
      parameter: 'name',
      value: name,
      expected: 'the name of a parameter given in `params` or `defaults`',
    });
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (isStochasticParameter(value)) return value.mean();
  if (value instanceof Float64Array && value.length > 0) {
    let s = 0;
    for (let i = 0; i < value.length; i++) s += value[i]!;
    return s / value.length;
  }
  throw new InvalidParameterError({
    where: 'meanParameter',
    parameter: name,
    value,
    expected: 'a finite number, a StochasticParameter or a non-empty Float64Array',
  });
}
