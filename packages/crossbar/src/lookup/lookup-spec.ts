import { InvalidParameterError, checkPositiveInteger, checkPositiveNumber } from '@memsim/core';

import type { DeviceLookup } from '@memsim/devices';

// The table type is @memsim/devices' (its measuredIV builds one); re-exported for this package's users.
export type { DeviceLookup };

/**
 * The sweep that builds a non-linear table (MemTorch `NonLinear`): V(t) = A·cos(2πft) at t = 0, dt, …, lastStep·dt,
 * simulated on a copy of every device; the table holds that first quarter period with voltages ascending.
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

/** A fixed table (e.g. a measured I-V from `@memsim/devices`' `measuredIV`): it does not follow device changes. */
export interface TableLookupSpec extends DeviceLookup {
  readonly kind: 'table';
}

/**
 * How a crossbar's non-linear read-out gets its per-device I(V) table, as plain data: a sweep is re-simulated from
 * the devices whenever they change (so clones, saved and loaded chips rebuild the same table); a table is used as is.
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
