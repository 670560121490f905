import { InvalidParameterError } from '../errors/invalid-parameter-error';
import { ShapeMismatchError } from '../errors/shape-mismatch-error';
import type { Matrix, NumericArray } from '../types/matrix';

/**
 * True for Float32Array, Float64Array or a plain number[].
 *
 * @example
 * isNumericArray(new Float32Array(3)); // → true
 * isNumericArray(['1']); // → false
 */
export function isNumericArray(value: unknown): value is NumericArray {
  return value instanceof Float32Array || value instanceof Float64Array || Array.isArray(value);
}

/**
 * Checks that `value` is a numeric array (Float32Array, Float64Array or number[]) whose every entry is finite.
 * Returns the index of nothing; throws naming the first bad index.
 * @example
 * checkFiniteArray('quantize', 'x', new Float64Array([0.1, -0.2])); // → the same array, typed
 */
export function checkFiniteArray(where: string, parameter: string, value: unknown): NumericArray {
  if (!isNumericArray(value))
    throw new InvalidParameterError({ where, parameter, value, expected: 'a Float32Array, Float64Array or number[]' });
  // One loop per array type, so each stays monomorphic however many call sites share this check.
  const i =
    value instanceof Float64Array
      ? firstNonFinite64(value)
      : value instanceof Float32Array
        ? firstNonFinite32(value)
        : firstNonFinite(value);
  if (i >= 0)
    throw new InvalidParameterError({
      where,
      parameter: `${parameter}[${i}]`,
      value: value[i],
      expected: 'a finite number (no NaN or Infinity)',
    });
  return value;
}

// NaN fails both comparisons, so `v - v === 0` alone catches NaN and ±Infinity.

/** Index of the first NaN or ±Infinity of `a`, or -1. */
function firstNonFinite64(a: Float64Array): number {
  const n = a.length;
  for (let i = 0; i < n; i++) if (!(a[i]! - a[i]! === 0)) return i;
  return -1;
}

/** Index of the first NaN or ±Infinity of `a`, or -1. */
function firstNonFinite32(a: Float32Array): number {
  const n = a.length;
  for (let i = 0; i < n; i++) if (!(a[i]! - a[i]! === 0)) return i;
  return -1;
}

/** Index of the first entry of `a` that is not a finite number, or -1. */
function firstNonFinite(a: ArrayLike<unknown>): number {
  const n = a.length;
  for (let i = 0; i < n; i++) {
    const v = a[i];
    if (!(typeof v === 'number' && v - v === 0)) return i;
  }
  return -1;
}

/**
 * Checks a `{ rows, cols, data }` matrix: positive integer sizes, data length rows·cols, finite entries.
 *
 * @example
 * const w = checkMatrix('naiveMap', 'weights', { rows: 2, cols: 2, data: [1, 0, 0, 1] });
 * w.rows; // → 2
 */
export function checkMatrix(where: string, parameter: string, value: unknown): Matrix {
  if (typeof value !== 'object' || value === null)
    throw new InvalidParameterError({ where, parameter, value, expected: 'a matrix { rows, cols, data }' });
  const m = value as Partial<Matrix>;
  if (typeof m.rows !== 'number' || !Number.isSafeInteger(m.rows) || m.rows < 1)
    throw new InvalidParameterError({
      where,
      parameter: `${parameter}.rows`,
      value: m.rows,
      expected: 'a positive integer',
    });
  if (typeof m.cols !== 'number' || !Number.isSafeInteger(m.cols) || m.cols < 1)
    throw new InvalidParameterError({
      where,
      parameter: `${parameter}.cols`,
      value: m.cols,
      expected: 'a positive integer',
    });
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
