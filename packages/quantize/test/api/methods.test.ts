import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { QUANT_METHODS, quantize } from '../../src/index';

const E = Math.E;

describe('quantize log (the intended logarithmic quantiser)', () => {
  it('matches the formula worked by hand: L = [−2.3, −0.9, 1.2], K = 2, δ = 1, codes −4…3', () => {
    const x = new Float64Array([Math.exp(-2.3), -Math.exp(-0.9), 0, Math.exp(1.2)]);
    // codes floor(L/δ + ½) = −2, −1, 1; signs kept; 0 stays 0.
    expectClose(quantize(x, { bits: 4, method: 'log' }), [E ** -2, -(E ** -1), 0, E], { rtol: 1e-15 });
  });

  it('magnitudes whose code falls to the bottom (−B) flush to 0', () => {
    // 3 bits: B = 2, L range → K = ceil(log2 5) = 3, δ = 2^(3−3+2) = 4: ln|x| = −5 → floor(−0.75) = −1 (kept), −6.5 → −2 (flushed)
    const x = new Float64Array([Math.exp(-5), Math.exp(-6.5), Math.exp(1)]);
    expectClose(quantize(x, { bits: 3, method: 'log' }), [E ** -4, 0, 1], { rtol: 1e-15 });
  });

  it('crossbar-sized currents (1e-6…1e-3 A) keep their order of magnitude; MemTorch 1.1.6 returns ±1 for all', () => {
    const x = Float64Array.from({ length: 31 }, (_, k) => (k % 3 === 1 ? -1 : 1) * 10 ** (-6 + k / 10));
    // MemTorch 1.1.6's formula evaluated independently: t = max(ln|x|, 1e-20) makes every code 0 → e^0 = 1.
    const memtorch = x.map((v) => Math.sign(v) * Math.exp(0 * Math.max(Math.log(Math.abs(v)), 1e-20)));
    expect(memtorch.every((v) => Math.abs(v) === 1)).toBe(true);
    // 8 bits: max |ln x| = 13.8 → K = 4, δ = 2^(4−8+2) = 0.25 → |ln q − ln x| ≤ 0.125 (within 13 %).
    const q8 = quantize(x, { bits: 8, method: 'log' });
    for (let i = 0; i < x.length; i++) {
      expect(Math.sign(q8[i]!)).toBe(Math.sign(x[i]!));
      expect(Math.abs(Math.log(Math.abs(q8[i]!)) - Math.log(Math.abs(x[i]!)))).toBeLessThanOrEqual(0.125 + 1e-12);
    }
    // 4 bits: δ = 4 → within e^2 < 10: still the right decade or the next.
    const q4 = quantize(x, { bits: 4, method: 'log' });
    for (let i = 0; i < x.length; i++)
      expect(Math.abs(Math.log10(Math.abs(q4[i]!)) - Math.log10(Math.abs(x[i]!)))).toBeLessThanOrEqual(
        2 / Math.LN10 + 1e-12,
      );
  });

  it('overflowRate lets the largest |ln x| saturate for a finer step (tiny magnitudes saturate into the zero code)', () => {
    // |ln x| from 2.3 to 13.8 in steps of 0.576: full scale 2^4 (δ = 1); the ⌊0.8·21⌉ = 17th largest |ln x| ≈ 4.03 gives 2^3 (δ = ½).
    const x = Float64Array.from({ length: 21 }, (_, k) => 10 ** (-6 + k / 4));
    const plain = quantize(x, { bits: 6, method: 'log' });
    const overflow = quantize(x, { bits: 6, method: 'log', overflowRate: 0.8 });
    expect(Array.from(overflow)).not.toEqual(Array.from(plain));
    let errPlain = 0;
    let errOverflow = 0;
    for (let i = 0; i < x.length; i++) {
      const l = Math.log(x[i]!);
      // 6 bits over ±2^3: δ = 2^(3−6+2) = 1/2, codes −16…15; at or below −15.5·δ = −7.75 the entry flushes to 0
      if (l <= -7.75) {
        expect(overflow[i]).toBe(0);
        continue;
      }
      errPlain = Math.max(errPlain, Math.abs(Math.log(plain[i]!) - l));
      errOverflow = Math.max(errOverflow, Math.abs(Math.log(overflow[i]!) - l));
    }
    expect(errOverflow).toBeLessThanOrEqual(1 / 4 + 1e-12);
    expect(errOverflow).toBeLessThan(errPlain);
  });
});

describe('quantize tanh', () => {
  it('2 bits: only the two finite codes ±atanh(1/3) = ±ln(2)/2 (the extreme codes ±∞ are clamped)', () => {
    const got = quantize(new Float64Array([-100, -0.1, 0.1, 100]), { bits: 2, method: 'tanh' });
    const a = Math.LN2 / 2;
    expectClose(got, [-a, -a, a, a], { rtol: 1e-15 });
  });

  it('3 bits: 0 → atanh(1/7) = ln(4/3)/2, ±50 → the largest finite codes ±atanh(5/7) = ±ln(6)/2', () => {
    const got = quantize(new Float64Array([0, 50, -50]), { bits: 3, method: 'tanh' });
    expectClose(got, [Math.log(4 / 3) / 2, Math.log(6) / 2, -Math.log(6) / 2], { rtol: 1e-14 });
    expect(got.every(Number.isFinite)).toBe(true);
  });
});

describe('quantize minmax', () => {
  it('2 bits on [0, 1]: levels 0, 1/3, 2/3, 1 with round half up', () => {
    expectClose(
      quantize(new Float64Array([0, 0.1, 0.5, 0.8, 1]), { bits: 2, method: 'minmax' }),
      [0, 0, 2 / 3, 2 / 3, 1],
      { rtol: 1e-15 },
    );
  });

  it('given bounds are the range, and the top level is max exactly', () => {
    const got = quantize(new Float64Array([-5, 0.2, 5, 0.1]), { bits: 3, method: 'minmax', min: -1, max: 1 });
    // n = 7 intervals of 2/7: 0.2 → j = floor(1.2/2·7 + ½) = 4 → −1 + 8/7; 0.1 → j = floor(3.85 + ½) = 4
    expectClose(got, [-1, -1 + 8 / 7, 1, -1 + 8 / 7], { rtol: 1e-15 });
    expect(got[2]).toBe(1);
  });
});

describe('quantize minmax with one bound', () => {
  it('data entirely beyond the one given bound all land on it', () => {
    expect(Array.from(quantize(new Float64Array([2, 3, 5]), { bits: 3, method: 'minmax', max: 1 }))).toEqual([1, 1, 1]);
    expect(Array.from(quantize(new Float64Array([-2, -3, -5]), { bits: 3, method: 'minmax', min: 1 }))).toEqual([
      1, 1, 1,
    ]);
  });

  it('only max given: lo is the data minimum, hi the bound', () => {
    // n = 3 intervals from −1 to 2: levels −1, 0, 1, 2
    expect(Array.from(quantize(new Float64Array([-1, 0.4, 0.6, 9]), { bits: 2, method: 'minmax', max: 2 }))).toEqual([
      -1, 0, 1, 2,
    ]);
  });
});

describe('quantize log_minmax', () => {
  it('3 bits: 3 magnitudes evenly spaced in ln|x| between the smallest and largest non-zero |x|; zeros stay 0', () => {
    const got = quantize(new Float64Array([1e-6, -1e-3, 1e-4, 0]), { bits: 3, method: 'log_minmax' });
    // ln 1e-4 sits 2/3 of the way: j = floor(4/3 + ½) = 1 → the geometric midpoint √(1e-6·1e-3)
    expectClose(got, [1e-6, -1e-3, Math.sqrt(1e-9), 0], { rtol: 1e-12 });
  });

  it('2 bits: one magnitude, the geometric mean; 1 bit: only the zero code', () => {
    expectClose(
      quantize(new Float64Array([1e-6, -1e-3, 1e-4, 0]), { bits: 2, method: 'log_minmax' }),
      [Math.sqrt(1e-9), -Math.sqrt(1e-9), Math.sqrt(1e-9), 0],
      {
        rtol: 1e-12,
      },
    );
    expect(Array.from(quantize(new Float64Array([1e-6, -1e-3]), { bits: 1, method: 'log_minmax' }))).toEqual([0, 0]);
  });
});

describe('quantize bits = 1 (MemTorch raises): defined for every method', () => {
  const x = new Float64Array([0.3, -0.7, 0.1, 0]);
  it('linear: codes −1 and 0 of the step 2^K (here K = 0)', () => {
    expect(Array.from(quantize(x, { bits: 1 }))).toEqual([0, -1, 0, 0]);
  });
  it('minmax: the two levels min and max', () => {
    expect(Array.from(quantize(x, { bits: 1, method: 'minmax' }))).toEqual([0.3, -0.7, 0.3, 0.3]);
  });
  it('tanh: ±atanh(1/2) by sign (0 goes up)', () => {
    const a = Math.atanh(0.5);
    expect(Array.from(quantize(x, { bits: 1, method: 'tanh' }))).toEqual([a, -a, a, a]);
  });
  it('log and log_minmax: only the zero code remains', () => {
    expect(Array.from(quantize(x, { bits: 1, method: 'log' }))).toEqual([0, 0, 0, 0]);
    expect(Array.from(quantize(x, { bits: 1, method: 'log_minmax' }))).toEqual([0, 0, 0, 0]);
  });
});

describe('quantize: common behaviour of every method', () => {
  it.each(QUANT_METHODS)('%s returns a constant input unchanged, as a new array of the same type', (method) => {
    for (const c of [
      new Float64Array(5).fill(0.37),
      new Float32Array(3).fill(-2.5),
      new Float64Array([4.2]),
      new Float64Array(0),
    ]) {
      const q = quantize(c, { bits: 3, method, min: -1, max: 1 });
      expect(q).not.toBe(c);
      expect(q.constructor).toBe(c.constructor);
      expect(Array.from(q)).toEqual(Array.from(c));
    }
  });

  it.each(QUANT_METHODS)('%s keeps the array type and leaves the input alone', (method) => {
    const x32 = new Float32Array([0.3, -0.7, 0.1, 1e-3]);
    const x64 = Float64Array.from(x32);
    const q32 = quantize(x32, { bits: 5, method });
    const q64 = quantize(x64, { bits: 5, method });
    expect(q32).toBeInstanceOf(Float32Array);
    expect(q64).toBeInstanceOf(Float64Array);
    expect(Array.from(x32)).toEqual(Array.from(x64));
    // away from half-way points the two precisions agree to float32 rounding
    expectClose(q32, q64, { rtol: 1e-6, atol: 1e-9 });
  });

  it('every option changes the result', () => {
    const x = Float64Array.from({ length: 40 }, (_, k) => Math.sin(k * 1.7) * (k + 1));
    const base = Array.from(quantize(x, { bits: 4 }));
    expect(Array.from(quantize(x, { bits: 6 }))).not.toEqual(base);
    expect(Array.from(quantize(x, { bits: 4, overflowRate: 0.2 }))).not.toEqual(base);
    expect(Array.from(quantize(x, { bits: 4, min: -10 }))).not.toEqual(base);
    expect(Array.from(quantize(x, { bits: 4, max: 10 }))).not.toEqual(base);
    for (const method of QUANT_METHODS.filter((m) => m !== 'linear'))
      expect(Array.from(quantize(x, { bits: 4, method }))).not.toEqual(base);
  });

  it.each(QUANT_METHODS)('%s: a bound of 0 is a real bound (every clamped entry reads like an exact 0)', (method) => {
    const x = new Float64Array([-0.8, -0.2, 0.3, 0.9, 0]);
    const low = quantize(x, { bits: 4, method, min: 0 });
    const high = quantize(x, { bits: 4, method, max: 0 });
    expect(low[0]).toBe(low[4]);
    expect(low[1]).toBe(low[4]);
    expect(high[2]).toBe(high[4]);
    expect(high[3]).toBe(high[4]);
    expect(Array.from(low)).not.toEqual(Array.from(quantize(x, { bits: 4, method })));
    if (method !== 'tanh') {
      // tanh has no level at 0 (its 2^bits levels are symmetric about 0), every other method maps 0 to 0
      expect(low[4]).toBe(0);
      expect(high[4]).toBe(0);
    }
  });

  it.each([
    [
      'Float32Array, heavy duplicates, both signs',
      (k: number) => ((k * 7919) % 13) - 6 + (k % 3 === 0 ? 0.5 : 0),
      true,
    ],
    [
      'Float64Array, one crowded octave',
      (k: number) => (k % 2 ? -1 : 1) * (1 + ((k * 2654435761) % 1000) / 1e6),
      false,
    ],
    [
      'Float64Array, many decades and zeros',
      (k: number) => (k % 5 === 0 ? 0 : (k % 2 ? -1 : 1) * 10 ** ((k % 17) - 8)),
      false,
    ],
  ] as const)('overflowRate selection agrees with a sort: %s', (_label, make, f32) => {
    const n = 20_001;
    const x = f32
      ? Float32Array.from({ length: n }, (_, k) => make(k))
      : Float64Array.from({ length: n }, (_, k) => make(k));
    const f = f32 ? Math.fround : (v: number) => v;
    const sorted = Array.from(x, Math.abs).sort((a, b) => b - a);
    for (const rate of [0.0001, 0.05, 0.37, 0.9, 1]) {
      const index = Math.min(Math.round(f(f(rate) * n)), n - 1);
      const integral = Math.ceil(f(Math.log2(f(sorted[index]! + Math.fround(1e-12)))));
      const delta = 2 ** (1 - 6 + integral);
      const expected = Array.from(x, (e) => Math.min(31, Math.max(-32, Math.floor(f(f(e / delta) + 0.5)))) * delta);
      expectClose(quantize(x, { bits: 6, overflowRate: rate }), expected, { rtol: 0, label: `rate ${rate}` });
    }
  });

  it('overflowRate selects the ⌊rate·N⌉-th largest magnitude (O(n) selection agrees with a sort)', () => {
    const n = 10_001;
    const x = Float64Array.from(
      { length: n },
      (_, k) => Math.sin(k * 12.9898) * 43758.5453 - Math.floor(Math.sin(k * 12.9898) * 43758.5453) - 0.5,
    );
    for (const rate of [0.001, 0.013, 0.5, 0.999, 1]) {
      const sorted = Array.from(x, Math.abs).sort((a, b) => b - a);
      const v = sorted[Math.min(Math.round(rate * n), n - 1)]!;
      const delta = 2 ** (1 - 8 + Math.ceil(Math.log2(v + Math.fround(1e-12))));
      const expected = x.map((e) => Math.min(127, Math.max(-128, Math.floor(e / delta + 0.5))) * delta);
      expectClose(quantize(x, { bits: 8, overflowRate: rate }), expected, { rtol: 0, label: `rate ${rate}` });
    }
  });
});
