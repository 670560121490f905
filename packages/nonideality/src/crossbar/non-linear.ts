import { InvalidParameterError, checkPositiveNumber, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike } from './crossbar-like';

/**
 * How the crossbar's non-linear MVM mode computes each cell's current.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const mode: NonLinearMode = 'simulate'; // no table: the 'nonlinear' MVM evaluates each device's model current
 * nonLinear(new Crossbar({ model: VTEAM, rows: 4, cols: 4 }), { mode }).samples; // → 0
 */
export type NonLinearMode = 'lookup' | 'simulate';

/**
 * Runtime list of {@link NonLinearMode} values.
 *
 * @example
 * NON_LINEAR_MODES; // → ['lookup', 'simulate']
 */
export const NON_LINEAR_MODES: readonly NonLinearMode[] = Object.freeze(['lookup', 'simulate']);

/**
 * Options of {@link nonLinear} (MemTorch `NonLinear`).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * const options: NonLinearOptions = { mode: 'lookup', sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6, timeStep: 1e-10 }; // mode, timeStep: VTEAM's defaults
 * nonLinear(xbar, options).samples; // → 51
 */
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

/**
 * What {@link nonLinear} did.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * const report: NonLinearReport = nonLinear(xbar, { sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6 });
 * [report.samples, report.devices, report.voltages[report.samples - 1]]; // → [51, 256, 1]
 */
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

// The sweep is required for 'lookup' only, so its three numbers are checked after the mode.
const SCHEMA = {
  mode: option.withDefault(rule.oneOf(NON_LINEAR_MODES), 'lookup' as NonLinearMode),
  sweepDuration: option.optional(rule.positive),
  sweepAmplitude: option.optional(rule.positive),
  sweepFrequency: option.optional(rule.positive),
  timeStep: option.optional(rule.positive),
} satisfies OptionsSchema<NonLinearOptions>;
/** Upper limits that keep a table in memory: samples per device, and devices × samples. */
const MAX_SAMPLES = 100_000;
const MAX_ENTRIES = 2 ** 28;

/** @internal Validates {@link NonLinearOptions} (crossbar-independent; the default time step comes from the devices). */
export function resolveNonLinearOptions(
  where: string,
  options: NonLinearOptions = {},
): { mode: NonLinearMode; duration: number; amplitude: number; frequency: number } {
  const o = resolveOptions(where, options, SCHEMA);
  const { mode } = o;
  if (mode === 'simulate') return { mode, duration: 0, amplitude: 0, frequency: 0 };
  // Absent sweep numbers: the same rule names them (`sweepDuration` must be a finite number > 0).
  const duration = o.sweepDuration ?? rule.positive(where, 'sweepDuration', undefined);
  const amplitude = o.sweepAmplitude ?? rule.positive(where, 'sweepAmplitude', undefined);
  const frequency = o.sweepFrequency ?? rule.positive(where, 'sweepFrequency', undefined);
  return { mode, duration, amplitude, frequency };
}

/**
 * Makes the crossbar non-linear for its `nonlinear` MVM mode. `'lookup'` simulates the sweep
 * V(t) = A·cos(2πft), t = 0, dt, … on a copy of every device at once (vectorised over the population) and keeps the
 * first quarter period, where V falls monotonically from A to 0: `xbar.lookup = { voltages, currents }` with
 * voltages ascending from 0 V (the crossbar interpolates linearly and extends to negative voltages by odd symmetry,
 * I(−v) = −I(v)). The crossbar rebuilds the table whenever its devices change (write, update, any non-ideality).
 * `'simulate'` removes any table, so the MVM uses the device model's current kernel at the present state. Device
 * states and conductances are not changed by either mode. Sets the crossbar's lookup (`xbar.setLookup`), whose sweep
 * spec travels with clones and saved chips.
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
    xbar.setLookup(null);
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
  // The spec is stored on the crossbar (plain data), which rebuilds the table whenever its devices change.
  xbar.setLookup({ kind: 'sweep', amplitude, frequency, timeStep: dt, lastStep: last });
  const lookup = xbar.lookup!;
  return {
    kind: 'nonLinear',
    mode,
    voltages: lookup.voltages.slice(),
    samples: lookup.voltages.length,
    devices: xbar.population.size,
  };
}
