import { InvalidParameterError, ShapeMismatchError, checkFiniteArray } from '@memsim/core';
import { checkFiniteOutput } from '../internal/check-finite-output';

/**
 * Undoes {@link scaleInput} on a layer's outputs: out[b, j] = y[b, j] / scale[b] for every sample b. Because the
 * crossbar is linear in its input voltages, (x · scale) · W / scale = x · W whatever the peak of x.
 *
 * @param y - outputs, batch × outputs row-major (batch = scale.length).
 * @param scale - the `scale` returned by scaleInput (one entry per sample, finite, > 0).
 * @returns a new array of y's type (number[] → Float64Array).
 * @throws {InvalidParameterError} when y or scale holds NaN or ±Infinity, or a scale entry is ≤ 0.
 * @throws {ShapeMismatchError} when scale.length does not divide y.length.
 * @example
 * unscaleOutput(new Float64Array([0.5, -1]), new Float64Array([0.25])); // → [2, -4]
 */
export function unscaleOutput(y: Float32Array, scale: ArrayLike<number>): Float32Array;
export function unscaleOutput(y: Float64Array | number[], scale: ArrayLike<number>): Float64Array;
export function unscaleOutput(
  y: Float32Array | Float64Array | number[],
  scale: ArrayLike<number>,
): Float32Array | Float64Array;
export function unscaleOutput(
  y: Float32Array | Float64Array | number[],
  scale: ArrayLike<number>,
): Float32Array | Float64Array {
  const where = 'unscaleOutput';
  const data = checkFiniteArray(where, 'y', y);
  const s = checkFiniteArray(where, 'scale', scale);
  const batch = s.length;
  if (batch === 0)
    throw new InvalidParameterError({
      where,
      parameter: 'scale',
      value: scale,
      expected: 'a non-empty array (one entry per sample)',
    });
  for (let b = 0; b < batch; b++)
    if (!(s[b]! > 0))
      throw new InvalidParameterError({
        where,
        parameter: `scale[${b}]`,
        value: s[b],
        expected: 'a finite number > 0',
      });
  if (data.length % batch !== 0)
    throw new ShapeMismatchError({
      where,
      parameter: 'y',
      expectedShape: [batch * Math.ceil(data.length / batch)],
      actualShape: [data.length],
      detail: `(y.length must be a multiple of scale.length = ${batch})`,
    });
  const width = data.length / batch;
  const out = data instanceof Float32Array ? new Float32Array(data.length) : new Float64Array(data.length);
  for (let b = 0, p = 0; b < batch; b++) {
    const inv = 1 / s[b]!;
    for (let j = 0; j < width; j++, p++) out[p] = data[p]! * inv;
  }
  return checkFiniteOutput(where, out, 'output');
}
