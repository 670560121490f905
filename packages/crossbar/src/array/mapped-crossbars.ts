import type { Scheme } from '@memsim/mapping';
import type { Crossbar, WriteReport } from './crossbar';

/**
 * A weight matrix stored on crossbars: what {@link initCrossbars} returns and {@link mvm} consumes.
 * Effective weight · gain[j] = G⁺ − G⁻ (double-column) or G − referenceConductance (single-column).
 * @example
 * import { VTEAM } from '@memsim/devices';
 * const mapped: MappedCrossbars = initCrossbars({ rows: 2, cols: 1, data: [0.5, -1] }, { model: VTEAM });
 * mapped.gain; // per output column: weight · gain = G⁺ − G⁻ [S]
 */
export interface MappedCrossbars {
  /** How signed weights are stored. */
  readonly scheme: Scheme;
  /** `[positive, negative]` (double-column) or `[G]` (single-column); each `rows × cols`. */
  readonly crossbars: Crossbar[];
  /** Per output column [S per weight unit]: outputs divided by it are in weight units. */
  readonly gain: Float64Array;
  /** Single-column reference conductance g_m [S] (a column of ideal g_m resistors per output); absent for double-column. */
  readonly referenceConductance?: number;
  /** Inputs (word lines). */
  readonly rows: number;
  /** Outputs (bit lines). */
  readonly cols: number;
  /** One report per crossbar of the initial write (clamped targets, programming result). */
  readonly writeReports: WriteReport[];
}
