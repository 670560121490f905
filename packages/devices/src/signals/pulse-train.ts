import {
  checkFiniteNumber,
  InvalidParameterError,
  type OptionsSchema,
  option,
  requireOptions,
  resolveOptions,
  rule,
} from '@memsim/core';
import { checkMemory } from '@memsim/core';

/**
 * Options of {@link pulseTrain}.
 *
 * @example
 * const options: PulseTrainOptions = { amplitude: 1, count: 1, pulseDuration: 2e-10, refractoryPeriod: 0, dt: 1e-10 }; // count, refractoryPeriod: defaults
 * pulseTrain(options); // → Float64Array [1, 1]
 */
export interface PulseTrainOptions {
  /** Pulse voltage [V]: one number for every pulse, or one per pulse. */
  amplitude: number | readonly number[];
  /** Number of pulses when `amplitude` is a number (positive integer). @default 1 */
  count?: number;
  /** Duration of each pulse [s] (> 0); rounded to a whole number of samples (at least one). */
  pulseDuration: number;
  /** 0 V time after each pulse [s] (≥ 0); rounded to a whole number of samples. @default 0 */
  refractoryPeriod?: number;
  /** Sample spacing [s] (> 0). */
  dt: number;
}

// `amplitude` (a number or an array, with `count` only for a number) is checked below, where its form decides.
const SCHEMA = {
  dt: option.requiredByRule(rule.positive),
  pulseDuration: option.requiredByRule(rule.positive),
  refractoryPeriod: option.withDefault(rule.nonNegative, 0),
  amplitude: option.optional(rule.any<number | readonly number[]>()),
  count: option.optional(rule.positiveInteger),
} satisfies OptionsSchema<PulseTrainOptions>;

/**
 * A train of rectangular voltage pulses, each `round(pulseDuration/dt)` samples at its amplitude followed by
 * `round(refractoryPeriod/dt)` samples at 0 V.
 *
 * @throws {InvalidParameterError} for a bad option (naming it).
 * @example
 * pulseTrain({ amplitude: [1, -1], pulseDuration: 2e-10, refractoryPeriod: 1e-10, dt: 1e-10 });
 * // → Float64Array [1, 1, 0, -1, -1, 0]
 */
export function pulseTrain(options: PulseTrainOptions): Float64Array {
  const where = 'pulseTrain';
  requireOptions(where, options);
  const { dt, pulseDuration, refractoryPeriod: refractory, count: given } = resolveOptions(where, options, SCHEMA);
  let levels: number[];
  if (typeof options.amplitude === 'number') {
    const count = given ?? 1;
    checkMemory(where, 'count', count, 8);
    levels = new Array(count).fill(checkFiniteNumber(where, 'amplitude', options.amplitude));
  } else if (Array.isArray(options.amplitude) && options.amplitude.length > 0) {
    if (options.count !== undefined)
      throw new InvalidParameterError({
        where,
        parameter: 'count',
        value: options.count,
        expected: 'omitted when `amplitude` is an array',
      });
    levels = options.amplitude.map((a, k) => checkFiniteNumber(where, `amplitude[${k}]`, a));
  } else
    throw new InvalidParameterError({
      where,
      parameter: 'amplitude',
      value: options.amplitude,
      expected: 'a finite number or a non-empty array of them [V]',
    });
  const on = Math.max(1, Math.round(pulseDuration / dt));
  const off = Math.round(refractory / dt);
  checkMemory(where, 'pulses × samples per pulse', levels.length * (on + off), 8);
  const out = new Float64Array(levels.length * (on + off));
  let k = 0;
  for (const level of levels) {
    out.fill(level, k, k + on);
    k += on + off;
  }
  return out;
}
