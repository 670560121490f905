import { option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { conductanceRange } from '@memsim/devices';
import { commitDevices, deviceConductance } from '../internal/cells';
import { STATE_SPACINGS, checkStates, snapToStatesKernel } from '../kernels/snap-to-states';
import type { StateSpacing } from '../kernels/snap-to-states';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike } from './crossbar-like';

/**
 * Options of {@link finiteConductanceStates} (MemTorch `FiniteConductanceStates`).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * xbar.write(Float64Array.of(0.004, 0.009, 0.012, 0.019));
 * const options: FiniteConductanceStatesOptions = { states: 4, spacing: 'conductance' }; // spacing: the default
 * finiteConductanceStates(xbar, options);
 * xbar.conductance; // → Float64Array [0.001, 0.0073333, 0.0136667, 0.02] (4 levels of VTEAM's [1/rOff, 1/rOn])
 */
export interface FiniteConductanceStatesOptions {
  /** Programmable levels per device, an integer ≥ 1 (MemTorch `conductance_states`). 1: every cell takes the matrix mean. */
  states: number;
  /** Level spacing: evenly in conductance (MemTorch) or in resistance. @default 'conductance' */
  spacing?: StateSpacing;
}

/**
 * What {@link finiteConductanceStates} did.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
 * xbar.write(Float64Array.of(0.004, 0.009, 0.012, 0.019));
 * const report: FiniteConductanceStatesReport = finiteConductanceStates(xbar, { states: 4 });
 * [report.levels, report.changed]; // → [Uint32Array [0, 1, 2, 3], 4]
 */
export interface FiniteConductanceStatesReport {
  kind: 'finiteConductanceStates';
  states: number;
  spacing: StateSpacing;
  /** Per cell (rows × cols): index of its level, 0 = 1/rOff … states − 1 = 1/rOn (0 for every cell when states = 1). */
  levels: Uint32Array;
  /** Cells whose conductance moved. */
  changed: number;
  /** states = 1 only: cells whose device cannot reach the matrix mean, set to the nearer bound instead. */
  clamped: number;
  /** Stuck cells left as they are. */
  stuckSkipped: number;
}

const SCHEMA = {
  states: option.requiredByRule((where, _parameter, value) => checkStates(where, value)),
  spacing: option.withDefault(rule.oneOf(STATE_SPACINGS), 'conductance' as StateSpacing),
} satisfies OptionsSchema<FiniteConductanceStatesOptions>;

/** @internal Validates {@link FiniteConductanceStatesOptions} (crossbar-independent). */
export function resolveFiniteConductanceStatesOptions(
  where: string,
  options: FiniteConductanceStatesOptions,
): { states: number; spacing: StateSpacing } {
  const { states, spacing } = resolveOptions(where, options, SCHEMA);
  return { states, spacing };
}

/**
 * Snaps every device of a crossbar to the nearest of `states` levels spaced evenly between its own 1/rOff and
 * 1/rOn (per-device bounds, so device-to-device variability is honoured), writing device state and conductance
 * matrix together. Stuck devices are left alone. Mutates `xbar`.
 *
 * @param xbar - the crossbar (mutated).
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, `states` is not an integer ≥ 1, `spacing` is
 * unknown, or an option is unknown.
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * finiteConductanceStates(xbar, { states: 4 }).changed; // → number of cells moved onto a level
 */
export function finiteConductanceStates(
  xbar: CrossbarLike,
  options: FiniteConductanceStatesOptions,
): FiniteConductanceStatesReport {
  const where = 'finiteConductanceStates';
  checkCrossbar(where, 'xbar', xbar);
  const { states, spacing } = resolveFiniteConductanceStatesOptions(where, options);
  const n = xbar.rows * xbar.cols;
  const slots = xbar.cellSlots();
  const { gMin, gMax } = conductanceRange(xbar.population);
  const gDev = deviceConductance(xbar);
  let g: Float64Array;
  let lo: Float64Array;
  let hi: Float64Array;
  if (slots === null) {
    // Untiled: cell i is device i, no gathering needed.
    g = gDev.slice(0, n);
    lo = gMin;
    hi = gMax;
  } else {
    g = new Float64Array(n);
    lo = new Float64Array(n);
    hi = new Float64Array(n);
    for (let cell = 0; cell < n; cell++) {
      const d = slots[cell]!;
      g[cell] = gDev[d]!;
      lo[cell] = gMin[d]!;
      hi[cell] = gMax[d]!;
    }
  }
  const snapped = new Float64Array(n);
  const levels = new Uint32Array(n);
  if (states === 1) {
    // The matrix mean (MemTorch's intent), over every cell.
    let sum = 0;
    for (let cell = 0; cell < n; cell++) sum += g[cell]!;
    snapped.fill(sum / n);
  } else snapToStatesKernel(g, lo, hi, states, spacing, snapped, levels);
  const touched = new Uint8Array(xbar.population.size);
  const stuck = xbar.stuck;
  let changed = 0;
  let clamped = 0;
  let stuckSkipped = 0;
  for (let cell = 0; cell < n; cell++) {
    if (stuck !== null && stuck[cell] === 1) {
      stuckSkipped++;
      continue;
    }
    const d = slots === null ? cell : slots[cell]!;
    let v = snapped[cell]!;
    const a = lo[cell]!;
    const b = hi[cell]!;
    if (v < a || v > b) {
      v = v < a ? a : b;
      clamped++;
    }
    if (v !== g[cell]) changed++;
    gDev[d] = v;
    touched[d] = 1;
  }
  commitDevices(xbar, gDev, touched);
  return { kind: 'finiteConductanceStates', states, spacing, levels, changed, clamped, stuckSkipped };
}
