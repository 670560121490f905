import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { quantizeLevels } from '../../src/index';

describe('quantizeLevels', () => {
  it('rounds to the nearest of evenly spaced levels, ends included (closed form)', () => {
    expect(Array.from(quantizeLevels(new Float64Array([0.1, 0.4, 0.9, 0.26]), 3, 0, 1))).toEqual([0, 0.5, 1, 0.5]);
    expectClose(quantizeLevels(new Float64Array([0.2, 0.55]), 4, 0, 1), [1 / 3, 2 / 3], { rtol: 1e-15 });
    // linspace(0, 1, 4)[2] is 1 − 1/3 = 0.6666666666666667 (one ulp above 2/3), so 0.5 is nearer 1/3 in floating point
    expect(quantizeLevels(new Float64Array([0.5]), 4, 0, 1)[0]).toBe(1 / 3);
  });

  it('an explicit 0 bound is a real bound (MemTorch would use the data minimum −0.5 instead)', () => {
    const x = new Float64Array([-0.5, 0.3, 0.8]);
    const got = quantizeLevels(x, 2, 0, 1);
    expect(Array.from(got)).toEqual([0, 0, 1]);
    // MemTorch's reading of min = 0 ("not given") is the data-minimum grid [−0.5, 1]:
    expect(Array.from(quantizeLevels(x, 2, undefined, 1))).toEqual([-0.5, 1, 1]);
  });

  it('undefined bounds take the data minimum and maximum', () => {
    const x = new Float64Array([3, -1, 0.2, 7, 2.9]);
    expect(Array.from(quantizeLevels(x, 5))).toEqual(Array.from(quantizeLevels(x, 5, -1, 7)));
  });

  it('entries outside [min, max] take the end levels (MemTorch reads past its level array above max)', () => {
    expect(Array.from(quantizeLevels(new Float64Array([-10, 10, 1.4]), 4, 0, 3))).toEqual([0, 3, 1]);
  });

  it("exact ties resolve as MemTorch's binary search does: [−2, 0, 2] sends both −1 and 1 to 0", () => {
    // Search over 3 levels from l = 0, h = 3: the middle level 0 is visited first and keeps the tie.
    expect(Array.from(quantizeLevels(new Float64Array([-1, 1]), 3, -2, 2))).toEqual([0, 0]);
    // With 2 levels [0, 1] the first visited is level 1 (m = 1), so 0.5 goes up.
    expect(Array.from(quantizeLevels(new Float64Array([0.5]), 2, 0, 1))).toEqual([1]);
  });

  it('levels = 1 gives the midpoint (MemTorch raises)', () => {
    expect(Array.from(quantizeLevels(new Float64Array([-4, 9]), 1, 0, 1))).toEqual([0.5, 0.5]);
  });

  it('min = max gives that value everywhere', () => {
    expect(Array.from(quantizeLevels(new Float64Array([-4, 9]), 8, 2, 2))).toEqual([2, 2]);
  });

  it('per-element bounds: each entry uses its own grid (the finite-conductance-states case)', () => {
    const g = new Float64Array([1.3e-4, 5.5e-4, 9.9e-4, 2e-3]);
    const gMin = new Float64Array([1e-4, 1.1e-4, 0.9e-4, 1e-4]);
    const gMax = new Float64Array([1e-3, 0.95e-3, 1.05e-3, 1e-3]);
    const got = quantizeLevels(g, 8, gMin, gMax);
    for (let i = 0; i < g.length; i++) {
      const step = (gMax[i]! - gMin[i]!) / 7;
      const j = Math.min(7, Math.max(0, Math.round((g[i]! - gMin[i]!) / step)));
      expect(got[i]).toBeCloseTo(gMin[i]! + j * step, 18);
      expectClose([got[i]!], [quantizeLevels(new Float64Array([g[i]!]), 8, gMin[i], gMax[i])[0]!], { rtol: 0 });
    }
  });

  it('mixes scalar and per-element bounds, accepts number[] bounds, and leaves every argument alone', () => {
    const x = new Float64Array([0.2, 0.7, 1.6]);
    const hi = [1, 1, 2];
    const got = quantizeLevels(x, 3, 0, hi);
    expect(Array.from(got)).toEqual([0, 0.5, 2]);
    expect(hi).toEqual([1, 1, 2]);
    expect(Array.from(x)).toEqual([0.2, 0.7, 1.6]);
  });

  it("Float32Array: float32 levels (MemTorch's float path) and a Float32Array result", () => {
    const got = quantizeLevels(new Float32Array([0.1, 0.35, 0.9]), 4, 0, 1);
    expect(got).toBeInstanceOf(Float32Array);
    expect(Array.from(got)).toEqual([0, Math.fround(1 / 3), 1]);
  });

  it('the per-element kernel agrees bit for bit with the tabulated scalar path on a dense sweep, ties included', () => {
    const n = 4001;
    const x = Float64Array.from({ length: n }, (_, k) => -0.1 + (1.2 * k) / (n - 1));
    const lo = new Float64Array(n).fill(0);
    const hi = new Float64Array(n).fill(1);
    lo[0] = -1; // one different bound keeps the bounds non-uniform, so the per-element kernel runs
    const perElement = quantizeLevels(x, 11, lo, hi).subarray(1);
    const scalar = quantizeLevels(x, 11, 0, 1).subarray(1);
    expectClose(perElement, scalar, { rtol: 0 });
    for (let i = 0; i < n - 1; i++)
      expect(Math.abs(scalar[i]! - Math.min(1, Math.max(0, x[i + 1]!)))).toBeLessThanOrEqual(0.05 + 1e-15);
    // identical per-element bounds take the tabulated path and give the same numbers
    expectClose(quantizeLevels(x, 11, lo.fill(0), hi), quantizeLevels(x, 11, 0, 1), { rtol: 0 });
  });
});
