import { InvalidParameterError, ShapeMismatchError, checkFiniteArray } from '@memsim/core';
import { fitColumns } from '../internal/fit-columns';

/**
 * An ordinary-least-squares line y ≈ slope · x + intercept.
 *
 * @example
 * const fit: LinearFit = fitLinear([1, 2, 3], [3, 5, 7]);
 * fit.slope; // → 2; fit.intercept → 1; fit.r2 → 1
 */
export interface LinearFit {
  /** Slope [y units per x unit]. */
  slope: number;
  /** Intercept [y units]. */
  intercept: number;
  /** Coefficient of determination R² = 1 − SS_res/SS_tot (1 for a perfect fit, also when y is constant). */
  r2: number;
}

/**
 * Fits y ≈ slope · x + intercept by ordinary least squares (closed form on centred sums, Float64), like sklearn's
 * `LinearRegression(fit_intercept=True)` that MemTorch's `naive_tune` uses.
 *
 * @param x - abscissae (e.g. raw crossbar outputs), finite.
 * @param y - ordinates (e.g. ideal digital outputs), finite, same length as x.
 * @throws {InvalidParameterError} when x or y holds NaN or ±Infinity, has fewer than 2 entries, or x is constant.
 * @throws {ShapeMismatchError} when x and y differ in length.
 * @example
 * fitLinear([0, 1, 2], [1, 3, 5]); // → { slope: 2, intercept: 1, r2: 1 }
 */
export function fitLinear(x: ArrayLike<number>, y: ArrayLike<number>): LinearFit {
  const where = 'fitLinear';
  const xs = checkFiniteArray(where, 'x', x);
  const ys = checkFiniteArray(where, 'y', y);
  if (xs.length !== ys.length)
    throw new ShapeMismatchError({
      where,
      parameter: 'y',
      expectedShape: [xs.length],
      actualShape: [ys.length],
      detail: '(same length as x)',
    });
  if (xs.length < 2)
    throw new InvalidParameterError({ where, parameter: 'x', value: x, expected: 'an array of at least 2 points' });
  const fit = fitColumns(xs, ys, xs.length, 1);
  if (fit.constantColumn >= 0)
    throw new InvalidParameterError({
      where,
      parameter: 'x',
      value: x,
      expected: 'not constant (the slope is undefined)',
    });
  return { slope: fit.slope[0]!, intercept: fit.intercept[0]!, r2: fit.r2[0]! };
}
