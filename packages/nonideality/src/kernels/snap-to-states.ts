import { InvalidParameterError, checkFiniteArray, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { toBounds } from '../internal/to-bounds';
import { asNumericArray } from '../internal/as-numeric-array';

/**
 * How the `states` levels of a device are spaced between its bounds.
 *
 * @example
 * const spacing: StateSpacing = 'resistance'; // levels 100, 400, 700, 1000 Ω here (default 'conductance': 1, 4, 7, 10 mS)
 * snapToStates(Float64Array.of(0.004), { gMin: 0.001, gMax: 0.01, states: 4, spacing }).conductance; // → Float64Array [0.0025]
 */
export type StateSpacing = 'conductance' | 'resistance';

/**
 * Runtime list of {@link StateSpacing} values.
 *
 * @example
 * STATE_SPACINGS; // → ['conductance', 'resistance']
 */
export const STATE_SPACINGS: readonly StateSpacing[] = Object.freeze(['conductance', 'resistance']);

/**
 * Options of {@link snapToStates}.
 *
 * @example
 * const options: SnapToStatesOptions = { gMin: 0.001, gMax: 0.01, states: 4, spacing: 'conductance' }; // spacing: the default
 * snapToStates(Float64Array.of(0.004, 0.009), options).conductance; // → Float64Array [0.004, 0.01] (levels 1, 4, 7, 10 mS)
 */
export interface SnapToStatesOptions {
  /** Lowest conductance of each device (1/rOff) [S]: one number for all devices or one per device. */
  gMin: number | ArrayLike<number>;
  /** Highest conductance of each device (1/rOn) [S]: one number for all devices or one per device. */
  gMax: number | ArrayLike<number>;
  /** Number of programmable levels per device, an integer ≥ 1. With 1, every value becomes the mean of the input. */
  states: number;
  /**
   * `'conductance'`: levels evenly spaced in conductance from gMin to gMax (MemTorch's intent).
   * `'resistance'`: levels evenly spaced in resistance from 1/gMax to 1/gMin (devices whose programming steps are
   * even in resistance). The nearest level is always chosen by conductance distance.
   * @default 'conductance'
   */
  spacing?: StateSpacing;
}

/**
 * Result of {@link snapToStates}.
 *
 * @example
 * const result: SnapToStatesResult = snapToStates(Float64Array.of(0.004, 0.009), { gMin: 0.001, gMax: 0.01, states: 4 });
 * result.level; // → Uint32Array [1, 3]
 */
export interface SnapToStatesResult {
  /** The snapped conductances [S] (a new array). */
  conductance: Float64Array;
  /** Index of the chosen level per element (0 = gMin … states − 1 = gMax); all 0 when `states` is 1. */
  level: Uint32Array;
}

// The bounds (required) are checked against the length of `g` by toBounds, which also names a missing one.
const SCHEMA = {
  gMin: option.optional(rule.any<SnapToStatesOptions['gMin']>()),
  gMax: option.optional(rule.any<SnapToStatesOptions['gMax']>()),
  states: option.requiredByRule((where, _parameter, value) => checkStates(where, value)),
  spacing: option.withDefault(rule.oneOf(STATE_SPACINGS), 'conductance' as StateSpacing),
} satisfies OptionsSchema<SnapToStatesOptions>;

/**
 * Snaps every conductance to the nearest of `states` levels spaced evenly (in conductance or in resistance) between
 * that element's own `gMin` and `gMax`, both included. With `states = 1` every element becomes the mean of `g`.
 *
 * @param g - conductances [S].
 * @throws {InvalidParameterError} when `g` holds a non-finite value, `states` is not a positive integer, a bound is
 * not a finite number > 0, `gMin ≥ gMax` for some element, or an option is unknown.
 * @example
 * snapToStates(Float64Array.of(0.004), { gMin: 0.001, gMax: 0.01, states: 4 }).conductance; // → Float64Array [0.004]
 */
export function snapToStates(g: Float64Array | ArrayLike<number>, options: SnapToStatesOptions): SnapToStatesResult {
  const where = 'snapToStates';
  const o = resolveOptions(where, options, SCHEMA);
  const values = Float64Array.from(checkFiniteArray(where, 'g', asNumericArray(g)));
  const { states, spacing } = o;
  const n = values.length;
  const gMin = toBounds(where, 'gMin', o.gMin, n);
  const gMax = toBounds(where, 'gMax', o.gMax, n);
  for (let i = 0; i < n; i++)
    if (!(gMin[i]! < gMax[i]!))
      throw new InvalidParameterError({
        where,
        parameter: `gMin[${i}]`,
        value: gMin[i],
        expected: `smaller than gMax[${i}] (${gMax[i]})`,
      });
  const out = new Float64Array(n);
  const level = new Uint32Array(n);
  snapToStatesKernel(values, gMin, gMax, states, spacing, out, level);
  return { conductance: out, level };
}

/**
 * Checks the `states` option: an integer ≥ 1.
 *
 * @throws {InvalidParameterError} when it is not.
 */
export function checkStates(where: string, states: unknown): number {
  if (typeof states !== 'number' || !Number.isSafeInteger(states) || states < 1)
    throw new InvalidParameterError({
      where,
      parameter: 'states',
      value: states,
      expected: 'an integer >= 1 and <= 2^53 - 1',
    });
  return states;
}

/**
 * Unchecked kernel of {@link snapToStates}: writes the snapped values into `out` and the level indices into
 * `level`. Assumes finite `g`, `gMin < gMax` element-wise and `states ≥ 1`; `out` may alias `g`.
 */
export function snapToStatesKernel(
  g: Float64Array,
  gMin: Float64Array,
  gMax: Float64Array,
  states: number,
  spacing: StateSpacing,
  out: Float64Array,
  level: Uint32Array,
): void {
  const n = g.length;
  if (states === 1) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += g[i]!;
    const mean = n > 0 ? sum / n : 0;
    out.fill(mean, 0, n);
    level.fill(0, 0, n);
    return;
  }
  const last = states - 1;
  if (spacing === 'conductance') {
    for (let i = 0; i < n; i++) {
      const lo = gMin[i]!;
      const hi = gMax[i]!;
      const step = (hi - lo) / last;
      let k = Math.floor((g[i]! - lo) / step + 0.5);
      if (k < 0) k = 0;
      else if (k > last) k = last;
      level[i] = k;
      out[i] = k === last ? hi : lo + k * step;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const rOn = 1 / gMax[i]!;
    const rOff = 1 / gMin[i]!;
    const stepR = (rOff - rOn) / last;
    // Levels R_k = rOn + k·stepR, conductances 1/R_k decreasing in k. Bracket by resistance, pick by conductance.
    let k0 = gi > 0 ? Math.floor((1 / gi - rOn) / stepR) : last - 1;
    if (!(k0 >= 0)) k0 = 0;
    else if (k0 > last - 1) k0 = last - 1;
    const gA = k0 === 0 ? gMax[i]! : 1 / (rOn + k0 * stepR);
    const gB = k0 + 1 === last ? gMin[i]! : 1 / (rOn + (k0 + 1) * stepR);
    // Index 0 is the highest conductance (rOn); report levels from gMin (0) to gMax (last) like the conductance mode.
    if (Math.abs(gi - gA) <= Math.abs(gi - gB)) {
      out[i] = gA;
      level[i] = last - k0;
    } else {
      out[i] = gB;
      level[i] = last - k0 - 1;
    }
  }
}
