import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { quantize } from '../../src/index';

// MemTorch 1.1.6's quantiser, worked out by hand from its formula.
describe('quantize linear: the worked examples of the specification', () => {
  it('[0.3, −0.7, 0.1], 4 bits: v = 0.7, sf = −3, δ = 0.125', () => {
    const got = quantize(new Float64Array([0.3, -0.7, 0.1]), { bits: 4 });
    expectClose(got, [0.25, -0.75, 0.125], { rtol: 0 });
  });

  it('[1e-4, −3e-4, 2.5e-4, 0], 8 bits: sf = −18, δ = 2^−18', () => {
    const delta = 2 ** -18;
    const got = quantize(new Float64Array([1e-4, -3e-4, 2.5e-4, 0]), { bits: 8 });
    // Closed form: round half up to the δ grid.
    expectClose(
      got,
      [
        Math.floor(1e-4 / delta + 0.5) * delta,
        Math.floor(-3e-4 / delta + 0.5) * delta,
        Math.floor(2.5e-4 / delta + 0.5) * delta,
        0,
      ],
      { rtol: 0 },
    );
    expectClose(got, [9.91821e-5, -3.01361e-4, 2.5177e-4, 0], { rtol: 1e-5 });
  });

  it('representable range with 4 bits and v < 1 is [−1, 0.875]: −1 is reachable, +1 saturates one step below', () => {
    // v = 0.99 → K = 0, δ = 1/8, codes −8…7: 0.99 → floor(7.92 + ½) = 8 → 7; −0.99 → floor(−7.42) = −8
    expect(Array.from(quantize(new Float64Array([0.99, -0.99, 0.3]), { bits: 4 }))).toEqual([0.875, -1, 0.25]);
    // with bounds ±0.7 the scale comes from the bound (|±0.7| ≥ every clamped |x|): the same δ = 1/8
    expect(Array.from(quantize(new Float64Array([0.99, -0.99, 0.3]), { bits: 4, min: -0.7, max: 0.7 }))).toEqual([
      0.75, -0.75, 0.25,
    ]);
  });

  it('Float32Array is quantised in float32 arithmetic: an exact power of two keeps its octave', () => {
    // double: log2(2 + 1e-12) > 1 → full scale 4; float: 2 + 1e-12f rounds to 2 → full scale 2, so 2 saturates below.
    const x = [2, -1.3, 0.4];
    expect(Array.from(quantize(Float64Array.from(x), { bits: 4 }))).toEqual([2, -1.5, 0.5]);
    expect(Array.from(quantize(Float32Array.from(x), { bits: 4 }))).toEqual([1.75, -1.25, 0.5]);
  });

  it('Float32Array: x/δ = 0.5 − 2^−25 ties up to code 1 when x/δ + 0.5 is rounded to float (as MemTorch does)', () => {
    // v = 1 → float: 1 + 1e-12f = 1, K = 0, δ = 2^(1−4+0) = 1/8. y/δ = 0.5 − 2^−25 is below ½, yet float(y/δ + ½) = 1.
    const y = (0.5 - 2 ** -25) / 8;
    expect(Math.fround(y)).toBe(y);
    expect(Array.from(quantize(Float32Array.from([1, y, -y]), { bits: 4 }))).toEqual([0.875, 0.125, 0]);
    // exact rounding would give code 0: floor(0.5 − 2^−25 + 0.5) = 0
    expect(Math.floor(y * 8 + 0.5)).toBe(0);
  });
});
