import {
  InvalidParameterError,
  ShapeMismatchError,
  checkFiniteArray,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { checkCalibration } from '../internal/check-calibration';
import { fitColumns } from '../internal/fit-columns';
import type { OutputCalibration } from './output-calibration';

/**
 * Options of {@link calibrate}.
 *
 * @example
 * const options: CalibrateOptions = { perColumn: true, cols: 2 };
 * calibrate([1, 10, 2, 20], [3, 10, 5, 20], options).slope; // → Float64Array [2, 1]
 */
export interface CalibrateOptions {
  /** Fit one line per output column instead of one shared line (MemTorch fits one per layer). @default false */
  perColumn?: boolean;
  /** Number of output columns (raw is samples × cols row-major); required with `perColumn`. @default 1 */
  cols?: number;
  /**
   * The calibration already applied to `raw`, if any (e.g. a layer's current correction). It is inverted first, so
   * the new fit always starts from the identity and calibrating again gives the same result. Its slopes must be ≠ 0.
   */
  applied?: OutputCalibration;
}

/**
 * Defaults of {@link calibrate}.
 *
 * @example
 * DEFAULT_CALIBRATE_OPTIONS; // → { perColumn: false, cols: 1 }
 */
export const DEFAULT_CALIBRATE_OPTIONS: Readonly<{ perColumn: boolean; cols: number }> = Object.freeze({
  perColumn: false,
  cols: 1,
});

const SCHEMA = {
  perColumn: option.withDefault(rule.boolean, DEFAULT_CALIBRATE_OPTIONS.perColumn),
  cols: option.withDefault(rule.positiveInteger, DEFAULT_CALIBRATE_OPTIONS.cols),
  applied: option.optional(rule.any<OutputCalibration>()), // checked against the fitted shape below
} satisfies OptionsSchema<CalibrateOptions>;

/**
 * Fits the output correction of a memristive layer: reference ≈ slope · raw + intercept by ordinary least squares
 * (MemTorch's `naive_tune` step 6), over all outputs or per column. The fit is always made against the raw
 * (uncorrected) outputs: pass the correction already applied to `raw` as `applied` and it is undone first. So
 * calibrating twice gives the same calibration, where MemTorch fits the second line on already-corrected outputs and
 * then applies it to raw ones.
 *
 * @param raw - the layer's outputs for some probe inputs (raw, or corrected by `applied`), finite.
 * @param reference - the ideal (digital) outputs for the same inputs, same length, finite.
 * @param options - `perColumn` (default false), `cols` (default 1), `applied` (optional).
 * @returns slope, intercept and R² per column (length cols with perColumn, else 1).
 * @throws {InvalidParameterError} on NaN or ±Infinity in raw or reference, a bad option, an `applied` slope of 0, or
 * raw outputs that are constant (in some column) so that no slope can be fitted.
 * @throws {ShapeMismatchError} when raw and reference differ in length or cols does not divide it.
 * @example
 * const c = calibrate([1, 2, 3], [3, 5, 7]); // slope [2], intercept [1], r2 [1]
 * calibrate(applyCalibration([1, 2, 3], c), [3, 5, 7], { applied: c }); // → the same calibration
 */
export function calibrate(
  raw: ArrayLike<number>,
  reference: ArrayLike<number>,
  options: CalibrateOptions = {},
): OutputCalibration {
  const where = 'calibrate';
  const { perColumn, cols, applied } = resolveOptions(where, options, SCHEMA);
  const xs = checkFiniteArray(where, 'raw', raw);
  const ys = checkFiniteArray(where, 'reference', reference);
  if (xs.length !== ys.length)
    throw new ShapeMismatchError({
      where,
      parameter: 'reference',
      expectedShape: [xs.length],
      actualShape: [ys.length],
      detail: '(same length as raw)',
    });
  if (xs.length % cols !== 0)
    throw new ShapeMismatchError({
      where,
      parameter: 'raw',
      expectedShape: [Math.ceil(xs.length / cols), cols],
      actualShape: [xs.length],
      detail: `(a multiple of cols = ${cols})`,
    });
  const k = perColumn ? cols : 1;
  const rows = xs.length / k;
  if (rows < 2)
    throw new InvalidParameterError({
      where,
      parameter: 'raw',
      value: raw,
      expected: `at least 2 samples per fitted line (got ${rows})`,
    });

  // Undo the correction already applied, so the fit starts from the identity.
  let x: ArrayLike<number> = xs;
  if (applied !== undefined) {
    const a = checkCalibration(where, 'applied', applied);
    if (a !== 1 && a !== cols)
      throw new ShapeMismatchError({
        where,
        parameter: 'applied.slope',
        expectedShape: [cols],
        actualShape: [a],
        detail: '(1, or one entry per output column)',
      });
    const { slope, intercept } = applied;
    for (let j = 0; j < a; j++)
      if (slope[j] === 0)
        throw new InvalidParameterError({
          where,
          parameter: `applied.slope[${j}]`,
          value: 0,
          expected: 'non-zero (the correction must be invertible)',
        });
    const undone = new Float64Array(xs.length);
    for (let i = 0, j = 0; i < xs.length; i++, j = j + 1 === a ? 0 : j + 1)
      undone[i] = (xs[i]! - intercept[j]!) / slope[j]!;
    x = undone;
  }

  const { slope, intercept, r2, constantColumn: j } = fitColumns(x, ys, rows, k);
  if (j >= 0)
    throw new InvalidParameterError({
      where,
      parameter: k === 1 ? 'raw' : `raw[:, ${j}]`,
      value: x[j],
      expected: 'not constant (the slope is undefined)',
    });
  return { slope, intercept, r2 };
}
