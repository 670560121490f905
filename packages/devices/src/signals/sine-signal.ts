import { type OptionsSchema, option, requireOptions, resolveOptions, rule } from '@memsim/core';
import { sampleCount } from './sample-count';
import { checkMemory } from '@memsim/core';

/**
 * Options of {@link sineSignal}.
 *
 * @example
 * const options: SineSignalOptions = { duration: 1, amplitude: 1, frequency: 1, dt: 0.25, phase: 0 }; // phase: default
 * sineSignal(options).time; // → Float64Array [0, 0.25, 0.5, 0.75, 1]
 */
export interface SineSignalOptions {
  /** Length of the signal; samples run from 0 to `duration` inclusive [s]. */
  duration: number;
  /** Peak voltage A [V] (≥ 0). */
  amplitude: number;
  /** Frequency f [Hz] (> 0). */
  frequency: number;
  /** Sample spacing [s] (> 0). */
  dt: number;
  /** Phase φ [rad]. @default 0 */
  phase?: number;
}

// The sweeps' rules, here required (a bare signal has no model to default from); an absent one is reported by its rule.
const SCHEMA = {
  duration: option.requiredByRule(rule.positive),
  amplitude: option.requiredByRule(rule.nonNegative),
  frequency: option.requiredByRule(rule.positive),
  dt: option.requiredByRule(rule.positive),
  phase: option.withDefault(rule.finite, 0),
} satisfies OptionsSchema<SineSignalOptions>;

/**
 * A sampled sine wave `V_k = A·sin(2π f t_k + φ)`, `t_k = k·dt`, with numpy's `arange(0, duration + dt, dt)` sample
 * count (MemTorch's `plot_hysteresis_loop` signal).
 *
 * @throws {InvalidParameterError} for a missing or out-of-range option.
 * @example
 * sineSignal({ duration: 1, amplitude: 1, frequency: 1, dt: 0.25 }).voltage; // → [0, 1, ~0, -1, ~0]
 */
export function sineSignal(options: SineSignalOptions): { time: Float64Array; voltage: Float64Array } {
  const where = 'sineSignal';
  requireOptions(where, options);
  const { duration, amplitude, frequency, dt, phase } = resolveOptions(where, options, SCHEMA);
  const n = sampleCount(duration, dt);
  // time and voltage: 16 bytes per sample.
  checkMemory(where, 'duration / dt', n, 16);
  const time = new Float64Array(n);
  const voltage = new Float64Array(n);
  const w = 2 * Math.PI * frequency;
  for (let k = 0; k < n; k++) {
    const t = k * dt;
    time[k] = t;
    voltage[k] = amplitude * Math.sin(w * t + phase);
  }
  return { time, voltage };
}
