import { createRng } from '@memsim/core';
import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import type { Matrix } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { SCHEMES, levelsMapping, mapWeights, naiveMap, naiveMapping, perColumnMapping } from '../../src/index';
import type { MappingResult, Scheme } from '../../src/index';

const rOn = 100;
const rOff = 1600;
const gOn = 1 / rOn;
const gOff = 1 / rOff;

function randomWeights(rows: number, cols: number, seed: number, std = 1): Matrix<Float64Array> {
  const data = new Float64Array(rows * cols);
  createRng(seed).fillNormal(data, 0, std);
  return { rows, cols, data };
}

/** Effective weight · gain as the crossbar reads it: G⁺ − G⁻ or G − g_m. */
function effective(result: MappingResult): Float64Array {
  const [a, b] = result.conductances;
  const out = new Float64Array(a!.data.length);
  for (let i = 0; i < out.length; i++)
    out[i] = b ? a!.data[i]! - b.data[i]! : a!.data[i]! - result.referenceConductance!;
  return out;
}

/** (G⁺ − G⁻)/gain per column: the weights the crossbar represents. */
function recovered(result: MappingResult, cols: number): Float64Array {
  const e = effective(result);
  for (let i = 0; i < e.length; i++) e[i] = e[i]! / result.gain[i % cols]!;
  return e;
}

describe.each(SCHEMES)('naive mapping, %s', (scheme: Scheme) => {
  const w = randomWeights(7, 5, 1);
  const result = naiveMapping(w, { rOn, rOff, scheme });

  it('effective weights are exactly proportional to W (ideal devices)', () => {
    const wMax = Math.max(...Array.from(w.data, Math.abs));
    const k = scheme === 'double-column' ? (gOn - gOff) / wMax : (gOn - gOff) / (2 * wMax);
    expectClose(
      effective(result),
      Array.from(w.data, (x) => k * x),
      { rtol: 1e-12, atol: 1e-18 },
    );
    expectClose(result.gain, new Float64Array(w.cols).fill(k), { rtol: 1e-15 });
    expectClose(recovered(result, w.cols), w.data, { rtol: 1e-12, atol: 1e-15 });
  });

  it('keeps the sign of every weight', () => {
    const e = effective(result);
    for (let i = 0; i < e.length; i++) expect(Math.sign(e[i]!)).toBe(Math.sign(w.data[i]!));
  });

  it('stays inside [g_off, g_on] and uses the full range', () => {
    const all = result.conductances.flatMap((g) => Array.from(g.data));
    expect(Math.min(...all)).toBeGreaterThanOrEqual(gOff * (1 - 1e-15));
    expect(Math.max(...all)).toBeLessThanOrEqual(gOn * (1 + 1e-15));
    // The largest |w| reaches g_on (double) or g_on/g_off (single).
    expect(Math.max(...all)).toBeCloseTo(gOn, 15);
  });

  it('naiveMap returns the same conductances as naiveMapping', () => {
    const gs = naiveMap(w, { rOn, rOff, scheme });
    expect(gs.length).toBe(scheme === 'double-column' ? 2 : 1);
    for (const [i, g] of gs.entries()) expect(g.data).toEqual(result.conductances[i]!.data);
  });

  it('single-column reports g_m = (g_on + g_off)/2; double-column none', () => {
    if (scheme === 'single-column') expect(result.referenceConductance).toBeCloseTo((gOn + gOff) / 2, 18);
    else expect(result.referenceConductance).toBeUndefined();
  });

  it.each([
    ['all-zero', { rows: 2, cols: 3, data: new Float64Array(6) }],
    ['single weight', { rows: 1, cols: 1, data: new Float64Array([-0.3]) }],
    ['constant', { rows: 2, cols: 2, data: new Float64Array(4).fill(0.7) }],
  ])('%s weights give defined, finite, proportional results (with and without pL)', (_name, m) => {
    for (const pL of [undefined, 0, 0.5, 1]) {
      const r = naiveMapping(m, { rOn, rOff, scheme, ...(pL === undefined ? {} : { pL }) });
      for (const g of r.conductances) for (const v of g.data) expect(Number.isFinite(v)).toBe(true);
      for (const v of r.gain) expect(Number.isFinite(v) && v > 0).toBe(true);
      // The largest magnitude is never in MemTorch's dead zone, so it is recovered exactly.
      if (pL === undefined || scheme === 'single-column')
        expectClose(recovered(r, m.cols), m.data, { rtol: 1e-12, atol: 1e-15 });
    }
  });

  it('never mutates the caller weights', () => {
    const copy = w.data.slice();
    naiveMapping(w, { rOn, rOff, scheme, pL: 0.3 });
    expect(w.data).toEqual(copy);
  });

  it('pL changes the result: weights above the percentile saturate', () => {
    const r = naiveMapping(w, { rOn, rOff, scheme, pL: 0.5 });
    const sorted = Array.from(w.data, Math.abs).sort((a, b) => b - a);
    const wMax = sorted[Math.floor(0.5 * (sorted.length - 1))]!;
    const top = r.conductances[0]!.data;
    for (let i = 0; i < w.data.length; i++) if (w.data[i]! >= wMax) expect(top[i]).toBeCloseTo(gOn, 15);
    expect(effective(r)).not.toEqual(effective(result));
  });
});

describe('single-column with pL', () => {
  it('saturates |w| > w_max at g_on / g_off and is proportional below', () => {
    const w = { rows: 1, cols: 4, data: new Float64Array([2, -2, 0.5, -0.25]) };
    const r = naiveMapping(w, { rOn, rOff, scheme: 'single-column', pL: 1 / 3 }); // ⌊(1/3)·3⌋ = 1 → w_max = 2 (tie)
    expectClose(recovered(r, 4), w.data, { rtol: 1e-12 });
    const r2 = naiveMapping(w, { rOn, rOff, scheme: 'single-column', pL: 2 / 3 }); // w_max = 0.5
    expectClose(r2.conductances[0]!.data, [gOn, gOff, gOn, (gOn + gOff) / 2 - (0.25 * (gOn - gOff)) / 1], {
      rtol: 1e-12,
    });
  });
});

describe('double-column with pL: MemTorch dead zone', () => {
  it('G⁺ − G⁻ = sign(w)·(min(|w|, w_max) − w_min)⁺·g_on/w_max', () => {
    const w = randomWeights(6, 4, 7);
    const pL = 0.25;
    const r = naiveMapping(w, { rOn, rOff, scheme: 'double-column', pL });
    const sorted = Array.from(w.data, Math.abs).sort((a, b) => b - a);
    const wMax = sorted[Math.floor(pL * (sorted.length - 1))]!;
    const wMin = (wMax * rOn) / rOff;
    const expected = Array.from(
      w.data,
      (x) => (Math.sign(x) * Math.max(Math.min(Math.abs(x), wMax) - wMin, 0) * gOn) / wMax,
    );
    expectClose(effective(r), expected, { rtol: 1e-10, atol: 1e-17 });
    expectClose(r.gain, new Float64Array(4).fill(gOn / wMax), { rtol: 1e-12 });
  });
});

describe('per-column mapping', () => {
  it.each(SCHEMES)('%s: recovers W after rescaling each column by its gain', (scheme) => {
    const w = randomWeights(9, 4, 3);
    // Make column scales very different.
    for (let i = 0; i < 9; i++) for (let j = 0; j < 4; j++) w.data[i * 4 + j]! *= 10 ** (j - 2);
    const r = perColumnMapping(w, { rOn, rOff, scheme });
    expectClose(recovered(r, 4), w.data, { rtol: 1e-12, atol: 1e-18 });
    for (let j = 0; j < 4; j++) {
      let m = 0;
      for (let i = 0; i < 9; i++) m = Math.max(m, Math.abs(w.data[i * 4 + j]!));
      const k = scheme === 'double-column' ? (gOn - gOff) / m : (gOn - gOff) / (2 * m);
      expect(r.gain[j]).toBeCloseTo(k, 12);
    }
  });

  it('an all-zero column maps to g_off with a finite gain', () => {
    const w = { rows: 2, cols: 2, data: new Float64Array([1, 0, -0.5, 0]) };
    const r = perColumnMapping(w, { rOn, rOff, scheme: 'double-column', pL: 1 });
    expect(r.conductances[0]!.data[1]).toBe(gOff);
    expect(Number.isFinite(r.gain[1]!)).toBe(true);
  });

  it('differs from the naive map when columns have different ranges', () => {
    const w = { rows: 1, cols: 2, data: new Float64Array([1, 0.5]) };
    expect(perColumnMapping(w, { rOn, rOff, scheme: 'double-column' }).gain).not.toEqual(
      naiveMapping(w, { rOn, rOff, scheme: 'double-column' }).gain,
    );
  });
});

describe('levels mapping', () => {
  it.each([2, 5, 16, 17])('every conductance is one of %i levels and matches weight-domain quantisation', (levels) => {
    const w = randomWeights(8, 6, 11);
    const r = levelsMapping(w, { rOn, rOff, scheme: 'double-column', levels });
    const step = (gOn - gOff) / (levels - 1);
    for (const g of r.conductances)
      for (const v of g.data) {
        const k = (v - gOff) / step;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      }
    // Independent: quantise |w|/w_max to levels − 1 steps in the weight domain.
    const wMax = Math.max(...Array.from(w.data, Math.abs));
    const expected = Array.from(
      w.data,
      (x) => (Math.sign(x) * Math.round((Math.abs(x) / wMax) * (levels - 1)) * wMax) / (levels - 1),
    );
    expectClose(recovered(r, 6), expected, { rtol: 1e-9, atol: 1e-12 });
  });

  it.each([4, 7])('single-column, %i levels: on a level and within half a step of the ideal map', (levels) => {
    const w = randomWeights(10, 5, 13);
    const r = levelsMapping(w, { rOn, rOff, scheme: 'single-column', levels });
    const ideal = naiveMapping(w, { rOn, rOff, scheme: 'single-column' }).conductances[0]!.data;
    const step = (gOn - gOff) / (levels - 1);
    r.conductances[0]!.data.forEach((v, i) => {
      const k = (v - gOff) / step;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      expect(Math.abs(v - ideal[i]!)).toBeLessThanOrEqual(step / 2 + 1e-15);
    });
  });

  it('single-column with an odd number of levels maps weight 0 exactly to g_m', () => {
    const w = { rows: 1, cols: 3, data: new Float64Array([0, 1, -1]) };
    const r = levelsMapping(w, { rOn, rOff, scheme: 'single-column', levels: 5 });
    expectClose(r.conductances[0]!.data, [(gOn + gOff) / 2, gOn, gOff], { rtol: 1e-12 });
  });

  it('more levels means a smaller error', () => {
    const w = randomWeights(16, 16, 5);
    const err = (levels: number) => {
      const rec = recovered(levelsMapping(w, { rOn, rOff, scheme: 'double-column', levels }), 16);
      return Math.max(...rec.map((v, i) => Math.abs(v - w.data[i]!)));
    };
    expect(err(64)).toBeLessThan(err(8));
  });
});

describe('mapWeights', () => {
  const w = randomWeights(5, 3, 21);
  const base = { rOn, rOff, scheme: 'double-column' as const };

  it("defaults to 'naive' and dispatches every built-in", () => {
    expect(mapWeights(w, base)).toEqual(naiveMapping(w, base));
    expect(mapWeights(w, { ...base, routine: 'per-column' })).toEqual(perColumnMapping(w, base));
    expect(mapWeights(w, { ...base, routine: 'levels', levels: 9 })).toEqual(levelsMapping(w, { ...base, levels: 9 }));
  });

  it('runs a user routine with frozen options (without `routine`) and returns its result', () => {
    const seen: unknown[] = [];
    const custom = (weights: Matrix, options: Parameters<typeof naiveMapping>[1]) => {
      seen.push(options);
      const r = naiveMapping(weights, options);
      return { ...r, gain: r.gain.map((g) => g * 2) };
    };
    const r = mapWeights(w, { ...base, routine: custom });
    expect(seen).toEqual([base]);
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(r.gain[0]).toBeCloseTo(naiveMapping(w, base).gain[0]! * 2, 15);
  });

  it('rejects a user routine that returns the wrong shapes', () => {
    const oneMatrix = (weights: Matrix, o: Parameters<typeof naiveMapping>[1]) => {
      const r = naiveMapping(weights, o);
      return { ...r, conductances: r.conductances.slice(0, 1) };
    };
    expect(() => mapWeights(w, { ...base, routine: oneMatrix })).toThrow(ShapeMismatchError);
    const shortGain = (weights: Matrix, o: Parameters<typeof naiveMapping>[1]) => ({
      ...naiveMapping(weights, o),
      gain: new Float64Array(1),
    });
    expect(() => mapWeights(w, { ...base, routine: shortGain })).toThrow(/routine\(\)\.gain/);
  });
});

describe('bad input: typed errors naming the parameter', () => {
  const w = { rows: 2, cols: 2, data: [0.1, -0.2, 0.3, 0.4] };
  const good = { rOn, rOff, scheme: 'double-column' as const };
  const call =
    (options: unknown, weights: unknown = w) =>
    () =>
      naiveMap(weights as Matrix, options as never);

  it.each([-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}])('rOn = %s', (v) => {
    expect(call({ ...good, rOn: v })).toThrow(InvalidParameterError);
    expect(call({ ...good, rOn: v })).toThrow(/`rOn`/);
  });
  it.each([-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}])('rOff = %s', (v) => {
    expect(call({ ...good, rOff: v })).toThrow(/`rOff`/);
  });
  it.each([
    [100, 100],
    [200, 100],
  ])('rOn = %s ≥ rOff = %s', (on, off) => {
    expect(call({ ...good, rOn: on, rOff: off })).toThrow(InvalidParameterError);
    expect(call({ ...good, rOn: on, rOff: off })).toThrow(/`rOn` must be smaller than `rOff`/);
  });
  it.each([-0.1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '0.5', null, [], {}])('pL = %s', (v) => {
    expect(call({ ...good, pL: v })).toThrow(InvalidParameterError);
    expect(call({ ...good, pL: v })).toThrow(/`pL` must be a number in \[0, 1\]/);
  });
  it.each(['SingleColumn', 'DoubleColumn', 'triple-column', '', 1, null, [], {}, undefined])('scheme = %s', (v) => {
    expect(call({ ...good, scheme: v })).toThrow(/`scheme` must be one of 'single-column', 'double-column'/);
  });
  it.each([
    ['NaN', [0.1, Number.NaN, 0.3, 0.4], /`weights\.data\[1\]`/],
    ['Infinity', [0.1, 0.2, Number.NEGATIVE_INFINITY, 0.4], /`weights\.data\[2\]`/],
    ['string', [0.1, 0.2, '0.3', 0.4], /`weights\.data\[2\]`/],
  ])('weights containing %s', (_name, data, re) => {
    expect(call(good, { rows: 2, cols: 2, data })).toThrow(InvalidParameterError);
    expect(call(good, { rows: 2, cols: 2, data })).toThrow(re);
  });
  it.each([null, [], 5, { rows: 0, cols: 2, data: [] }, { rows: 2, cols: 1.5, data: [1, 2] }])('weights = %s', (v) => {
    expect(call(good, v)).toThrow(InvalidParameterError);
  });
  it('weights whose data length disagrees with rows·cols', () => {
    expect(call(good, { rows: 2, cols: 3, data: [1, 2, 3, 4] })).toThrow(ShapeMismatchError);
  });
  it('unknown option keys, with a suggestion', () => {
    expect(call({ ...good, ron: 5 })).toThrow(/unknown key `ron`; did you mean `rOn`\?/);
    expect(call({ ...good, levels: 4 })).toThrow(/unknown key `levels`/);
  });
  it.each([undefined, null, 5, 'x'])('options = %s', (v) => {
    expect(call(v)).toThrow(/`options` must be an options object/);
  });
  it('pL that selects a zero magnitude while weights are non-zero', () => {
    const zeroHeavy = { rows: 1, cols: 4, data: [0, 0, 0, 1] };
    expect(call({ ...good, pL: 1 }, zeroHeavy)).toThrow(/`pL` must be small enough/);
  });
  it.each([1, 0, 2.5, -3, Number.NaN, '4', null])('levels = %s', (v) => {
    expect(() => levelsMapping(w, { ...good, levels: v as number })).toThrow(/`levels` must be an integer >= 2/);
  });
  it("missing levels for the 'levels' routine", () => {
    expect(() => mapWeights(w, { ...good, routine: 'levels' })).toThrow(/`levels` must be given/);
  });
  it.each(['Naive', 'tuned', 5, null, {}])('routine = %s', (v) => {
    expect(() => mapWeights(w, { ...good, routine: v as never })).toThrow(
      /`routine` must be one of 'naive', 'per-column', 'levels'/,
    );
  });
});
