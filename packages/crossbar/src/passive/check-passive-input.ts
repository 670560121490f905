// MODULES //

import {
  checkFiniteArray,
  checkMatrix,
  InvalidParameterError,
  type Matrix,
  type NumericArray,
  ShapeMismatchError,
} from '@memsim/core';

// MAIN //

/**
 * Checks a conductance matrix of a physical array: `{ rows, cols, data }` with positive integer sizes, rows·cols
 * finite entries, every entry ≥ 0 [S].
 *
 * @throws {InvalidParameterError} when it is not such a matrix or an entry is negative (a signed difference
 *   G⁺ − G⁻ is two physical arrays: solve each and subtract the currents)
 * @throws {ShapeMismatchError} when `data` does not hold rows·cols entries
 */
export function checkConductanceMatrix(where: string, parameter: string, value: unknown): Matrix {
  const g = checkMatrix(where, parameter, value);
  const data = g.data;
  for (let k = 0; k < data.length; k++)
    if (data[k]! < 0)
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}.data[${k}]`,
        value: data[k],
        expected:
          'a conductance >= 0 [S] (a signed G⁺ − G⁻ is two physical arrays: solve each and subtract the currents)',
      });
  return g;
}

/**
 * Checks a voltage vector or batch: a numeric array of exactly `length` finite entries [V].
 *
 * @throws {InvalidParameterError} when it is not a numeric array or holds NaN/Infinity
 * @throws {ShapeMismatchError} when its length is not `length`
 */
export function checkVoltages(
  where: string,
  parameter: string,
  value: unknown,
  shape: readonly number[],
  detail: string,
): NumericArray {
  const v = checkFiniteArray(where, parameter, value);
  const length = shape.reduce((a, b) => a * b, 1);
  if (v.length !== length)
    throw new ShapeMismatchError({ where, parameter, expectedShape: [length], actualShape: [v.length], detail });
  return v;
}
