import { InvalidParameterError, MemsimError, ShapeMismatchError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { quantize, quantizeInput, quantizeLevels } from '../../src/index';

const x = new Float64Array([0.3, -0.7, 0.1, 0.9]);

/** Runs `fn`, expecting an InvalidParameterError (brand-checked) whose parameter and message name `parameter`. */
function expectInvalid(fn: () => unknown, parameter: RegExp, where: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(InvalidParameterError.isInstance(error), `expected an InvalidParameterError, got ${String(error)}`).toBe(true);
  expect(MemsimError.isInstance(error)).toBe(true);
  const e = error as InvalidParameterError;
  expect(e.parameter).toMatch(parameter);
  expect(e.message).toMatch(new RegExp(`^${where}: `));
  expect(e.message).toMatch(/must be .*; received .*\.$|unknown key/);
}

const NOT_NUMBERS = ['5', null, [], {}, true] as const;

describe('quantize rejects bad input with a typed error naming the parameter', () => {
  it.each([0, -1, 1.5, 54, Number.NaN, Number.POSITIVE_INFINITY, ...NOT_NUMBERS, undefined])('bits = %o', (bits) => {
    expectInvalid(() => quantize(x, { bits: bits as number }), /^bits$/, 'quantize');
  });

  it.each([-0.1, 1.01, Number.NaN, Number.POSITIVE_INFINITY, ...NOT_NUMBERS])('overflowRate = %o', (overflowRate) => {
    expectInvalid(() => quantize(x, { bits: 4, overflowRate: overflowRate as number }), /^overflowRate$/, 'quantize');
  });

  it.each(['min-max', 'LINEAR', 'sqrt', '', 0, ...NOT_NUMBERS])('method = %o', (method) => {
    expectInvalid(() => quantize(x, { bits: 4, method: method as 'linear' }), /^method$/, 'quantize');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 961, ...NOT_NUMBERS])(
    'min = %o',
    (min) => {
      expectInvalid(() => quantize(x, { bits: 4, min: min as number }), /^min$/, 'quantize');
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, ...NOT_NUMBERS])('max = %o', (max) => {
    expectInvalid(() => quantize(x, { bits: 4, max: max as number }), /^max$/, 'quantize');
  });

  it('a bound beyond 2^126 for Float32Array input', () => {
    expectInvalid(() => quantize(new Float32Array([0.1, 0.2]), { bits: 4, max: 1e39 }), /^max$/, 'quantize');
    expectInvalid(() => quantize(new Float32Array([0.1, 0.2]), { bits: 4, min: -1e38 }), /^min$/, 'quantize');
    expect(() => quantize(new Float64Array([0.1, 0.2]), { bits: 4, max: 1e39 })).not.toThrow();
  });

  it('min > max', () => {
    expectInvalid(() => quantize(x, { bits: 4, min: 1, max: -1 }), /^min$/, 'quantize');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['beyond 2^960', 1e300],
  ])('an input entry that is %s, naming its index', (_label, bad) => {
    for (const make of [(a: number[]) => Float64Array.from(a), (a: number[]) => Float32Array.from(a)]) {
      const input = make([0.1, 0.2, bad, 0.4]);
      if (input instanceof Float32Array && bad === 1e300) continue; // becomes Infinity in float32, covered above
      expectInvalid(() => quantize(input, { bits: 4 }), /^x\[2\]$/, 'quantize');
    }
  });

  it('a Float32Array entry beyond 2^126 (its full scale would leave float32)', () => {
    expectInvalid(() => quantize(new Float32Array([0.1, 3e38]), { bits: 4 }), /^x\[1\]$/, 'quantize');
    expect(() => quantize(new Float32Array([0.1, 8e37]), { bits: 4 })).not.toThrow();
  });

  it.each([[[0.1, 0.2]], ['0.1'], [null], [new Int32Array(3)], [{}]])(
    'x = %o (not a Float32Array or Float64Array)',
    (input) => {
      expectInvalid(() => quantize(input as unknown as Float64Array, { bits: 4 }), /^x$/, 'quantize');
    },
  );

  it.each([null, 4, 'bits', []])('options = %o', (options) => {
    expectInvalid(() => quantize(x, options as unknown as { bits: number }), /^options$/, 'quantize');
  });

  it('an unknown option key, with a suggestion', () => {
    expect(() => quantize(x, { bits: 4, overflowrate: 0.1 } as unknown as { bits: number })).toThrow(
      /unknown key `overflowrate`; did you mean `overflowRate`\?/,
    );
    expectInvalid(
      () => quantize(x, { bits: 4, quant_method: 'log' } as unknown as { bits: number }),
      /^quant_method$/,
      'quantize',
    );
  });

  it('does not throw for a valid edge: bits = 53, overflowRate = 1, min = max', () => {
    expect(() => quantize(x, { bits: 53, overflowRate: 1, min: 0.2, max: 0.2 })).not.toThrow();
  });
});

describe('quantizeLevels rejects bad input', () => {
  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 26 + 1, ...NOT_NUMBERS])('levels = %o', (levels) => {
    expectInvalid(() => quantizeLevels(x, levels as number, 0, 1), /^levels$/, 'quantizeLevels');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '0', null, {}, true])('min = %o', (min) => {
    expectInvalid(() => quantizeLevels(x, 4, min as number, 1), /^min$/, 'quantizeLevels');
  });

  it.each([Number.NaN, Number.NEGATIVE_INFINITY, '1', null, {}, true])('max = %o', (max) => {
    expectInvalid(() => quantizeLevels(x, 4, 0, max as number), /^max$/, 'quantizeLevels');
  });

  it('min > max, scalar and per element', () => {
    expectInvalid(() => quantizeLevels(x, 4, 1, 0), /^min$/, 'quantizeLevels');
    expectInvalid(() => quantizeLevels(x, 4, [0, 0, 2, 0], 1), /^min\[2\]$/, 'quantizeLevels');
  });

  it('a bad entry of a per-element bound names its index', () => {
    expectInvalid(() => quantizeLevels(x, 4, [0, Number.NaN, 0, 0], 1), /^min\[1\]$/, 'quantizeLevels');
    expectInvalid(() => quantizeLevels(x, 4, 0, [1, 1, 1, '1'] as unknown as number[]), /^max\[3\]$/, 'quantizeLevels');
  });

  it('Float64Array per-element bounds (the fused check-and-quantise pass) still name the first offender', () => {
    const lo = Float64Array.from([0, 0.1, 0.2, 0.3]);
    const hi = Float64Array.from([1, 1.1, 1.2, 1.3]);
    expectInvalid(
      () => quantizeLevels(Float64Array.from([0.5, Number.NaN, 0.5, 0.5]), 4, lo, hi),
      /^x\[1\]$/,
      'quantizeLevels',
    );
    expectInvalid(
      () => quantizeLevels(x, 4, Float64Array.from([0, 0.1, Number.POSITIVE_INFINITY, 0.3]), hi),
      /^min\[2\]$/,
      'quantizeLevels',
    );
    expectInvalid(
      () => quantizeLevels(x, 4, lo, Float64Array.from([1, 1.1, 1.2, 0.2])),
      /^min\[3\]$/,
      'quantizeLevels',
    );
    expectInvalid(
      () => quantizeLevels(Float64Array.from([0.5, 0.5, 0.5, 1e300]), 4, lo, hi),
      /^x\[3\]$/,
      'quantizeLevels',
    );
  });

  it('a per-element bound of the wrong length throws ShapeMismatchError', () => {
    let error: unknown;
    try {
      quantizeLevels(x, 4, new Float64Array(3), 1);
    } catch (e) {
      error = e;
    }
    expect(ShapeMismatchError.isInstance(error)).toBe(true);
    expect((error as ShapeMismatchError).message).toMatch(
      /quantizeLevels: `min` must have shape \[4\]; received shape \[3\]/,
    );
  });

  it('NaN input', () => {
    expectInvalid(() => quantizeLevels(new Float64Array([0, Number.NaN]), 4, 0, 1), /^x\[1\]$/, 'quantizeLevels');
  });

  it('x not a float array', () => {
    expectInvalid(() => quantizeLevels([1, 2] as unknown as Float64Array, 4, 0, 1), /^x$/, 'quantizeLevels');
  });
});

describe('quantizeInput rejects bad input', () => {
  it.each([1, 0, -1, 2.5, 54, Number.NaN, ...NOT_NUMBERS, undefined])('bits = %o', (bits) => {
    expectInvalid(() => quantizeInput(x, { bits: bits as number, range: 1 }), /^bits$/, 'quantizeInput');
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, ...NOT_NUMBERS, undefined])('range = %o', (range) => {
    expectInvalid(() => quantizeInput(x, { bits: 4, range: range as number }), /^range$/, 'quantizeInput');
  });

  it('NaN input, unknown key, missing options', () => {
    expectInvalid(
      () => quantizeInput(new Float32Array([Number.NaN]), { bits: 4, range: 1 }),
      /^x\[0\]$/,
      'quantizeInput',
    );
    expectInvalid(
      () => quantizeInput(x, { bits: 4, range: 1, rnage: 2 } as unknown as { bits: number; range: number }),
      /^rnage$/,
      'quantizeInput',
    );
    expectInvalid(
      () => quantizeInput(x, undefined as unknown as { bits: number; range: number }),
      /^options$/,
      'quantizeInput',
    );
  });
});
