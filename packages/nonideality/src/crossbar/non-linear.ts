import { InvalidParameterError, checkKnownKeys, checkOneOf, checkPositiveNumber } from '@memsim/core';
import { clonePopulation } from '@memsim/devices';
import type { DevicePopulation } from '@memsim/devices';
import { setLookupBuilder } from '../internal/cells';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike, DeviceLookup } from './crossbar-like';

/** How the crossbar's non-linear MVM mode computes each cell's current. */
export type NonLinearMode = 'lookup' | 'simulate';

/** Runtime list of {@link NonLinearMode} values. */
export const NON_LINEAR_MODES: readonly NonLinearMode[] = Object.freeze(['lookup', 'simulate']);

/** Options of {@link nonLinear} (MemTorch `NonLinear`). */
export interface NonLinearOptions {
  /**
   * `'lookup'`: sweep every device once (on a copy) and attach a per-device I(V) table that the crossbar's
   * `nonlinear` MVM interpolates. `'simulate'`: no table; the MVM evaluates the model's current at each device's
   * present state (read-only: the stored conductance is not touched). @default 'lookup'
   */
  mode?: NonLinearMode;
  /** Sweep length [s] (MemTorch `sweep_duration`); the table uses its first quarter period. Required for `'lookup'`. */
  sweepDuration?: number;
  /** Sweep amplitude [V] (MemTorch `sweep_voltage_signal_amplitude`, which MemTorch ignored). Required for `'lookup'`. */
  sweepAmplitude?: number;
  /** Sweep frequency [Hz] (MemTorch `sweep_voltage_signal_frequency`). Required for `'lookup'`. */
  sweepFrequency?: number;
  /** Time step of the sweep [s]. @default the population's `timeSeriesResolution` */
  timeStep?: number;
}

/** What {@link nonLinear} did. */
export interface NonLinearReport {
  kind: 'nonLinear';
  mode: NonLinearMode;
  /** Table voltages [V], ascending from 0 to the amplitude ('lookup'); empty for 'simulate'. */
  voltages: Float64Array;
  /** Table samples per device (0 for 'simulate'). */
  samples: number;
  /** Devices swept (tile padding included; 0 for 'simulate'). */
  devices: number;
}

const KEYS = ['mode', 'sweepDuration', 'sweepAmplitude', 'sweepFrequency', 'timeStep'] as const;
/** Upper limits that keep a table in memory: samples per device, and devices × samples. */
const MAX_SAMPLES = 100_000;
const MAX_ENTRIES = 2 ** 28;

interface Sweep {
  amplitude: number;
  frequency: number;
  dt: number;
  /** Index of the last simulated sample (t = last·dt). */
  last: number;
}

/**
 * Makes the crossbar non-linear for its `nonlinear` MVM mode. `'lookup'` simulates the sweep
 * V(t) = A·cos(2πft), t = 0, dt, … on a copy of every device at once (vectorised over the population) and keeps the
 * first quarter period, where V falls monotonically from A to 0: `xbar.lookup = { voltages, currents }` with
 * voltages ascending from 0 V (the crossbar interpolates linearly and extends to negative voltages by odd symmetry,
 * I(−v) = −I(v)). The table is rebuilt automatically when a later non-ideality of this package changes the devices.
 * `'simulate'` removes any table, so the MVM uses the device model's current kernel at the present state. Device
 * states and conductances are not changed by either mode. Mutates `xbar.lookup`.
 *
 * @param xbar - the crossbar (its `lookup` is replaced).
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `mode` is unknown, a sweep option is missing or
 * not a finite number > 0, no time step is known, the table would exceed 100 000 samples per device or 2^28
 * entries, or an option is unknown.
 * @example
 * nonLinear(xbar, { sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 }).samples; // → 51 for VTEAM
 */
export function nonLinear(xbar: CrossbarLike, options: NonLinearOptions = {}): NonLinearReport {
  const where = 'nonLinear';
  checkCrossbar(where, 'xbar', xbar);
  checkKnownKeys(where, options, KEYS);
  const mode = options.mode === undefined ? 'lookup' : checkOneOf(where, 'mode', options.mode, NON_LINEAR_MODES);
  if (mode === 'simulate') {
    xbar.lookup = null;
    setLookupBuilder(xbar, null);
    return { kind: 'nonLinear', mode, voltages: new Float64Array(0), samples: 0, devices: 0 };
  }
  const duration = checkPositiveNumber(where, 'sweepDuration', options.sweepDuration);
  const amplitude = checkPositiveNumber(where, 'sweepAmplitude', options.sweepAmplitude);
  const frequency = checkPositiveNumber(where, 'sweepFrequency', options.sweepFrequency);
  const tsr = xbar.population.params.timeSeriesResolution;
  const dt =
    options.timeStep !== undefined
      ? checkPositiveNumber(where, 'timeStep', options.timeStep)
      : typeof tsr === 'number' && tsr > 0
        ? tsr
        : checkPositiveNumber(where, 'timeStep', options.timeStep);
  const span = Math.min(duration, 1 / (4 * frequency));
  const last = Math.floor(span / dt + 1e-9);
  const samples = last + 2;
  if (last < 1 || samples > MAX_SAMPLES)
    throw new InvalidParameterError({
      where,
      parameter: 'sweepDuration',
      value: duration,
      expected: `a sweep whose first quarter period (min(sweepDuration, 1/(4·sweepFrequency)) = ${span} s) holds 2 to ${MAX_SAMPLES} steps of ${dt} s`,
    });
  if (samples * xbar.population.size > MAX_ENTRIES)
    throw new InvalidParameterError({
      where,
      parameter: 'sweepDuration',
      value: duration,
      expected: `a table of at most 2^28 entries; ${xbar.population.size} devices × ${samples} samples is too large`,
    });
  const sweep: Sweep = { amplitude, frequency, dt, last };
  const lookup = buildLookup(xbar.population, sweep);
  xbar.lookup = lookup;
  setLookupBuilder(xbar, (x) => {
    x.lookup = buildLookup(x.population, sweep);
  });
  return { kind: 'nonLinear', mode, voltages: lookup.voltages, samples: lookup.voltages.length, devices: xbar.population.size };
}

/** Sweeps a copy of `pop` and returns the ascending per-device table. */
function buildLookup(pop: DevicePopulation, sweep: Sweep): DeviceLookup {
  const { amplitude, frequency, dt, last } = sweep;
  const copy = clonePopulation(pop);
  const model = copy.model;
  const n = copy.size;
  model.beginSimulation(copy);
  const vEnd = amplitude * Math.cos(2 * Math.PI * frequency * last * dt);
  // Reaching 0 V (to rounding) the last sample is the origin; otherwise the origin (0 V, 0 A) is added.
  const reachesZero = vEnd <= 1e-12 * amplitude;
  const samples = reachesZero ? last + 1 : last + 2;
  const voltages = new Float64Array(samples);
  const currents = new Float64Array(n * samples);
  const out = new Float64Array(n);
  const before = model.currentTiming === 'before-step';
  for (let k = 0; k <= last; k++) {
    const v = k === last && reachesZero ? 0 : amplitude * Math.cos(2 * Math.PI * frequency * k * dt);
    if (before) {
      model.current(copy, v, out);
      model.step(copy, v, dt);
    } else {
      model.step(copy, v, dt);
      model.current(copy, v, out);
    }
    const s = samples - 1 - k; // ascending order: sample k = 0 (V = A) goes last
    voltages[s] = v;
    for (let d = 0, o = s; d < n; d++, o += samples) currents[o] = out[d]!;
  }
  // When the sweep stopped short of 0 V, slot 0 stays (0 V, 0 A).
  return { voltages, currents };
}
