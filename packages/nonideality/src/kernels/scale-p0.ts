import { InvalidParameterError, NumericalError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';

/**
 * Options of {@link scaleP0} (MemTorch `scale_p_0`).
 *
 * @example
 * const options: ScaleP0Options = { p0: 1, p1: 1, vStop: 0.25, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4, cellSize: 10 }; // cellSize: default
 * scaleP0(options); // → 0.1121969
 */
export interface ScaleP0Options {
  /** p0 fitted at the optimal stop voltage, > 0 (unit of x: cycles or s). */
  p0: number;
  /** p1 of the same fit [1/cell-size unit]. */
  p1: number;
  /** Stop voltage to scale p0 to [V], in [vStopMin, vStopMax]. */
  vStop: number;
  /** Lowest stop voltage of the fit [V]. */
  vStopMin: number;
  /** Highest stop voltage of the fit [V], > vStopMin. */
  vStopMax: number;
  /** Stop voltage at which p0 was fitted [V], strictly between vStopMin and vStopMax. */
  vStopOptimal: number;
  /** Cell size in the unit of the fit (nm in the source paper), > 0. @default 10 */
  cellSize?: number;
}

const SCHEMA = {
  p0: option.requiredByRule(rule.positive),
  p1: option.requiredByRule(rule.finite),
  vStop: option.requiredByRule(rule.finite),
  vStopMin: option.requiredByRule(rule.finite),
  vStopMax: option.requiredByRule(rule.finite),
  vStopOptimal: option.requiredByRule(rule.finite),
  cellSize: option.withDefault(rule.positive, 10),
} satisfies OptionsSchema<ScaleP0Options>;

/**
 * Scales the endurance/retention parameter p0 from the optimal stop voltage to another one with the parabolic
 * (in log10) dependence of Lammie, Rahimi Azghadi and Ielmini (2021):
 * s(v) = (v − vStopMin)/(vStopMax − vStopMin), y = p0·e^(p1·cellSize), k = log10(y)/(1 − (2s(vStopOptimal) − 1)²),
 * result = 10^(k·(1 − (2s(vStop) − 1)²)) / e^(p1·cellSize).
 *
 * @throws {InvalidParameterError} when a value is not finite, `p0` or `cellSize` is not > 0,
 * `vStopMax ≤ vStopMin`, `vStopOptimal` is not strictly inside (vStopMin, vStopMax) (MemTorch divides by zero at
 * the ends), `vStop` is outside [vStopMin, vStopMax], or an option is unknown.
 * @example
 * scaleP0({ p0: 1, p1: 1, vStop: 0.25, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4 }); // → 0.1121969
 */
export function scaleP0(options: ScaleP0Options): number {
  const where = 'scaleP0';
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({ where, parameter: 'options', value: options, expected: 'an options object' });
  const {
    p0,
    p1,
    vStopMin: vMin,
    vStopMax: vMax,
    vStopOptimal: vOpt,
    vStop,
    cellSize,
  } = resolveOptions(where, options, SCHEMA);
  if (!(vMax > vMin))
    throw new InvalidParameterError({
      where,
      parameter: 'vStopMax',
      value: vMax,
      expected: `greater than \`vStopMin\` (${vMin} V)`,
    });
  if (!(vOpt > vMin && vOpt < vMax))
    throw new InvalidParameterError({
      where,
      parameter: 'vStopOptimal',
      value: vOpt,
      expected: `strictly between ${vMin} V and ${vMax} V`,
    });
  if (!(vStop >= vMin && vStop <= vMax))
    throw new InvalidParameterError({ where, parameter: 'vStop', value: vStop, expected: `in [${vMin}, ${vMax}] V` });
  // Halves keep vMax − vMin finite for any finite pair (1e308 − (−1e308) would be Infinity).
  const s = (v: number): number => (0.5 * v - 0.5 * vMin) / (0.5 * vMax - 0.5 * vMin);
  // In log10 space: e^(p1·cellSize) overflows for p1·cellSize > 709 even when the result is representable.
  const logE = p1 * cellSize * Math.LOG10E;
  const k = (Math.log10(p0) + logE) / (1 - (2 * s(vOpt) - 1) ** 2);
  const log10Result = k * (1 - (2 * s(vStop) - 1) ** 2) - logE;
  const result = 10 ** log10Result;
  if (!(result > 0 && result < Number.POSITIVE_INFINITY))
    throw new NumericalError({
      where,
      step: -1,
      detail: `the scaled p0 is 10^${log10Result.toPrecision(6)}, outside the double range (check p0, p1·cellSize and the stop voltages)`,
    });
  return result;
}
