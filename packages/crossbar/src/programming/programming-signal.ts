// MODULES //

import { InvalidParameterError, option, requireOptions, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';

// MAIN //

/**
 * Options of {@link programmingSignal}.
 *
 * @example
 * const options: ProgrammingSignalOptions = { pulses: 3, pulseDuration: 1e-9, voltage: 1, dt: 1e-10 }; // [s], [V]
 * programmingSignal(options).voltage;
 */
export interface ProgrammingSignalOptions {
  /** Number of pulses (positive integer). */
  pulses: number;
  /** Duration of each pulse [s]; must be a whole multiple of `dt` (within 1e-9 steps). */
  pulseDuration: number;
  /** Rest time at 0 V after each pulse [s]; a whole multiple of `dt`. @default 0 */
  refractoryPeriod?: number;
  /** Pulse amplitude [V] (sign included). */
  voltage: number;
  /** Time step of the signal [s] (the device model's time-series resolution). */
  dt: number;
}

/**
 * A sampled voltage signal.
 *
 * @example
 * const signal: ProgrammingSignal = programmingSignal({ pulses: 2, pulseDuration: 3e-10, refractoryPeriod: 2e-10, voltage: 0.5, dt: 1e-10 });
 * signal.time.length === signal.voltage.length; // → true
 */
export interface ProgrammingSignal {
  /** Sample times [s]: `time[k] = k·dt`. */
  time: Float64Array;
  /** Voltage of each sample [V]. */
  voltage: Float64Array;
}

/** Whole number of `dt` steps in `duration`, or -1 when it is not a whole multiple (tolerance 1e-9 steps). */
function stepsIn(duration: number, dt: number): number {
  const ratio = duration / dt;
  const n = Math.round(ratio);
  return Math.abs(ratio - n) < 1e-9 ? n : -1;
}

/** The rules of {@link ProgrammingSignalOptions}; whole multiples of `dt` are checked below. */
const SCHEMA = {
  pulses: option.requiredByRule(rule.positiveInteger),
  pulseDuration: option.requiredByRule(rule.positive),
  refractoryPeriod: option.withDefault(rule.nonNegative, 0),
  voltage: option.requiredByRule(rule.finite),
  dt: option.requiredByRule(rule.positive),
} satisfies OptionsSchema<ProgrammingSignalOptions>;

/**
 * Builds a train of rectangular pulses, as MemTorch's `gen_programming_signal`: each period is
 * `round(pulseDuration/dt)` samples at `voltage` followed by `round(refractoryPeriod/dt)` samples at 0 V,
 * repeated `pulses` times.
 *
 * @param options - see {@link ProgrammingSignalOptions}.
 * @throws {InvalidParameterError} when a duration is not a whole (non-zero for the pulse) multiple of `dt`, or an option is out of range.
 * @example
 * programmingSignal({ pulses: 2, pulseDuration: 3e-10, refractoryPeriod: 2e-10, voltage: 0.5, dt: 1e-10 }).voltage;
 * // → [0.5, 0.5, 0.5, 0, 0, 0.5, 0.5, 0.5, 0, 0]
 */
export function programmingSignal(options: ProgrammingSignalOptions): ProgrammingSignal {
  const where = 'programmingSignal';
  requireOptions(where, options);
  const { pulses, pulseDuration, refractoryPeriod: refractory, voltage, dt } = resolveOptions(where, options, SCHEMA);
  const on = stepsIn(pulseDuration, dt);
  if (on < 1)
    throw new InvalidParameterError({
      where,
      parameter: 'pulseDuration',
      value: pulseDuration,
      expected: `a whole, non-zero multiple of \`dt\` (${dt} s)`,
    });
  const off = stepsIn(refractory, dt);
  if (off < 0)
    throw new InvalidParameterError({
      where,
      parameter: 'refractoryPeriod',
      value: refractory,
      expected: `a whole multiple of \`dt\` (${dt} s)`,
    });
  const period = on + off;
  const n = pulses * period;
  const time = new Float64Array(n);
  const signal = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    time[k] = k * dt;
    if (k % period < on) signal[k] = voltage;
  }
  return { time, voltage: signal };
}
