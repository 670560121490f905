import { InvalidParameterError, ShapeMismatchError, checkFiniteArray, checkPositiveInteger } from '@memsim/core';
import { fitColumns } from '../internal/fit-columns';

/**
 * One ordinary-least-squares line per output column.
 *
 * @example
 * const fit: LinearFitPerColumn = calibrate([1, 10, 2, 20], [3, 10, 5, 20], { perColumn: true, cols: 2 });
 * fit.slope; // → Float64Array [2, 1]
 */
export interface LinearFitPerColumn {
  /** Slope of each column [y units per x unit]. */
  slope: Float64Array;
  /** Intercept of each column [y units]. */
  intercept: Float64Array;
  /** R² of each column. */
  r2: Float64Array;
}

/**
 * Fits y[:, j] ≈ slope[j] · x[:, j] + intercept[j] for every column j of two rows × cols row-major matrices (e.g. raw
 * crossbar outputs and ideal outputs, rows = samples, cols = output channels), each by ordinary least squares as
 * in {@link fitLinear}.
 *
 * @param x - abscissae, rows × cols row-major, finite.
 * @param y - ordinates, rows × cols row-major, finite.
 * @param rows - number of samples (integer ≥ 2).
 * @param cols - number of columns (integer ≥ 1).
 * @throws {InvalidParameterError} when x or y holds NaN or ±Infinity, rows < 2, cols is not a positive integer, or a
 * column of x is constant (naming the column).
 * @throws {ShapeMismatchError} when x or y is not rows · cols long.
 * @example
 * fitLinearPerColumn([0, 0, 1, 1], [1, 0, 3, -1], 2, 2); // → slope [2, -1], intercept [1, 0], r2 [1, 1]
 */
export function fitLinearPerColumn(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  rows: number,
  cols: number,
): LinearFitPerColumn {
  const where = 'fitLinearPerColumn';
  checkPositiveInteger(where, 'rows', rows);
  if (rows < 2)
    throw new InvalidParameterError({
      where,
      parameter: 'rows',
      value: rows,
      expected: 'an integer >= 2 (two points per line)',
    });
  checkPositiveInteger(where, 'cols', cols);
  const xs = checkFiniteArray(where, 'x', x);
  const ys = checkFiniteArray(where, 'y', y);
  for (const [name, a] of [
    ['x', xs],
    ['y', ys],
  ] as const)
    if (a.length !== rows * cols)
      throw new ShapeMismatchError({
        where,
        parameter: name,
        expectedShape: [rows, cols],
        actualShape: [a.length],
        detail: '(rows · cols entries, row-major)',
      });
  const { slope, intercept, r2, constantColumn: j } = fitColumns(xs, ys, rows, cols);
  if (j >= 0)
    throw new InvalidParameterError({
      where,
      parameter: `x[:, ${j}]`,
      value: xs[j],
      expected: 'not constant (the slope is undefined)',
    });
  return { slope, intercept, r2 };
}
