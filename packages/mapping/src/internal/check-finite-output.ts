import { NumericalError } from '@memsim/core';

/**
 * Finite inputs can still overflow (an output divided by a subnormal scale, a huge slope): one O(n) scan turns a
 * silent ±Infinity into a NumericalError naming the entry. Returns `out`.
 */
export function checkFiniteOutput<T extends Float32Array | Float64Array>(where: string, out: T, what: string): T {
  for (let i = 0; i < out.length; i++)
    if (!(out[i]! - out[i]! === 0))
      throw new NumericalError({
        where,
        step: -1,
        detail: `${what}[${i}] overflowed to ${out[i]} (the inputs exceed the ${out instanceof Float32Array ? 'float32' : 'double'} range)`,
      });
  return out;
}
