import { InvalidParameterError, createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { snapToStates } from '../../src/index';

/** Brute force: the level values of one device and the index of the nearest (by conductance). */
function levels(lo: number, hi: number, n: number, spacing: 'conductance' | 'resistance'): number[] {
  if (spacing === 'conductance') return Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
  const rOn = 1 / hi;
  const rOff = 1 / lo;
  return Array.from({ length: n }, (_, k) => 1 / (rOff - ((rOff - rOn) * k) / (n - 1)));
}

describe('snapToStates', () => {
  const rng = createRng(11);
  const n = 2000;
  const gMin = new Float64Array(n);
  const gMax = new Float64Array(n);
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    gMin[i] = 1 / (800 + 400 * rng.uniform());
    gMax[i] = 1 / (40 + 20 * rng.uniform());
    g[i] = gMin[i]! + (gMax[i]! - gMin[i]!) * rng.uniform();
  }

  it.each([
    ['conductance', 2],
    ['conductance', 5],
    ['conductance', 64],
    ['resistance', 2],
    ['resistance', 3],
    ['resistance', 16],
  ] as const)('%s spacing, %i states: each value is the nearest of its own levels', (spacing, states) => {
    const before = g.slice();
    const { conductance, level } = snapToStates(g, { gMin, gMax, states, spacing });
    expect(g).toEqual(before); // caller array untouched
    for (let i = 0; i < n; i++) {
      const lv = levels(gMin[i]!, gMax[i]!, states, spacing);
      let best = 0;
      for (let k = 1; k < states; k++) if (Math.abs(g[i]! - lv[k]!) < Math.abs(g[i]! - lv[best]!)) best = k;
      const got = conductance[i]!;
      expect(Math.abs(got - lv[best]!)).toBeLessThanOrEqual(1e-14 * lv[best]!);
      expect(level[i]).toBe(best);
    }
  });

  it('per-device levels: at most `states` distinct values per device bounds, and the bounds are levels', () => {
    const states = 4;
    const { conductance } = snapToStates(Float64Array.of(0, 0.001, 0.02, 1), { gMin: 0.001, gMax: 0.02, states });
    expect(Array.from(conductance)).toEqual([0.001, 0.001, 0.02, 0.02]);
    const many = new Float64Array(500).map((_, i) => 0.001 + (0.019 * i) / 499);
    const snapped = snapToStates(many, { gMin: 0.001, gMax: 0.02, states }).conductance;
    expect(new Set(snapped).size).toBe(states);
  });

  it('states = 1 gives the mean of the input (MemTorch intent)', () => {
    const x = Float64Array.of(0.001, 0.002, 0.006);
    const { conductance } = snapToStates(x, { gMin: 0.001, gMax: 0.02, states: 1 });
    expectClose(conductance, [0.003, 0.003, 0.003], { rtol: 1e-14 });
  });

  it('spacing changes the result', () => {
    const x = Float64Array.of(0.004);
    const a = snapToStates(x, { gMin: 0.001, gMax: 0.02, states: 3 }).conductance[0];
    const b = snapToStates(x, { gMin: 0.001, gMax: 0.02, states: 3, spacing: 'resistance' }).conductance[0];
    expect(a).toBeCloseTo(0.001, 15); // levels 0.001, 0.0105, 0.02
    expect(b).toBeCloseTo(1 / 525, 15); // levels 1/1000, 1/525, 1/50
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}])('rejects states = %s', (states) => {
    expect(() => snapToStates(g, { gMin, gMax, states: states as number })).toThrow(InvalidParameterError);
  });

  it('rejects bad bounds, values and keys', () => {
    expect(() => snapToStates(Float64Array.of(1), { gMin: 0.02, gMax: 0.001, states: 2 })).toThrow(/gMin\[0\]/);
    expect(() => snapToStates(Float64Array.of(1), { gMin: -1, gMax: 0.001, states: 2 })).toThrow(InvalidParameterError);
    expect(() => snapToStates(Float64Array.of(Number.NaN), { gMin: 0.001, gMax: 0.02, states: 2 })).toThrow(/g\[0\]/);
    expect(() =>
      snapToStates(Float64Array.of(1), { gMin: 0.001, gMax: 0.02, states: 2, spacing: 'log' as never }),
    ).toThrow(/spacing/);
    expect(() => snapToStates(Float64Array.of(1), { gMin: 0.001, gMax: 0.02, state: 2 } as never)).toThrow(
      /did you mean `states`/,
    );
    expect(() => snapToStates(Float64Array.of(1, 2), { gMin: Float64Array.of(0.001), gMax: 0.02, states: 2 })).toThrow(
      /gMin/,
    );
  });
});
