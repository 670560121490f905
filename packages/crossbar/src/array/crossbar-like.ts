import type { DevicePopulation } from '@memsim/devices';
import type { DeviceLookup, LookupSpec } from '../lookup/lookup-spec';

/**
 * What memsim's packages need of a crossbar, as one structural type: `Crossbar` satisfies it, and so does a crossbar
 * from another copy of the library. State is read through read-only members and changed only through the methods
 * whose names say they mutate (`update`, `markStuck`, `setLookup`); `version` moves inside them. Kernels and
 * caches that need less take a `Pick` of it (e.g. `PassiveCrossbarLike`).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * function meanConductance(xbar: CrossbarLike): number {
 *   return xbar.conductance.reduce((sum, g) => sum + g, 0) / (xbar.rows * xbar.cols);
 * }
 * meanConductance(new Crossbar({ model: VTEAM, rows: 2, cols: 2 })); // → 0.001 (1/rOff: every device starts in HRS)
 */
export interface CrossbarLike {
  /** Word lines = inputs. */
  readonly rows: number;
  /** Bit lines = outputs. */
  readonly cols: number;
  /** Physical tile shape; undefined when untiled (then cell r·cols + c is slot r·cols + c). */
  readonly tileShape?: readonly [number, number] | undefined;
  /** One device per cell, tile padding included (the devices' state may be advanced in place, then `update`). */
  readonly population: DevicePopulation;
  /** Conductance [S] of each cell, rows × cols row-major, consistent with the devices. */
  readonly conductance: Float64Array;
  /** Per cell: 1 = stuck device (writes never move it); null when none is stuck. Change it with `markStuck`. */
  readonly stuck: Readonly<Uint8Array> | null;
  /** Per-device I(V) table of the non-linear read-out (current with the devices), or null. */
  readonly lookup: DeviceLookup | null;
  /** How `lookup` is built (plain data), or null. */
  readonly lookupSpec: LookupSpec | null;
  /** Increments whenever the conductances change (caches key on it); never set by a caller. */
  readonly version: number;
  /** Re-synchronises matrix and devices; `fromDevices: true` (default) reads the devices. Increments `version`. */
  update(options?: { fromDevices?: boolean }): void;
  /** Population slot of cell (row, col). */
  deviceIndex(row: number, col: number): number;
  /** Cell → population slot table, or null for the identity (untiled). */
  cellSlots(): Int32Array | null;
  /** Marks cells (indices row·cols + col) as stuck. */
  markStuck(cells: ArrayLike<number>): void;
  /** Sets (or, with null, removes) the non-linear read-out's lookup. */
  setLookup(spec: LookupSpec | null): void;
}

/**
 * What `passiveCurrents` needs of a crossbar: a plain `{ rows, cols, conductance, version }` object works.
 *
 * @example
 * const plain: PassiveCrossbarLike = { rows: 2, cols: 1, conductance: Float64Array.of(1e-3, 1e-3), version: 0 };
 * passiveCurrents(plain, Float64Array.of(1, 1), 1, { sourceResistance: 0, lineResistance: 0 }); // → Float64Array [0.002]
 */
export type PassiveCrossbarLike = Pick<CrossbarLike, 'rows' | 'cols' | 'conductance' | 'version' | 'tileShape'>;
