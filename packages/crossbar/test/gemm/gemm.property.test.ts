import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gemm } from '../../src/index';

/** Float32 emulation of the documented summation order (products and sums rounded, k in order, no FMA). */
function sequential(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s = Math.fround(s + Math.fround(a[i * k + p]! * b[p * n + j]!));
      c[i * n + j] = s;
    }
  return c;
}

describe('gemm properties', () => {
  it('for random shapes and values, both backends equal the documented float32 summation bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (m, k, n, seed) => {
          let s = seed;
          const next = () => {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            return (s / 2 ** 32) * 4 - 2;
          };
          const a = Float32Array.from({ length: m * k }, next);
          const b = Float32Array.from({ length: k * n }, next);
          const want = sequential(a, b, m, k, n);
          expect(gemm(a, b, { m, k, n }, { backend: 'ts' })).toEqual(want);
          expect(gemm(a, b, { m, k, n }, { backend: 'wasm' })).toEqual(want);
        },
      ),
      { numRuns: 60, seed: 20261130 },
    );
  });
});
