import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { BOUNDS_RULES, makeStochastic, readBounds } from '../internal/make-stochastic';
import type { StochasticParameter, Truncation } from './stochastic-parameter';

/**
 * Options of {@link normal}. Give `mean` and `std`, or MemTorch's `loc` and `scale` (same meaning).
 *
 * @example
 * const options: NormalOptions = { mean: 50, std: 5, min: 10 }; // [Ω]: truncated below at 10 Ω
 * createPopulation(VTEAM, 100, { rOn: normal(options) }, { seed: 1 });
 */
export interface NormalOptions {
  /** Mean μ (unit of the parameter). */
  mean?: number;
  /** Standard deviation σ ≥ 0 (unit of the parameter). */
  std?: number;
  /** Alias of `mean` (torch.distributions.Normal naming). */
  loc?: number;
  /** Alias of `std` (torch.distributions.Normal naming). */
  scale?: number;
  /** Lower bound of the samples. @default -Infinity */
  min?: number;
  /** Upper bound of the samples. @default +Infinity */
  max?: number;
  /** What to do with samples outside `[min, max]`. @default 'clamp' (MemTorch) */
  truncation?: Truncation;
}

// A value and its alias are checked together (pick), then as numbers below.
const SCHEMA = {
  mean: option.optional(rule.any<number>()),
  std: option.optional(rule.any<number>()),
  loc: option.optional(rule.any<number>()),
  scale: option.optional(rule.any<number>()),
  ...BOUNDS_RULES,
} satisfies OptionsSchema<NormalOptions>;

/**
 * A normally distributed device parameter, N(mean, std²), truncated to `[min, max]`.
 *
 * @param options - `{ mean, std }` or `{ loc, scale }`, plus optional `min`, `max`, `truncation`.
 * @throws {InvalidParameterError} when mean/std are missing or not finite, std < 0, or min > max.
 * @example
 * const rOn = normal({ mean: 50, std: 5, min: 1 });
 * rOn.mean(); // → 50
 */
export function normal(options: NormalOptions): StochasticParameter {
  const where = 'normal';
  const o = resolveOptions(where, options, SCHEMA);
  if (options === undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { mean, std }',
    });
  const mean = pick(where, 'mean', 'loc', o.mean, o.loc);
  const std = pick(where, 'std', 'scale', o.std, o.scale);
  if (!(typeof mean === 'number' && Number.isFinite(mean)))
    throw new InvalidParameterError({ where, parameter: 'mean', value: mean, expected: 'a finite number' });
  if (!(typeof std === 'number' && Number.isFinite(std) && std >= 0))
    throw new InvalidParameterError({ where, parameter: 'std', value: std, expected: 'a finite number >= 0' });
  const bounds = readBounds(where, o);
  return makeStochastic(
    { distribution: 'normal', args: { mean, std }, ...bounds },
    (rng) => mean + std * rng.normal(),
    // The bulk fill of @memsim/core; makeStochastic's pass then clamps or redraws what falls outside [min, max].
    (out, rng) => {
      rng.fillNormal(out, mean, std);
    },
    mean,
    std,
  );
}

/** Returns whichever of a name and its alias is given; throws if both are. */
export function pick(where: string, name: string, alias: string, value: unknown, aliasValue: unknown): unknown {
  if (value !== undefined && aliasValue !== undefined)
    throw new InvalidParameterError({
      where,
      parameter: alias,
      value: aliasValue,
      expected: `omitted when \`${name}\` is given`,
    });
  return value !== undefined ? value : aliasValue;
}
