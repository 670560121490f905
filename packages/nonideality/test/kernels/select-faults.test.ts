import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { selectFaults } from '../../src/index';

describe('selectFaults', () => {
  it.each([
    [1000, 0.1, 0.2, 0],
    [1000, 0.25, 0.1, 0.05],
    [997, 0.5, 0, 0],
    [64, 0.29, 0.3, 0.41],
  ])('size %i (lrs %f, hrs %f, electroform %f): exact counts, disjoint, in range', (size, lrs, hrs, ef) => {
    const f = selectFaults(size, { lrsProportion: lrs, hrsProportion: hrs, electroformProportion: ef, seed: 42 });
    expect(f.lrs.length).toBe(Math.floor(size * lrs + 1e-9));
    expect(f.hrs.length).toBe(Math.floor(size * hrs + 1e-9));
    expect(f.electroform.length).toBe(Math.floor(size * ef + 1e-9));
    const all = [...f.lrs, ...f.hrs, ...f.electroform];
    expect(new Set(all).size).toBe(all.length);
    for (const i of all) expect(i >= 0 && i < size).toBe(true);
  });

  it('never picks an excluded element and counts only eligible ones', () => {
    const size = 200;
    const exclude = new Uint8Array(size);
    for (let i = 0; i < size; i += 4) exclude[i] = 1; // 50 excluded, 150 eligible
    const f = selectFaults(size, { lrsProportion: 0.2, hrsProportion: 0.8, exclude, seed: 3 });
    expect(f.eligible).toBe(150);
    expect(f.lrs.length + f.hrs.length).toBe(150);
    for (const i of [...f.lrs, ...f.hrs]) expect(exclude[i]).toBe(0);
  });

  it('same seed gives the same selection; a different seed a different one', () => {
    const a = selectFaults(500, { lrsProportion: 0.1, seed: 9 });
    const b = selectFaults(500, { lrsProportion: 0.1, rng: createRng(9) });
    const c = selectFaults(500, { lrsProportion: 0.1, seed: 10 });
    expect(Array.from(a.lrs)).toEqual(Array.from(b.lrs));
    expect(Array.from(a.lrs)).not.toEqual(Array.from(c.lrs));
  });

  it('is uniform: each element is chosen with probability p (chi-square, rejection rate 1e-4)', () => {
    const size = 20;
    const trials = 4000;
    const counts = new Float64Array(size);
    const rng = createRng(5);
    for (let t = 0; t < trials; t++) for (const i of selectFaults(size, { hrsProportion: 0.25, rng }).hrs) counts[i]!++;
    const expected = (trials * 5) / size;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - expected) ** 2 / expected;
    // 19 degrees of freedom: P(chi2 > 49.7) ≈ 1.5e-4 (for sampling without replacement the variance is smaller still).
    expect(chi2).toBeLessThan(49.7);
  });

  it.each([-0.1, 1.1, Number.NaN, '0.5', null])('rejects lrsProportion = %s', (p) => {
    expect(() => selectFaults(10, { lrsProportion: p as number, seed: 1 })).toThrow(InvalidParameterError);
  });

  it('rejects proportions summing above 1, missing seed, bad size and a bad exclude mask', () => {
    expect(() =>
      selectFaults(10, { lrsProportion: 0.6, hrsProportion: 0.3, electroformProportion: 0.2, seed: 1 }),
    ).toThrow(/at most 1/);
    expect(() => selectFaults(10, { lrsProportion: 0.1 })).toThrow(/seed/);
    expect(() => selectFaults(-1, { seed: 1 })).toThrow(/size/);
    expect(() => selectFaults(10, { seed: 1, exclude: new Uint8Array(3) })).toThrow(ShapeMismatchError);
  });
});
