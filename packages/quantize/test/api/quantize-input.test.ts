import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { quantizeInput } from '../../src/index';

describe('quantizeInput (symmetric DAC)', () => {
  it('rounds to k·range/(2^(bits−1) − 1) and saturates at ±range (closed form)', () => {
    expectClose(quantizeInput(new Float64Array([0.26, -2, 0.74, 0]), { bits: 3, range: 1 }), [1 / 3, -1, 2 / 3, 0], {
      rtol: 1e-15,
    });
  });

  it('rounds half away from zero, symmetrically', () => {
    // 2 bits: levels −r, 0, r
    expect(Array.from(quantizeInput(new Float64Array([0.5, -0.5, 0.49, -0.49]), { bits: 2, range: 1 }))).toEqual([
      1, -1, 0, 0,
    ]);
  });

  it('hits ±range exactly and never returns −0', () => {
    const q = quantizeInput(new Float64Array([0.3, -0.3, -1e-9, 5]), { bits: 8, range: 0.3 });
    expect(q[0]).toBe(0.3);
    expect(q[1]).toBe(-0.3);
    expect(Object.is(q[2], 0)).toBe(true);
    expect(q[3]).toBe(0.3);
  });

  it('every option changes the result and Float32Array stays Float32Array', () => {
    const x = new Float32Array([0.11, -0.52, 0.93]);
    const base = quantizeInput(x, { bits: 4, range: 1 });
    expect(base).toBeInstanceOf(Float32Array);
    expect(Array.from(quantizeInput(x, { bits: 6, range: 1 }))).not.toEqual(Array.from(base));
    expect(Array.from(quantizeInput(x, { bits: 4, range: 0.5 }))).not.toEqual(Array.from(base));
    expect(Array.from(x)).toEqual(Array.from(new Float32Array([0.11, -0.52, 0.93])));
  });
});
