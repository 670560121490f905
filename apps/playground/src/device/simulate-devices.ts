import { InvalidParameterError } from '@memsim/core';
import { createPopulation, normal, pulseTrain, sineSignal, type StochasticParameter } from '@memsim/devices';
import { DEVICE_MODELS } from './device-models';

/** Waveforms the device lab drives. */
export type Waveform = 'sine' | 'triangle' | 'pulse';
export const WAVEFORMS: readonly Waveform[] = Object.freeze(['sine', 'triangle', 'pulse']);

/** Everything the device lab simulates (also its URL state). All values SI. */
export interface DeviceSettings {
  /** One of DEVICE_MODEL_NAMES. */
  model: string;
  /** LinearIonDrift window (ignored by the other models). */
  window: string;
  /** Parameters overriding the model's defaults [SI]. */
  params: Record<string, number>;
  waveform: Waveform;
  /** Peak voltage [V]. */
  amplitude: number;
  /** Frequency of the drive [Hz]; one period is simulated. */
  frequency: number;
  /** Time steps over the period. */
  steps: number;
  /** Devices simulated (a family of loops when `sigma` > 0). */
  devices: number;
  /** Relative device-to-device std of rOn and rOff (0 = identical devices). */
  sigma: number;
  /** Seed of the device draw. */
  seed: number;
}

/** Result: the drive, and per device its current and state at every step. */
export interface DeviceRun {
  time: Float64Array;
  voltage: Float64Array;
  /** currents[d][k] [A] */
  currents: Float64Array[];
  /** states[d][k], in the model's state unit */
  states: Float64Array[];
  stateName: string;
}

/** The drive voltage of one period, `steps` samples (+1 for the sine, numpy `arange` count). */
export function driveSignal(s: DeviceSettings): { time: Float64Array; voltage: Float64Array; dt: number } {
  const period = 1 / s.frequency;
  const dt = period / s.steps;
  let voltage: Float64Array;
  if (s.waveform === 'sine')
    voltage = sineSignal({ duration: period, amplitude: s.amplitude, frequency: s.frequency, dt }).voltage;
  else if (s.waveform === 'triangle') {
    // 0 → A → −A → 0, linear ramps (a symmetric triangle over one period).
    voltage = new Float64Array(s.steps + 1);
    for (let k = 0; k <= s.steps; k++) {
      const p = k / s.steps;
      voltage[k] = s.amplitude * (p < 0.25 ? 4 * p : p < 0.75 ? 2 - 4 * p : 4 * p - 4);
    }
  } else {
    // Four pulses at +A then four at −A, each a quarter of its slot long (half-period per polarity).
    const slot = period / 8;
    voltage = pulseTrain({
      amplitude: [1, 1, 1, 1, -1, -1, -1, -1].map((x) => x * s.amplitude),
      pulseDuration: slot / 2,
      refractoryPeriod: slot / 2,
      dt,
    });
  }
  const time = new Float64Array(voltage.length);
  for (let k = 0; k < time.length; k++) time[k] = k * dt;
  return { time, voltage, dt };
}

/**
 * Drives `devices` devices of the chosen model with the waveform and records current and state at every step —
 * the batched kernels of @memsim/devices (one `step` call advances every device). The current is read before or
 * after each step as the model's `currentTiming` says (as `Memristor.simulate` and MemTorch do).
 *
 * @throws {InvalidParameterError} for a bad setting (from the library's own checks).
 */
export function simulateDevices(s: DeviceSettings): DeviceRun {
  const model = DEVICE_MODELS[s.model];
  if (model === undefined)
    throw new InvalidParameterError({
      where: 'device lab',
      parameter: 'model',
      value: s.model,
      expected: 'a model of @memsim/devices',
    });
  const params: Record<string, number | string | StochasticParameter> = { ...s.params };
  if (s.model === 'LinearIonDrift') params.window = s.window;
  const defaults = model.defaults as Record<string, number>;
  if (s.sigma > 0) {
    const rOn = s.params.rOn ?? defaults.rOn!;
    const rOff = s.params.rOff ?? defaults.rOff!;
    params.rOn = normal({ mean: rOn, std: s.sigma * rOn, min: rOn * 0.05 });
    params.rOff = normal({ mean: rOff, std: s.sigma * rOff, min: rOn * 1.5 });
  }
  const pop = createPopulation(model, s.devices, params as never, { seed: s.seed });
  const { time, voltage, dt } = driveSignal(s);
  const n = voltage.length;
  const currents = Array.from({ length: s.devices }, () => new Float64Array(n));
  const states = Array.from({ length: s.devices }, () => new Float64Array(n));
  const out = new Float64Array(s.devices);
  const before = model.currentTiming === 'before-step';
  model.beginSimulation(pop);
  for (let k = 0; k < n; k++) {
    const v = voltage[k]!;
    if (before) model.current(pop, v, out);
    model.step(pop, v, dt);
    if (!before) model.current(pop, v, out);
    for (let d = 0; d < s.devices; d++) {
      currents[d]![k] = out[d]!;
      states[d]![k] = pop.state[d]!;
    }
  }
  return { time, voltage, currents, states, stateName: model.stateName };
}
