import { InvalidParameterError, checkPositiveInteger, checkPositiveNumber } from '@memsim/core';

import type { DeviceLookup } from '@memsim/devices';

// The table type is @memsim/devices' (its measuredIV builds one); re-exported for this package's users.
export type { DeviceLookup };

/**
 * The sweep that builds a non-linear table (MemTorch `NonLinear`): V(t) = A·cos(2πft) at t = 0, dt, …, lastStep·dt,
 * simulated on a copy of every device; the table holds that first quarter period with voltages ascending.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * // 50 MHz: a period is 200 steps of 0.1 ns, so 50 steps are the quarter from 1 V down to 0 V.
 * const spec: SweepLookupSpec = { kind: 'sweep', amplitude: 1, frequency: 50e6, timeStep: 1e-10, lastStep: 50 };
 * new Crossbar({ model: VTEAM, rows: 2, cols: 2 }).setLookup(spec);
 */
export interface SweepLookupSpec {
  readonly kind: 'sweep';
  /** Sweep amplitude A [V], > 0. */
  readonly amplitude: number;
  /** Sweep frequency f [Hz], > 0. */
  readonly frequency: number;
  /** Time step dt [s], > 0. */
  readonly timeStep: number;
  /** Index of the last simulated sample (t = lastStep·dt), a positive integer. */
  readonly lastStep: number;
}

/**
 * A fixed table (e.g. a measured I-V from `@memsim/devices`' `measuredIV`): it does not follow device changes.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 1, cols: 2 });
 * const voltages = Float64Array.of(0, 0.5, 1); // ≥ 0 only: extended to negative voltages by odd symmetry
 * const currents = Float64Array.from({ length: 2 * 3 }, (_, i) => xbar.conductance[Math.floor(i / 3)] * voltages[i % 3]);
 * const spec: TableLookupSpec = { kind: 'table', voltages, currents }; // ohmic devices: I = G·V
 * xbar.setLookup(spec);
 */
export interface TableLookupSpec extends DeviceLookup {
  readonly kind: 'table';
}

/**
 * How a crossbar's non-linear read-out gets its per-device I(V) table, as plain data: a sweep is re-simulated from
 * the devices whenever they change (so clones, saved and loaded chips rebuild the same table); a table is used as is.
 *
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * xbar.setLookup({ kind: 'sweep', amplitude: 1, frequency: 50e6, timeStep: 1e-10, lastStep: 50 });
 * const spec: LookupSpec | null = xbar.lookupSpec; // plain data, kept by clones and crossbarToJSON
 * spec?.kind; // → 'sweep'
 */
export type LookupSpec = SweepLookupSpec | TableLookupSpec;

/**
 * Checks a lookup spec against a population of `devices` and returns a frozen copy (tables copied, so the caller's
 * arrays can change later without touching the crossbar).
 *
 * @throws {InvalidParameterError} naming the first malformed field.
 */
export function checkLookupSpec(where: string, spec: unknown, devices: number): LookupSpec {
  if (typeof spec !== 'object' || spec === null)
    throw new InvalidParameterError({
      where,
      parameter: 'spec',
      value: spec,
      expected: "a lookup spec { kind: 'sweep', … } or { kind: 'table', voltages, currents }",
    });
  const s = spec as Record<string, unknown>;
  if (s.kind === 'sweep')
    return Object.freeze({
      kind: 'sweep',
      amplitude: checkPositiveNumber(where, 'spec.amplitude', s.amplitude),
      frequency: checkPositiveNumber(where, 'spec.frequency', s.frequency),
      timeStep: checkPositiveNumber(where, 'spec.timeStep', s.timeStep),
      lastStep: checkPositiveInteger(where, 'spec.lastStep', s.lastStep),
    });
  if (s.kind !== 'table')
    throw new InvalidParameterError({ where, parameter: 'spec.kind', value: s.kind, expected: "'sweep' or 'table'" });
  const { voltages, currents } = s;
  if (!(voltages instanceof Float64Array) || voltages.length < 2)
    throw new InvalidParameterError({
      where,
      parameter: 'spec.voltages',
      value: voltages,
      expected: 'a Float64Array of at least 2 voltages',
    });
  for (let i = 0; i < voltages.length; i++)
    if (!(Number.isFinite(voltages[i]) && (i === 0 || voltages[i]! > voltages[i - 1]!)))
      throw new InvalidParameterError({
        where,
        parameter: `spec.voltages[${i}]`,
        value: voltages[i],
        expected: 'finite and strictly ascending',
      });
  if (!(currents instanceof Float64Array) || currents.length !== devices * voltages.length)
    throw new InvalidParameterError({
      where,
      parameter: 'spec.currents',
      value: currents instanceof Float64Array ? `${currents.length} values` : currents,
      expected: `a Float64Array of devices × samples = ${devices} × ${voltages.length} currents`,
    });
  for (let i = 0; i < currents.length; i++)
    if (!Number.isFinite(currents[i]))
      throw new InvalidParameterError({
        where,
        parameter: `spec.currents[${i}]`,
        value: currents[i],
        expected: 'finite',
      });
  return Object.freeze({ kind: 'table', voltages: voltages.slice(), currents: currents.slice() });
}
