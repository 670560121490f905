import { InvalidParameterError, ShapeMismatchError, isNumericArray } from '@memsim/core';

/**
 * Normalises a per-device bound (`number` shared by every device, or one value per device) into a Float64Array of
 * length `n`, checking that every value is finite and > 0.
 *
 * @throws {InvalidParameterError} when a value is not a finite number > 0.
 * @throws {ShapeMismatchError} when an array bound does not have length `n`.
 */
export function toBounds(where: string, parameter: string, value: unknown, n: number): Float64Array {
  if (typeof value === 'number') {
    if (!(Number.isFinite(value) && value > 0))
      throw new InvalidParameterError({ where, parameter, value, expected: 'a finite number > 0 (or one per device)' });
    return new Float64Array(n).fill(value);
  }
  if (!isNumericArray(value))
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'a number or a Float64Array with one value per device',
    });
  if (value.length !== n)
    throw new ShapeMismatchError({ where, parameter, expectedShape: [n], actualShape: [value.length] });
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = value[i]!;
    if (!(Number.isFinite(v) && v > 0))
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}[${i}]`,
        value: v,
        expected: 'a finite number > 0',
      });
    out[i] = v;
  }
  return out;
}
