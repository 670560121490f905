import { InvalidParameterError } from '@memsim/core';
import type { DevicePopulation } from '@memsim/devices';

/**
 * A per-device I(V) table, as `@memsim/crossbar`'s `DeviceLookup`: `currents[d·samples + s]` is device `d`'s
 * current [A] at `voltages[s]` [V] (ascending; starting at 0 V so the crossbar extends it by odd symmetry).
 */
export interface DeviceLookup {
  /** Sample voltages [V], strictly ascending. */
  voltages: Float64Array;
  /** Currents [A], devices × samples, device order = population slots. */
  currents: Float64Array;
}

/**
 * The part of `@memsim/crossbar`'s `Crossbar` the non-idealities use (structural, so any object with these members
 * works, e.g. a crossbar from another copy of the library). Cell (row, col) is device `deviceIndex(row, col)`;
 * population slots no cell maps to are tile padding.
 */
export interface CrossbarLike {
  /** Word lines = inputs. */
  readonly rows: number;
  /** Bit lines = outputs. */
  readonly cols: number;
  /** Physical tile shape; undefined when untiled (then cell r·cols + c is slot r·cols + c). */
  readonly tileShape?: readonly [number, number] | undefined;
  /** One device per cell, tile padding included. */
  population: DevicePopulation;
  /** Conductance [S] of each cell, rows × cols row-major, consistent with the devices. */
  readonly conductance: Float64Array;
  /** Per cell: 1 = stuck device (writes never move it); null when none is stuck. */
  stuck: Uint8Array | null;
  /** Per-device I(V) table used by the non-linear MVM mode, or null (then the model's current kernel is used). */
  lookup?: DeviceLookup | null;
  /** Incremented whenever the conductances change. */
  version: number;
  /** Re-synchronises matrix and devices; `fromDevices: true` reads the devices. */
  update(options?: { fromDevices?: boolean }): void;
  /** Population slot of cell (row, col). */
  deviceIndex(row: number, col: number): number;
}

/**
 * Checks that `value` has the members of {@link CrossbarLike}.
 *
 * @throws {InvalidParameterError} naming the first missing or malformed member.
 */
export function checkCrossbar(where: string, parameter: string, value: unknown): CrossbarLike {
  const x = value as Partial<CrossbarLike> | null;
  const fail = (member: string, expected: string): never => {
    throw new InvalidParameterError({
      where,
      parameter: member === '' ? parameter : `${parameter}.${member}`,
      value: member === '' ? value : (x as Record<string, unknown>)[member],
      expected,
    });
  };
  if (typeof x !== 'object' || x === null) return fail('', 'a Crossbar (from @memsim/crossbar)');
  if (!(Number.isInteger(x.rows) && (x.rows as number) > 0)) fail('rows', 'a positive integer');
  if (!(Number.isInteger(x.cols) && (x.cols as number) > 0)) fail('cols', 'a positive integer');
  const pop = x.population;
  if (typeof pop !== 'object' || pop === null || typeof pop.model !== 'object' || !(pop.state instanceof Float64Array))
    fail('population', 'a DevicePopulation (from @memsim/devices)');
  if (!(x.conductance instanceof Float64Array) || x.conductance.length !== (x.rows as number) * (x.cols as number))
    fail('conductance', `a Float64Array of rows × cols = ${(x.rows as number) * (x.cols as number)} values`);
  if (x.stuck !== null && !(x.stuck instanceof Uint8Array && x.stuck.length === x.conductance!.length))
    fail('stuck', 'null or a Uint8Array with one entry per cell');
  if (typeof x.update !== 'function') fail('update', 'a method update({ fromDevices })');
  if (typeof x.deviceIndex !== 'function') fail('deviceIndex', 'a method deviceIndex(row, col)');
  if (!(pop!.size >= x.conductance!.length)) fail('population', `a population with at least rows × cols devices`);
  return x as CrossbarLike;
}
