import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { type FloatArray, newLike } from './float-array';

/**
 * The array a quantiser writes into: a new one like `x`, or the caller's `out` after checking that it has the type
 * and length of `x` and shares no memory with it (the kernels read `x` after they start writing).
 *
 * @throws {InvalidParameterError} when `out` is not an array of the type of `x`, or overlaps `x`
 * @throws {ShapeMismatchError} when `out.length !== x.length`
 */
export function resolveOut<T extends FloatArray>(where: string, x: T, out: unknown): T {
  if (out === undefined) return newLike(x);
  if (!(out instanceof (x.constructor as typeof Float32Array | typeof Float64Array)))
    throw new InvalidParameterError({
      where,
      parameter: 'out',
      value: out,
      expected: `a ${x.constructor.name} like \`x\`, or undefined`,
    });
  const o = out as T;
  if (o.length !== x.length)
    throw new ShapeMismatchError({
      where,
      parameter: 'out',
      expectedShape: [x.length],
      actualShape: [o.length],
      detail: '(one entry per entry of `x`)',
    });
  if (
    o.buffer === x.buffer &&
    o.byteOffset < x.byteOffset + x.byteLength &&
    x.byteOffset < o.byteOffset + o.byteLength &&
    x.length > 0
  )
    throw new InvalidParameterError({
      where,
      parameter: 'out',
      value: out,
      expected: 'an array that shares no memory with `x`',
    });
  return o;
}
