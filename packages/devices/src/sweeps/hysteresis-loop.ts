import { type OptionsSchema, resolveOptions } from '@memsim/core';
import { SWEEP_RULES } from './sweep-rules';
import { deviceCopy } from '../internal/device-copy';
import type { Memristor } from '../memristor/memristor';
import type { DeviceModel } from '../population/device-population';
import { sineSignal } from '../signals/sine-signal';
import { checkMemory } from '@memsim/core';
import { sampleCount } from '../signals/sample-count';

/**
 * Options of {@link hysteresisLoop}; each defaults to the model's MemTorch `plot_hysteresis_loop` default.
 *
 * @example
 * const device = new Memristor(VTEAM);
 * const options: HysteresisLoopOptions = { ...VTEAM.hysteresisDefaults, dt: device.timeSeriesResolution }; // the defaults: 200 ns, 1 V, 50 MHz, 0.1 ns
 * hysteresisLoop(device, options).voltage.length; // → 2001
 */
export interface HysteresisLoopOptions {
  /** Sweep length [s]. */
  duration?: number;
  /** Sine amplitude [V]. */
  amplitude?: number;
  /** Sine frequency [Hz]. */
  frequency?: number;
  /** Sample spacing [s]. @default the device's `timeSeriesResolution` */
  dt?: number;
}

/**
 * Result of a sweep: sample times [s] (hysteresis only), voltages [V] and currents [A].
 *
 * @example
 * const loop: SweepResult = hysteresisLoop(new Memristor(VTEAM));
 * loop.time?.length; // → 2001 (bipolarSwitching's result has no time)
 * Math.max(...loop.current); // → ≈ 0.01417 A
 */
export interface SweepResult {
  time?: Float64Array;
  voltage: Float64Array;
  current: Float64Array;
}

const SCHEMA = { ...SWEEP_RULES } satisfies OptionsSchema<HysteresisLoopOptions>;

/**
 * Drives a copy of `device` with `A·sin(2π f t)` for `t = 0 … duration` and returns the I-V loop (MemTorch's
 * `plot_hysteresis_loop(..., return_result=True)`). The device itself is not changed (MemTorch mutates it).
 *
 * @param device - a Memristor, or a model (a fresh default device is used).
 * @throws {InvalidParameterError} for bad options; `NumericalError` (from `@memsim/core`) if the state blows up.
 * @example
 * const { voltage, current } = hysteresisLoop(new Memristor(VTEAM)); // 2001 samples, I_max ≈ 0.01417 A
 */
// biome-ignore lint/suspicious/noExplicitAny: accepts a device or model of any parameter type.
export function hysteresisLoop(
  device: Memristor<any> | DeviceModel<any>,
  options: HysteresisLoopOptions = {},
): Required<SweepResult> {
  const where = 'hysteresisLoop';
  const o = resolveOptions(where, options, SCHEMA);
  const copy = deviceCopy(where, device);
  // Absent options take the model's MemTorch defaults (known only once the device is).
  const defaults = copy.model.hysteresisDefaults;
  const duration = o.duration ?? defaults.duration;
  const amplitude = o.amplitude ?? defaults.amplitude;
  const frequency = o.frequency ?? defaults.frequency;
  const dt = o.dt ?? copy.timeSeriesResolution;
  // time, voltage and current: 24 bytes per sample, before any of them is allocated.
  checkMemory(where, 'duration', sampleCount(duration, dt), 24);
  const { time, voltage } = sineSignal({ duration, amplitude, frequency, dt });
  const current = copy.simulate(voltage, { returnCurrent: true, dt });
  return { time, voltage, current };
}
