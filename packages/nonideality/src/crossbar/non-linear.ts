import { InvalidParameterError, checkKnownKeys, checkOneOf, checkPositiveNumber } from '@memsim/core';
import type { DevicePopulation } from '@memsim/devices';
import { setLookupBuilder } from '../internal/cells';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike, DeviceLookup } from './crossbar-like';

/** How the crossbar's non-linear MVM mode computes each cell's current. */
export type NonLinearMode = 'lookup' | 'simulate';

/**
 * Runtime list of {@link NonLinearMode} values.
 *
 * @example
 * NON_LINEAR_MODES; // → ['lookup', 'simulate']
 */
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
  /** A copy of the table voltages [V], ascending from 0 to the amplitude (`lookup`); empty for `simulate`. */
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

/** @internal Validates {@link NonLinearOptions} (crossbar-independent; the default time step comes from the devices). */
export function resolveNonLinearOptions(
  where: string,
  options: NonLinearOptions = {},
): { mode: NonLinearMode; duration: number; amplitude: number; frequency: number } {
  checkKnownKeys(where, options, KEYS);
  const mode = options.mode === undefined ? 'lookup' : checkOneOf(where, 'mode', options.mode, NON_LINEAR_MODES);
  if (mode === 'simulate') return { mode, duration: 0, amplitude: 0, frequency: 0 };
  const duration = checkPositiveNumber(where, 'sweepDuration', options.sweepDuration);
  const amplitude = checkPositiveNumber(where, 'sweepAmplitude', options.sweepAmplitude);
  const frequency = checkPositiveNumber(where, 'sweepFrequency', options.sweepFrequency);
  if (options.timeStep !== undefined) checkPositiveNumber(where, 'timeStep', options.timeStep);
  return { mode, duration, amplitude, frequency };
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
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * nonLinear(xbar, { sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 }).samples; // → 51 for VTEAM
 */
export function nonLinear(xbar: CrossbarLike, options: NonLinearOptions = {}): NonLinearReport {
  const where = 'nonLinear';
  checkCrossbar(where, 'xbar', xbar);
  const resolved = resolveNonLinearOptions(where, options);
  const mode = resolved.mode;
  if (mode === 'simulate') {
    xbar.lookup = null;
    setLookupBuilder(xbar, null);
    return { kind: 'nonLinear', mode, voltages: new Float64Array(0), samples: 0, devices: 0 };
  }
  const { duration, amplitude, frequency } = resolved;
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
  return {
    kind: 'nonLinear',
    mode,
    voltages: lookup.voltages.slice(),
    samples: lookup.voltages.length,
    devices: xbar.population.size,
  };
}

/** Devices swept together: small enough that a chunk's state, parameters and currents stay in cache. */
const CHUNK = 4096;

/** A chunk of `pop` (devices a … a + m − 1) with its own copy of the state, so the real devices are not touched. */
function chunkOf(pop: DevicePopulation, a: number, m: number, rng: DevicePopulation['rng']): DevicePopulation {
  const params: Record<string, number | Float64Array> = {};
  for (const [k, v] of Object.entries(pop.params)) params[k] = typeof v === 'number' ? v : v.subarray(a, a + m);
  const aux: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(pop.aux)) aux[k] = v.slice(a, a + m);
  return {
    model: pop.model,
    size: m,
    state: pop.state.slice(a, a + m),
    params,
    settings: pop.settings,
    aux,
    integration: pop.integration,
    rng,
  };
}

/** Sweeps copies of the devices of `pop`, chunk by chunk, and returns the ascending per-device table. */
function buildLookup(pop: DevicePopulation, sweep: Sweep): DeviceLookup {
  const { amplitude, frequency, dt, last } = sweep;
  const model = pop.model;
  const n = pop.size;
  const vEnd = amplitude * Math.cos(2 * Math.PI * frequency * last * dt);
  // Reaching 0 V (to rounding) the last sample is the origin; otherwise the origin (0 V, 0 A) is added as slot 0.
  const reachesZero = vEnd <= 1e-12 * amplitude;
  const samples = reachesZero ? last + 1 : last + 2;
  const steps = last + 1;
  const voltages = new Float64Array(samples);
  const sweepV = new Float64Array(steps);
  for (let k = 0; k < steps; k++) {
    const v = k === last && reachesZero ? 0 : amplitude * Math.cos(2 * Math.PI * frequency * k * dt);
    sweepV[k] = v;
    voltages[samples - 1 - k] = v; // ascending: sample k = 0 (V = A) goes last
  }
  const currents = new Float64Array(n * samples);
  const local = new Float64Array(CHUNK * steps);
  const out = new Float64Array(CHUNK);
  const before = model.currentTiming === 'before-step';
  const rng = pop.rng === null ? null : pop.rng.split();
  for (let a = 0; a < n; a += CHUNK) {
    const m = Math.min(CHUNK, n - a);
    const sub = chunkOf(pop, a, m, rng);
    const o = m === CHUNK ? out : out.subarray(0, m);
    model.beginSimulation(sub);
    for (let k = 0; k < steps; k++) {
      const v = sweepV[k]!;
      if (before) {
        model.current(sub, v, o);
        model.step(sub, v, dt);
      } else {
        model.step(sub, v, dt);
        model.current(sub, v, o);
      }
      local.set(o, k * m);
    }
    // Transpose the chunk into devices × samples (ascending voltage: step k lands in slot samples − 1 − k).
    for (let j = 0; j < m; j++) {
      const row = (a + j) * samples + samples - 1;
      for (let k = 0; k < steps; k++) currents[row - k] = local[k * m + j]!;
    }
  }
  return { voltages, currents };
}
