/**
 * A parameter that is either shared (one number) or per device (a Float64Array), seen as an array read at
 * `values[i & mask]`: a shared value is a one-element array with mask 0, a per-device array has mask −1 (i & −1 = i
 * for every device index < 2³¹).
 *
 * Why: a kernel loop over millions of devices that tests `typeof p === 'number'` (or `a === null ? s : a[i]`) per
 * device is compiled by V8 for the cases it has seen; when a population's parameter turns from shared into per device
 * (drift or programming noise widening rOff), the optimised loop deoptimises and the next call runs in the baseline
 * tier until it is compiled again — measured ≈ 90 ms per 4 M devices on the PCM drift start (docs/benchmarks.md,
 * issue 17). With the masked read the loop always sees a Float64Array and an integer AND, whatever the population.
 *
 * @example
 * const rOff = maskedParameter(1000);
 * rOff.values[12345 & rOff.mask]; // → 1000
 */
export interface MaskedParameter {
  readonly values: Float64Array;
  readonly mask: number;
}

/**
 * The masked view of a shared or per-device parameter (no copy of a per-device array).
 *
 * @example
 * maskedParameter(new Float64Array([1, 2, 3])).mask; // → -1
 */
export function maskedParameter(p: number | Float64Array): MaskedParameter {
  return typeof p === 'number' ? { values: Float64Array.of(p), mask: 0 } : { values: p, mask: -1 };
}
