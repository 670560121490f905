import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { BOUNDS_RULES, makeStochastic, readBounds } from '../internal/make-stochastic';
import type { StochasticParameter, Truncation } from './stochastic-parameter';

/**
 * Options of {@link uniform}.
 *
 * @example
 * const options: UniformOptions = { low: 900, high: 1100 }; // [Ω]
 * createPopulation(VTEAM, 100, { rOff: uniform(options) }, { seed: 1 });
 */
export interface UniformOptions {
  /** Lower end of the distribution (unit of the parameter). */
  low: number;
  /** Upper end of the distribution, > `low` (unit of the parameter). */
  high: number;
  /** Lower bound of the samples. @default -Infinity */
  min?: number;
  /** Upper bound of the samples. @default +Infinity */
  max?: number;
  /** What to do with samples outside `[min, max]`. @default 'clamp' */
  truncation?: Truncation;
}

const SCHEMA = {
  low: option.optional(rule.any<number>()), // low and high are checked together below
  high: option.optional(rule.any<number>()),
  ...BOUNDS_RULES,
} satisfies OptionsSchema<UniformOptions>;

/**
 * A uniformly distributed device parameter on `[low, high)`, optionally truncated to `[min, max]`.
 *
 * @throws {InvalidParameterError} when `low`/`high` are not finite or `low >= high`.
 * @example
 * const rOff = uniform({ low: 900, high: 1100 });
 * rOff.mean(); // → 1000
 */
export function uniform(options: UniformOptions): StochasticParameter {
  const where = 'uniform';
  const o = resolveOptions(where, options, SCHEMA);
  if (options === undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { low, high }',
    });
  const { low, high } = o;
  if (!(typeof low === 'number' && Number.isFinite(low)))
    throw new InvalidParameterError({ where, parameter: 'low', value: low, expected: 'a finite number' });
  if (!(typeof high === 'number' && Number.isFinite(high) && high > low))
    throw new InvalidParameterError({
      where,
      parameter: 'high',
      value: high,
      expected: `a finite number > \`low\` (${low})`,
    });
  const bounds = readBounds(where, o);
  const span = high - low;
  return makeStochastic(
    { distribution: 'uniform', args: { low, high }, ...bounds },
    (rng) => low + span * rng.uniform(),
    (out, rng) => {
      rng.fillUniform(out, low, high);
    },
    (low + high) / 2,
    span / Math.sqrt(12),
  );
}
