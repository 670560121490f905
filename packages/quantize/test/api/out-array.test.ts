import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { QUANT_METHODS, quantize, quantizeInput } from '../../src/index';

describe('the optional `out` array (allocation-free use, e.g. per crossbar tile)', () => {
  it.each(QUANT_METHODS)('quantize %s writes into `out`, returns it, and matches the allocating call', (method) => {
    const x = new Float32Array([0.3, -0.7, 0.1, 1e-3, 0]);
    const out = new Float32Array(5).fill(Number.NaN);
    const got = quantize(x, { bits: 5, method }, out);
    expect(got).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(quantize(x, { bits: 5, method })));
  });

  it('a constant input is copied into `out`', () => {
    const out = new Float64Array(3).fill(9);
    expect(Array.from(quantize(new Float64Array([0.5, 0.5, 0.5]), { bits: 4 }, out))).toEqual([0.5, 0.5, 0.5]);
  });

  it('a non-overlapping view of the same buffer is accepted', () => {
    const buffer = new Float64Array(8);
    buffer.set([0.3, -0.7, 0.1, 0.9]);
    const x = buffer.subarray(0, 4);
    const out = buffer.subarray(4, 8);
    quantize(x, { bits: 4 }, out);
    expect(Array.from(out)).toEqual(Array.from(quantize(new Float64Array([0.3, -0.7, 0.1, 0.9]), { bits: 4 })));
  });

  it('quantizeInput writes into `out` too', () => {
    const out = new Float32Array(3);
    expect(quantizeInput(new Float32Array([0.26, -2, 0.74]), { bits: 3, range: 1 }, out)).toBe(out);
    expect(Array.from(out)).toEqual(
      Array.from(quantizeInput(new Float32Array([0.26, -2, 0.74]), { bits: 3, range: 1 })),
    );
  });

  it.each([
    [
      'the other float type',
      () =>
        quantize(
          new Float32Array(3).fill(1).map((v, i) => v * i),
          { bits: 4 },
          new Float64Array(3) as unknown as Float32Array,
        ),
    ],
    [
      'x itself',
      () => {
        const x = new Float64Array([1, 2, 3]);
        return quantize(x, { bits: 4 }, x);
      },
    ],
    [
      'an overlapping view',
      () => {
        const b = new Float64Array([1, 2, 3, 4]);
        return quantize(b.subarray(0, 3), { bits: 4 }, b.subarray(1, 4));
      },
    ],
    [
      'a plain array',
      () => quantizeInput(new Float64Array(2), { bits: 4, range: 1 }, [0, 0] as unknown as Float64Array),
    ],
  ])('rejects %s as `out` with InvalidParameterError', (_label, call) => {
    let error: unknown;
    try {
      call();
    } catch (e) {
      error = e;
    }
    expect(InvalidParameterError.isInstance(error)).toBe(true);
    expect((error as InvalidParameterError).parameter).toBe('out');
  });

  it('rejects an `out` of the wrong length with ShapeMismatchError', () => {
    expect(() => quantize(new Float64Array(3), { bits: 4 }, new Float64Array(2))).toThrow(
      /quantize: `out` must have shape \[3\]; received shape \[2\]/,
    );
    let error: unknown;
    try {
      quantizeInput(new Float64Array(3), { bits: 4, range: 1 }, new Float64Array(4));
    } catch (e) {
      error = e;
    }
    expect(ShapeMismatchError.isInstance(error)).toBe(true);
  });
});
