import type { Rng, OptionsSchema } from '@memsim/core';
import { resolveRng, option, resolveOptions, rule } from '@memsim/core';
import { conductanceRange } from '@memsim/devices';
import { commitDevices, deviceConductance, slotOf } from '../internal/cells';
import { FAULT_PROPORTION_RULES, checkFaultProportions, selectFaultsKernel } from '../kernels/select-faults';
import { checkCrossbar } from './crossbar-like';
import type { CrossbarLike } from './crossbar-like';

/**
 * Options of {@link deviceFaults} (MemTorch `DeviceFaults`).
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 10, cols: 10 });
 * const options: DeviceFaultsOptions = { lrsProportion: 0.05, hrsProportion: 0, electroformProportion: 0.02, seed: 1 }; // hrsProportion: default
 * deviceFaults(xbar, options);
 * xbar.stuck?.reduce((n, s) => n + s, 0); // → 7 stuck cells
 */
export interface DeviceFaultsOptions {
  /** Fraction of devices stuck at LRS (their own 1/rOn) [1], in [0, 1]. @default 0 */
  lrsProportion?: number;
  /** Fraction of devices stuck at HRS (their own 1/rOff) [1], in [0, 1]. @default 0 */
  hrsProportion?: number;
  /** Fraction of devices that failed to electroform, stuck at HRS [1], in [0, 1]; the three sum to ≤ 1. @default 0 */
  electroformProportion?: number;
  /** Seed of a fresh generator (give `seed` or `rng`). */
  seed?: number;
  /** Generator to draw from (wins over `seed`). */
  rng?: Rng;
}

/**
 * What {@link deviceFaults} did; indices are cells (row·cols + col), ascending, disjoint.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 10, cols: 10 });
 * const report: DeviceFaultsReport = deviceFaults(xbar, { lrsProportion: 0.1, seed: 1 });
 * [report.eligible, report.lrs.length]; // → [100, 10]
 * deviceFaults(xbar, { lrsProportion: 0.1, seed: 2 }).eligible; // → 90: stuck cells are not drawn again
 */
export interface DeviceFaultsReport {
  kind: 'deviceFaults';
  /** Cells stuck at 1/rOn. */
  lrs: Int32Array;
  /** Cells stuck at 1/rOff. */
  hrs: Int32Array;
  /** Cells that failed to electroform (stuck at 1/rOff). */
  electroform: Int32Array;
  /** Cells the counts were taken over: all cells not already stuck (tile padding never counts). */
  eligible: number;
}

// Each proportion in [0, 1] (shared rules), their sum by checkFaultProportions; the generator by resolveRng.
const SCHEMA = {
  ...FAULT_PROPORTION_RULES,
  seed: option.optional(rule.any<number>()),
  rng: option.optional(rule.any<Rng>()),
} satisfies OptionsSchema<DeviceFaultsOptions>;

/** @internal Validates {@link DeviceFaultsOptions} (crossbar-independent) and resolves the generator. */
export function resolveDeviceFaultsOptions(
  where: string,
  options: DeviceFaultsOptions,
): { p: { lrs: number; hrs: number; electroform: number }; rng: Rng } {
  const o = resolveOptions(where, options, SCHEMA);
  const p = checkFaultProportions(where, o);
  const rng = resolveRng(where, o);
  return { p, rng };
}

/**
 * Makes exact numbers of devices faulty: `floor(eligible · proportion)` each, drawn without replacement into
 * disjoint sets, so the realised fractions equal the requested ones. Faulty devices are set to their own 1/rOn
 * (LRS) or 1/rOff (HRS, electroform) and marked in `xbar.stuck`, so later writes, programming and tuning cannot move
 * them. Tile padding is excluded. Mutates `xbar`.
 *
 * @param xbar - the crossbar (mutated).
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, a proportion is outside [0, 1], they sum above 1,
 * neither `seed` nor `rng` is given, or an option is unknown.
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * deviceFaults(xbar, { lrsProportion: 0.1, hrsProportion: 0.1, seed: 1 }).lrs.length; // → floor(0.1 · cells)
 */
export function deviceFaults(xbar: CrossbarLike, options: DeviceFaultsOptions): DeviceFaultsReport {
  const where = 'deviceFaults';
  checkCrossbar(where, 'xbar', xbar);
  const { p, rng } = resolveDeviceFaultsOptions(where, options);
  const n = xbar.rows * xbar.cols;
  const exclude = xbar.stuck === null ? null : xbar.stuck.slice();
  const pick = selectFaultsKernel(n, p.lrs, p.hrs, p.electroform, exclude, rng);
  const slots = xbar.cellSlots();
  const { gMin, gMax } = conductanceRange(xbar.population);
  const g = deviceConductance(xbar);
  const touched = new Uint8Array(xbar.population.size);
  for (const cell of pick.lrs) {
    const d = slotOf(slots, cell);
    g[d] = gMax[d]!;
    touched[d] = 1;
  }
  for (const set of [pick.hrs, pick.electroform])
    for (const cell of set) {
      const d = slotOf(slots, cell);
      g[d] = gMin[d]!;
      touched[d] = 1;
    }
  commitDevices(xbar, g, touched);
  for (const set of [pick.lrs, pick.hrs, pick.electroform]) xbar.markStuck(set);
  return { kind: 'deviceFaults', lrs: pick.lrs, hrs: pick.hrs, electroform: pick.electroform, eligible: pick.eligible };
}
