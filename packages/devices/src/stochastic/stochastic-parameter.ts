import type { Rng } from '@memsim/core';

/**
 * The distributions a {@link StochasticParameter} can draw from.
 *
 * @example
 * const distribution: Distribution = normal({ mean: 50, std: 5 }).distribution; // → 'normal'
 */
export type Distribution = 'normal' | 'uniform' | 'lognormal';

/**
 * Runtime list of {@link Distribution} values.
 *
 * @example
 * DISTRIBUTIONS; // → ['normal', 'uniform', 'lognormal']
 */
export const DISTRIBUTIONS: readonly Distribution[] = Object.freeze(['normal', 'uniform', 'lognormal']);

/**
 * How samples outside `[min, max]` are handled.
 * - `'clamp'`: the sample is clamped onto the nearer bound (MemTorch's behaviour).
 * - `'resample'`: the sample is drawn again (a truly truncated distribution).
 * @example
 * const truncation: Truncation = 'resample'; // draws outside [min, max] are drawn again ('clamp' moves them to the bound)
 */
export type Truncation = 'clamp' | 'resample';

/**
 * Runtime list of {@link Truncation} values.
 *
 * @example
 * TRUNCATIONS; // → ['clamp', 'resample']: how draws outside [min, max] are brought back
 */
export const TRUNCATIONS: readonly Truncation[] = Object.freeze(['clamp', 'resample']);

/**
 * Serialisable description of a {@link StochasticParameter}.
 *
 * @example
 * const config: StochasticParameterConfig = normal({ mean: 50, std: 5, min: 10 }).toJSON();
 * // → { distribution: 'normal', args: { mean: 50, std: 5 }, min: 10, max: Infinity, truncation: 'clamp' }
 */
export interface StochasticParameterConfig {
  /** Which distribution. */
  distribution: Distribution;
  /**
   * Distribution arguments: `{ mean, std }` for normal, `{ low, high }` for uniform, `{ mu, sigma }` (of the
   * underlying normal) for lognormal.
   */
  args: Readonly<Record<string, number>>;
  /** Lower truncation bound (same unit as the parameter). */
  min: number;
  /** Upper truncation bound (same unit as the parameter). */
  max: number;
  /** How out-of-range samples are handled. */
  truncation: Truncation;
}

/**
 * A device parameter that varies from device to device: give it in place of a number in a model's parameters and
 * every device of a population draws its own value (MemTorch's `StochasticParameter` with `function=True`).
 * @example
 * const rOn: StochasticParameter = normal({ mean: 50, std: 5, min: 1 });
 * rOn.mean(); // → 50 (before truncation effects, which are negligible here)
 * rOn.sample(createRng(1)); // one draw
 */
export interface StochasticParameter extends Readonly<StochasticParameterConfig> {
  /** Brand used by {@link isStochasticParameter}. */
  readonly kind: 'StochasticParameter';
  /** Mean of the untruncated distribution (what MemTorch's `return_mean=True` gives). */
  mean(): number;
  /** Standard deviation of the untruncated distribution. */
  std(): number;
  /** One truncated sample. */
  sample(rng: Rng): number;
  /** Fills `out` with independent truncated samples and returns it. */
  fill(out: Float64Array, rng: Rng): Float64Array;
  /** The serialisable description. */
  toJSON(): StochasticParameterConfig;
}

/**
 * True when `value` is a {@link StochasticParameter} (duck-typed, so values from another copy of memsim work).
 *
 * @example
 * isStochasticParameter(normal({ mean: 50, std: 5 })); // → true
 * isStochasticParameter(50); // → false
 */
export function isStochasticParameter(value: unknown): value is StochasticParameter {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'StochasticParameter' &&
    typeof (value as StochasticParameter).fill === 'function'
  );
}
