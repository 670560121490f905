/**
 * A per-device I(V) lookup table: `currents[d·samples + s]` is device `d`'s current [A] at `voltages[s]` [V];
 * voltages ascending. When every voltage is ≥ 0 the table is extended to negative voltages by odd symmetry,
 * I(−v) = −I(v). Defined here, below its users: `measuredIV` builds one, `@memsim/crossbar` reads with it
 * (its non-linear MVM mode) and `@memsim/nonideality` attaches it.
 *
 * @example
 * import { VTEAM, createPopulation, measuredIV } from '@memsim/devices';
 * const table: DeviceLookup = measuredIV('voltage,current\n0.1,1e-4\n0.2,4e-4').lookupFor(createPopulation(VTEAM, 2));
 * table.currents.length; // → 6 (2 devices × 3 samples: 0 V, 0.1 V, 0.2 V)
 */
export interface DeviceLookup {
  /** Sample voltages [V], strictly ascending. */
  readonly voltages: Float64Array;
  /** Currents [A], devices × samples (device order = population slots, see `Crossbar.deviceIndex`). */
  readonly currents: Float64Array;
}
