import { type OptionsSchema, resolveOptions } from '@memsim/core';
import { SWEEP_RULES } from './sweep-rules';
import { deviceCopy } from '../internal/device-copy';
import type { Memristor } from '../memristor/memristor';
import type { DeviceModel } from '../population/device-population';
import { sampleCount } from '../signals/sample-count';
import { triangleSignal } from '../signals/triangle-signal';
import { checkMemory } from '@memsim/core';

/**
 * Options of {@link bipolarSwitching}; each defaults to the model's MemTorch `plot_bipolar_switching_behaviour` default.
 *
 * @example
 * const device = new Memristor(VTEAM);
 * const options: BipolarSwitchingOptions = { ...VTEAM.bipolarDefaults, dt: device.timeSeriesResolution }; // the defaults: 1.5 V, 50 MHz, 0.1 ns
 * bipolarSwitching(device, options).voltage.length; // → 201 (one period plus one sample)
 */
export interface BipolarSwitchingOptions {
  /** Nominal triangle amplitude [V]. */
  amplitude?: number;
  /** Sets the sample count K = ceil((1/f + dt)/dt) (one period plus one sample) [Hz]. */
  frequency?: number;
  /** Sample spacing [s]. @default the device's `timeSeriesResolution` */
  dt?: number;
}

const SCHEMA = {
  amplitude: SWEEP_RULES.amplitude,
  frequency: SWEEP_RULES.frequency,
  dt: SWEEP_RULES.dt,
} satisfies OptionsSchema<BipolarSwitchingOptions>;

/**
 * Drives a copy of `device` with MemTorch's bipolar triangle sweep and returns `{ voltage, current }`
 * (MemTorch's `plot_bipolar_switching_behaviour(..., return_result=True)`). The device itself is not changed.
 *
 * @throws {InvalidParameterError} for bad options; `NumericalError` (from `@memsim/core`) if the state blows up.
 * @example
 * const { voltage, current } = bipolarSwitching(new Memristor(VTEAM)); // 201 samples, peak 1.5224 V
 */
export function bipolarSwitching(
  // biome-ignore lint/suspicious/noExplicitAny: accepts a device or model of any parameter type.
  device: Memristor<any> | DeviceModel<any>,
  options: BipolarSwitchingOptions = {},
): { voltage: Float64Array; current: Float64Array } {
  const where = 'bipolarSwitching';
  const o = resolveOptions(where, options, SCHEMA);
  const copy = deviceCopy(where, device);
  // Absent options take the model's MemTorch defaults (known only once the device is).
  const amplitude = o.amplitude ?? copy.model.bipolarDefaults.amplitude;
  const frequency = o.frequency ?? copy.model.bipolarDefaults.frequency;
  const dt = o.dt ?? copy.timeSeriesResolution;
  const samples = sampleCount(1 / frequency, dt);
  // voltage and current: 16 bytes per sample.
  checkMemory(where, '1 / (frequency · dt)', samples, 16);
  const voltage = triangleSignal({ amplitude, samples });
  const current = copy.simulate(voltage, { returnCurrent: true, dt });
  return { voltage, current };
}
