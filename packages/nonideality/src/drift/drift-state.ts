// MODULES //

import { InvalidParameterError, checkNonNegativeNumber, checkPositiveNumber } from '@memsim/core';
import { checkCrossbar } from '../crossbar/crossbar-like';
import type { CrossbarLike } from '../crossbar/crossbar-like';
import { forEachNu } from './drift-exponents';
import type { NuRecipe } from './drift-exponents';

// TYPES //

/**
 * The drift clock of one crossbar: what {@link pcmDrift} drew when the crossbar was programmed and the inference
 * time it last evaluated. Conductance of cell i at time t: `programmed[i]·((t + t0)/t0)^(−nu[i])`.
 *
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
 * pcmDrift(xbar, { time: 3600, seed: 1 });
 * const state: DriftState | null = driftState(xbar);
 * [state?.t0, state?.time]; // → [20, 3600]
 */
export interface DriftState {
  /** First-read time t₀ after programming [s] (aihwkit `t_0`). */
  readonly t0: number;
  /** Inference time the crossbar holds now, counted from the end of programming [s]. */
  readonly time: number;
  /** Drift exponent ν of every cell (rows × cols; 0 for stuck cells) [1]. */
  readonly nu: Float64Array;
  /** Conductance of every cell right after programming [S] (rows × cols). */
  readonly programmed: Float64Array;
}

/**
 * A drift clock as kept: ν either as an array (restored states, custom generators, per-device g_max) or as the
 * recipe that draws it again (no 32 MB array per 4 M cells to page in), plus the crossbar version it wrote (a
 * different version means the crossbar was reprogrammed).
 */
export interface StoredState {
  readonly t0: number;
  readonly time: number;
  readonly programmed: Float64Array;
  readonly nu: Float64Array | null;
  readonly recipe: NuRecipe | null;
  readonly version: number;
}

/** @internal What {@link storeDriftState} keeps (exactly one of `nu` and `recipe` is non-null). */
export type KeptState = Omit<StoredState, 'version'>;

const STATES = new WeakMap<object, StoredState>();

// MAIN //

/** @internal The stored state, or null when absent or outdated (the crossbar changed since drift last wrote it). */
export function currentDriftState(xbar: CrossbarLike): StoredState | null {
  const s = STATES.get(xbar);
  return s === undefined || s.version !== xbar.version ? null : s;
}

/** @internal The stored state whatever its version (its arrays may be reused when the clock restarts), or null. */
export function staleDriftState(xbar: CrossbarLike): StoredState | null {
  return STATES.get(xbar) ?? null;
}

/** @internal Stores a state bound to the crossbar's present version. */
export function storeDriftState(xbar: CrossbarLike, state: KeptState): void {
  const { t0, time, programmed, nu, recipe } = state;
  STATES.set(xbar, { t0, time, programmed, nu, recipe, version: xbar.version });
}

/** ν of every cell as a fresh array (drawn again from the recipe when the clock keeps no array). */
function nuArray(s: StoredState): Float64Array {
  if (s.nu !== null) return s.nu.slice();
  const out = new Float64Array(s.programmed.length);
  forEachNu(s.recipe!, s.programmed, (c0, nu, length) => out.set(nu.subarray(0, length), c0));
  return out;
}

/**
 * The drift clock of a crossbar (see {@link DriftState}), or null when {@link pcmDrift} never ran on it or the
 * crossbar was written since. Save it with the chip; {@link restoreDriftState} puts it back.
 *
 * @throws {InvalidParameterError} when `xbar` is not a crossbar.
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * driftState(xbar)?.time; // → 86400
 */
export function driftState(xbar: CrossbarLike): DriftState | null {
  checkCrossbar('driftState', 'xbar', xbar);
  const s = currentDriftState(xbar);
  return s === null ? null : { t0: s.t0, time: s.time, nu: nuArray(s), programmed: s.programmed.slice() };
}

/**
 * Binds a saved drift clock to a crossbar that holds the conductances of that state (e.g. one rebuilt by
 * `loadChip`), so later {@link pcmDrift} calls continue it instead of starting a new one. Does not change the
 * conductances.
 *
 * @throws {InvalidParameterError} when `xbar` is not a crossbar, or the arrays do not hold rows × cols finite values
 * (ν ≥ 0, programmed > 0), or t0 ≤ 0 or time < 0.
 * @example
 * import { Crossbar } from '@memsim/crossbar';
 * import { VTEAM } from '@memsim/devices';
 * const xbar = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * pcmDrift(xbar, { time: 3600, seed: 1 });
 * const saved = driftState(xbar)!; // e.g. kept with a saved chip
 * const rebuilt = new Crossbar({ model: VTEAM, rows: 16, cols: 16 });
 * rebuilt.write(xbar.conductance);
 * restoreDriftState(rebuilt, saved);
 * pcmDrift(rebuilt, { time: 86400 }); // continues the same clock
 */
export function restoreDriftState(xbar: CrossbarLike, state: DriftState): void {
  const where = 'restoreDriftState';
  checkCrossbar(where, 'xbar', xbar);
  if (typeof state !== 'object' || state === null)
    throw new InvalidParameterError({ where, parameter: 'state', value: state, expected: 'a DriftState' });
  const t0 = checkPositiveNumber(where, 'state.t0', state.t0);
  const time = checkNonNegativeNumber(where, 'state.time', state.time);
  const n = xbar.rows * xbar.cols;
  for (const [name, array, ok] of [
    ['nu', state.nu, (v: number) => v >= 0 && Number.isFinite(v)],
    ['programmed', state.programmed, (v: number) => v > 0 && Number.isFinite(v)],
  ] as const)
    if (!(array instanceof Float64Array) || array.length !== n || !array.every(ok))
      throw new InvalidParameterError({
        where,
        parameter: `state.${name}`,
        value: array,
        expected: `a Float64Array of rows × cols = ${n} values (${name === 'nu' ? 'ν ≥ 0' : 'conductances > 0 [S]'})`,
      });
  storeDriftState(xbar, { t0, time, nu: state.nu.slice(), recipe: null, programmed: state.programmed.slice() });
}
