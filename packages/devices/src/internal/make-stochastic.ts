import { InvalidParameterError, NumericalError, option, type OptionCheck, type Rng } from '@memsim/core';
import type { StochasticParameter, StochasticParameterConfig, Truncation } from '../stochastic/stochastic-parameter';

/** Maximum number of redraws per sample with `truncation: 'resample'`. */
const MAX_REDRAWS = 10_000;

/** Builds a StochasticParameter from a raw draw function and moments (arguments already validated). */
export function makeStochastic(
  config: StochasticParameterConfig,
  draw: (rng: Rng) => number,
  fillRaw: (out: Float64Array, rng: Rng) => void,
  mean: number,
  std: number,
): StochasticParameter {
  const { min, max, truncation } = config;
  const frozen: StochasticParameterConfig = Object.freeze({
    distribution: config.distribution,
    args: Object.freeze({ ...config.args }),
    min,
    max,
    truncation,
  });
  const sampleOne = (rng: Rng): number => {
    let v = draw(rng);
    if (v >= min && v <= max) return v;
    if (truncation === 'clamp') return v < min ? min : max;
    for (let k = 0; k < MAX_REDRAWS; k++) {
      v = draw(rng);
      if (v >= min && v <= max) return v;
    }
    throw new NumericalError({
      where: `${config.distribution}`,
      step: -1,
      detail: `no sample fell inside [${min}, ${max}] in ${MAX_REDRAWS} draws; widen \`min\`/\`max\``,
    });
  };
  const parameter: StochasticParameter = {
    kind: 'StochasticParameter',
    ...frozen,
    mean: () => mean,
    std: () => std,
    sample: sampleOne,
    fill(out: Float64Array, rng: Rng): Float64Array {
      fillRaw(out, rng);
      const n = out.length;
      for (let i = 0; i < n; i++) {
        const v = out[i]!;
        if (!(v >= min && v <= max)) out[i] = truncation === 'clamp' ? (v < min ? min : max) : sampleOne(rng);
      }
      return out;
    },
    toJSON: () => ({ ...frozen, args: { ...frozen.args } }),
  };
  return Object.freeze(parameter);
}

const minRule: OptionCheck<number> = (where, parameter, value) => {
  if (typeof value !== 'number' || Number.isNaN(value) || value === Number.POSITIVE_INFINITY)
    throw new InvalidParameterError({ where, parameter, value, expected: 'a number < +Infinity' });
  return value;
};
const maxRule: OptionCheck<number> = (where, parameter, value) => {
  if (typeof value !== 'number' || Number.isNaN(value) || value === Number.NEGATIVE_INFINITY)
    throw new InvalidParameterError({ where, parameter, value, expected: 'a number > -Infinity' });
  return value;
};
const truncationRule: OptionCheck<Truncation> = (where, parameter, value) => {
  if (value !== 'clamp' && value !== 'resample')
    throw new InvalidParameterError({ where, parameter, value, expected: "'clamp' or 'resample'" });
  return value;
};

/** The rules of the bounds every distribution takes (`min`, `max`, `truncation`), written once. */
export const BOUNDS_RULES = {
  min: option.withDefault(minRule, Number.NEGATIVE_INFINITY),
  max: option.withDefault(maxRule, Number.POSITIVE_INFINITY),
  truncation: option.withDefault(truncationRule, 'clamp' as Truncation),
};

/** The resolved bounds of a distribution's options (see {@link BOUNDS_RULES}), checked min <= max. */
export function readBounds(
  where: string,
  options: { min: number; max: number; truncation: Truncation },
): { min: number; max: number; truncation: Truncation } {
  const { min, max, truncation } = options;
  if (!(min <= max))
    throw new InvalidParameterError({ where, parameter: 'min', value: min, expected: `<= \`max\` (${max})` });
  return { min, max, truncation };
}
