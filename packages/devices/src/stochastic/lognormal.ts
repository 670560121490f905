import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { BOUNDS_RULES, makeStochastic, readBounds } from '../internal/make-stochastic';
import { pick } from './normal';
import type { StochasticParameter, Truncation } from './stochastic-parameter';

/**
 * Options of {@link lognormal}. Give the mean and standard deviation of the variable itself (`mean`, `std`), or
 * the parameters of the underlying normal (`mu`/`loc`, `sigma`/`scale`, torch.distributions.LogNormal naming).
 * @example
 * const options: LognormalOptions = { mean: 1000, std: 100 }; // of the values themselves [Ω], not of their logarithm
 * createPopulation(VTEAM, 100, { rOff: lognormal(options) }, { seed: 1 });
 */
export interface LognormalOptions {
  /** Mean of the (positive) variable, > 0 (unit of the parameter). */
  mean?: number;
  /** Standard deviation of the variable, ≥ 0 (unit of the parameter). */
  std?: number;
  /** Mean of ln(variable). */
  mu?: number;
  /** Standard deviation of ln(variable), ≥ 0. */
  sigma?: number;
  /** Alias of `mu`. */
  loc?: number;
  /** Alias of `sigma`. */
  scale?: number;
  /** Lower bound of the samples. @default -Infinity */
  min?: number;
  /** Upper bound of the samples. @default +Infinity */
  max?: number;
  /** What to do with samples outside `[min, max]`. @default 'clamp' */
  truncation?: Truncation;
}

// Either (mean, std) or (mu, sigma) with aliases: checked together below.
const SCHEMA = {
  mean: option.optional(rule.any<number>()),
  std: option.optional(rule.any<number>()),
  mu: option.optional(rule.any<number>()),
  sigma: option.optional(rule.any<number>()),
  loc: option.optional(rule.any<number>()),
  scale: option.optional(rule.any<number>()),
  ...BOUNDS_RULES,
} satisfies OptionsSchema<LognormalOptions>;

/**
 * A log-normally distributed device parameter: ln(value) ~ N(mu, sigma²). Always positive, which suits
 * resistances.
 *
 * @throws {InvalidParameterError} when neither (mean, std) nor (mu, sigma) is given, mean ≤ 0, or a spread < 0.
 * @example
 * const rOff = lognormal({ mean: 1000, std: 100 });
 * rOff.mean(); // → 1000 (up to rounding)
 */
export function lognormal(options: LognormalOptions): StochasticParameter {
  const where = 'lognormal';
  const o = resolveOptions(where, options, SCHEMA);
  if (options === undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { mean, std } or { mu, sigma }',
    });
  const mu0 = pick(where, 'mu', 'loc', o.mu, o.loc);
  const sigma0 = pick(where, 'sigma', 'scale', o.sigma, o.scale);
  let mu: number;
  let sigma: number;
  if (o.mean !== undefined || o.std !== undefined) {
    if (mu0 !== undefined || sigma0 !== undefined)
      throw new InvalidParameterError({
        where,
        parameter: 'mu',
        value: mu0 ?? sigma0,
        expected: 'omitted when `mean`/`std` are given',
      });
    const { mean, std } = o;
    if (!(typeof mean === 'number' && Number.isFinite(mean) && mean > 0))
      throw new InvalidParameterError({ where, parameter: 'mean', value: mean, expected: 'a finite number > 0' });
    if (!(typeof std === 'number' && Number.isFinite(std) && std >= 0))
      throw new InvalidParameterError({ where, parameter: 'std', value: std, expected: 'a finite number >= 0' });
    sigma = Math.sqrt(Math.log1p((std / mean) ** 2));
    mu = Math.log(mean) - (sigma * sigma) / 2;
  } else {
    if (!(typeof mu0 === 'number' && Number.isFinite(mu0)))
      throw new InvalidParameterError({
        where,
        parameter: 'mu',
        value: mu0,
        expected: 'a finite number (or give `mean` and `std`)',
      });
    if (!(typeof sigma0 === 'number' && Number.isFinite(sigma0) && sigma0 >= 0))
      throw new InvalidParameterError({ where, parameter: 'sigma', value: sigma0, expected: 'a finite number >= 0' });
    mu = mu0;
    sigma = sigma0;
  }
  const bounds = readBounds(where, o);
  const mean = Math.exp(mu + (sigma * sigma) / 2);
  const std = mean * Math.sqrt(Math.expm1(sigma * sigma));
  return makeStochastic(
    { distribution: 'lognormal', args: { mu, sigma }, ...bounds },
    (rng) => Math.exp(mu + sigma * rng.normal()),
    (out, rng) => {
      rng.fillNormal(out, mu, sigma);
      for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]!);
    },
    mean,
    std,
  );
}
