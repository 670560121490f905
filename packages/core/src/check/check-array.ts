import { InvalidParameterError } from '../errors/invalid-parameter-error';
import { ShapeMismatchError } from '../errors/shape-mismatch-error';
import type { Matrix, NumericArray } from '../types/matrix';

/** True for Float32Array, Float64Array or a plain number[]. */
export function isNumericArray(value: unknown): value is NumericArray {
  return value instanceof Float32Array || value instanceof Float64Array || Array.isArray(value);
}

/**
 * Checks that `value` is a numeric array (Float32Array, Float64Array or number[]) whose every entry is finite.
 * Returns the index of nothing; throws naming the first bad index.
 */
export function checkFiniteArray(where: string, parameter: string, value: unknown): NumericArray {
  if (!isNumericArray(value))
    throw new InvalidParameterError({ where, parameter, value, expected: 'a Float32Array, Float64Array or number[]' });
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const v = value[i];
    // NaN fails both comparisons, so one test catches NaN and ±Infinity.
    if (!(typeof v === 'number' && v - v === 0)) {
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}[${i}]`,
        value: v,
        expected: 'a finite number (no NaN or Infinity)',
      });
    }
  }
  return value;
}

/** Checks a `{ rows, cols, data }` matrix: positive integer sizes, data length rows·cols, finite entries. */
export function checkMatrix(where: string, parameter: string, value: unknown): Matrix {
  if (typeof value !== 'object' || value === null)
    throw new InvalidParameterError({ where, parameter, value, expected: 'a matrix { rows, cols, data }' });
  const m = value as Partial<Matrix>;
  if (typeof m.rows !== 'number' || !Number.isInteger(m.rows) || m.rows < 1)
    throw new InvalidParameterError({ where, parameter: `${parameter}.rows`, value: m.rows, expected: 'a positive integer' });
  if (typeof m.cols !== 'number' || !Number.isInteger(m.cols) || m.cols < 1)
    throw new InvalidParameterError({ where, parameter: `${parameter}.cols`, value: m.cols, expected: 'a positive integer' });
  checkFiniteArray(where, `${parameter}.data`, m.data);
  const data = m.data as NumericArray;
  if (data.length !== m.rows * m.cols)
    throw new ShapeMismatchError({
      where,
      parameter: `${parameter}.data`,
      expectedShape: [m.rows * m.cols],
      actualShape: [data.length],
      detail: `(rows·cols = ${m.rows}·${m.cols})`,
    });
  return m as Matrix;
}
