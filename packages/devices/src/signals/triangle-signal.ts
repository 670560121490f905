import {
  checkMemory,
  NumericalError,
  type OptionsSchema,
  option,
  requireOptions,
  resolveOptions,
  rule,
} from '@memsim/core';

/**
 * Options of {@link triangleSignal}.
 *
 * @example
 * const options: TriangleSignalOptions = { amplitude: 1, samples: 8 };
 * triangleSignal(options); // → Float64Array [0, 0.5, 1, 1.5, 1, 0.5, 0, -0.5]
 */
export interface TriangleSignalOptions {
  /** Nominal peak voltage A [V] (≥ 0); the emitted peak overshoots it by less than one step, as in MemTorch. */
  amplitude: number;
  /** Number of samples K (positive integer). */
  samples: number;
}

// Both required (a bare signal has no model to default from); an absent one is reported by its rule.
const SCHEMA = {
  amplitude: option.requiredByRule(rule.nonNegative),
  samples: option.requiredByRule(rule.positiveInteger),
} satisfies OptionsSchema<TriangleSignalOptions>;

/**
 * MemTorch's bipolar triangle stepper : step `s = A/(K/4)`, `y = 0`; for each of the K samples emit `y`,
 * then `y += s`, and reverse `s` once `|y| > A`. Starts at 0 and rises; the first value beyond ±A is emitted before
 * the slope flips (K = 8, A = 1 gives 0, .5, 1, 1.5, 1, .5, 0, −.5).
 *
 * @throws {InvalidParameterError} for an unknown option, a negative amplitude or a non-integer sample count.
 * @example
 * triangleSignal({ amplitude: 1, samples: 8 }); // → Float64Array [0, 0.5, 1, 1.5, 1, 0.5, 0, -0.5]
 */
export function triangleSignal(options: TriangleSignalOptions): Float64Array {
  const where = 'triangleSignal';
  requireOptions(where, options);
  const { amplitude, samples: n } = resolveOptions(where, options, SCHEMA);
  checkMemory(where, 'samples', n, 8);
  const out = new Float64Array(n);
  let step = amplitude / (n / 4);
  let y = 0;
  for (let k = 0; k < n; k++) {
    out[k] = y;
    y += step;
    // An amplitude near the double range overshoots it by one step (the stepper emits A + s before turning).
    if (!(y - y === 0))
      throw new NumericalError({
        where,
        step: k,
        detail: `the signal overflowed (amplitude ${amplitude} V is too close to the double range)`,
      });
    if (Math.abs(y) > amplitude) step = -step;
  }
  return out;
}
