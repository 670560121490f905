import { InvalidParameterError, NumericalError, type Rng } from '@memsim/core';
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

/** Reads the optional `min`, `max`, `truncation` of a distribution's options and checks min <= max. */
export function readBounds(
  where: string,
  options: { min?: unknown; max?: unknown; truncation?: unknown },
): { min: number; max: number; truncation: Truncation } {
  const min = options.min === undefined ? Number.NEGATIVE_INFINITY : options.min;
  const max = options.max === undefined ? Number.POSITIVE_INFINITY : options.max;
  if (typeof min !== 'number' || Number.isNaN(min) || min === Number.POSITIVE_INFINITY)
    throw new InvalidParameterError({ where, parameter: 'min', value: min, expected: 'a number < +Infinity' });
  if (typeof max !== 'number' || Number.isNaN(max) || max === Number.NEGATIVE_INFINITY)
    throw new InvalidParameterError({ where, parameter: 'max', value: max, expected: 'a number > -Infinity' });
  if (!(min <= max))
    throw new InvalidParameterError({ where, parameter: 'min', value: min, expected: `<= \`max\` (${max})` });
  const truncation = options.truncation === undefined ? 'clamp' : options.truncation;
  if (truncation !== 'clamp' && truncation !== 'resample')
    throw new InvalidParameterError({
      where,
      parameter: 'truncation',
      value: truncation,
      expected: "'clamp' or 'resample'",
    });
  return { min, max, truncation };
}
