import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { createRng, isStochasticParameter, lognormal, normal, uniform } from '../../src/index';

const N = 100_000;
// Statistical bounds: 5 standard errors, a false-rejection rate of about 6e-7 per check.
const Z = 5;

function moments(a: Float64Array): { mean: number; std: number } {
  let s = 0;
  for (const v of a) s += v;
  const mean = s / a.length;
  let q = 0;
  for (const v of a) q += (v - mean) ** 2;
  return { mean, std: Math.sqrt(q / (a.length - 1)) };
}

describe('stochastic parameters: distributions (1e5 draws, 5-sigma bounds)', () => {
  it('normal: sample mean and std', () => {
    const p = normal({ mean: 50, std: 5 });
    const { mean, std } = moments(p.fill(new Float64Array(N), createRng(1)));
    expect(Math.abs(mean - 50)).toBeLessThan((Z * 5) / Math.sqrt(N));
    expect(Math.abs(std - 5)).toBeLessThan((Z * 5) / Math.sqrt(2 * N));
    expect(p.mean()).toBe(50);
    expect(p.std()).toBe(5);
  });

  it('normal: single samples follow the same law', () => {
    const p = normal({ loc: -2, scale: 0.5 });
    const rng = createRng(2);
    const a = new Float64Array(N).map(() => p.sample(rng));
    const { mean, std } = moments(a);
    expect(Math.abs(mean + 2)).toBeLessThan((Z * 0.5) / Math.sqrt(N));
    expect(Math.abs(std - 0.5)).toBeLessThan((Z * 0.5) / Math.sqrt(2 * N));
  });

  it('uniform: mean (low + high)/2, std (high − low)/√12, support respected', () => {
    const p = uniform({ low: 900, high: 1100 });
    const a = p.fill(new Float64Array(N), createRng(3));
    const { mean, std } = moments(a);
    const sigma = 200 / Math.sqrt(12);
    expect(Math.abs(mean - 1000)).toBeLessThan((Z * sigma) / Math.sqrt(N));
    // Var of the sample variance of U: (μ4 − σ⁴)/n with μ4 = 9σ⁴/5.
    expect(Math.abs(std ** 2 - sigma ** 2)).toBeLessThan(Z * Math.sqrt((0.8 * sigma ** 4) / N));
    for (const v of a) expect(v >= 900 && v < 1100).toBe(true);
  });

  it('lognormal: ln(samples) ~ N(mu, sigma²); given (mean, std) its moments match', () => {
    const p = lognormal({ mean: 1000, std: 100 });
    const sigma = Math.sqrt(Math.log1p(0.01));
    const mu = Math.log(1000) - sigma ** 2 / 2;
    expect(p.toJSON().args.mu).toBeCloseTo(mu, 14);
    expect(p.toJSON().args.sigma).toBeCloseTo(sigma, 14);
    expect(p.mean()).toBeCloseTo(1000, 9);
    expect(p.std()).toBeCloseTo(100, 9);
    const logs = p.fill(new Float64Array(N), createRng(4)).map(Math.log);
    const m = moments(logs);
    expect(Math.abs(m.mean - mu)).toBeLessThan((Z * sigma) / Math.sqrt(N));
    expect(Math.abs(m.std - sigma)).toBeLessThan((Z * sigma) / Math.sqrt(2 * N));
  });

  it('same seed gives the same draws; another seed different ones', () => {
    const p = normal({ mean: 0, std: 1 });
    const a = Array.from(p.fill(new Float64Array(100), createRng(9)));
    expect(Array.from(p.fill(new Float64Array(100), createRng(9)))).toEqual(a);
    expect(Array.from(p.fill(new Float64Array(100), createRng(10)))).not.toEqual(a);
  });
});

describe('stochastic parameters: truncation', () => {
  it("'clamp' (MemTorch) puts out-of-range draws on the bounds", () => {
    const p = normal({ mean: 0, std: 1, min: -0.5, max: 0.5 });
    const a = p.fill(new Float64Array(N), createRng(5));
    let atBounds = 0;
    for (const v of a) {
      expect(v >= -0.5 && v <= 0.5).toBe(true);
      if (v === -0.5 || v === 0.5) atBounds++;
    }
    // P(|Z| > 0.5) = 0.617: the bounds hold that share of the mass.
    expect(Math.abs(atBounds / N - 0.617075)).toBeLessThan(Z * Math.sqrt((0.617 * 0.383) / N));
  });

  it("'resample' draws again: a truncated normal with no mass on the bounds", () => {
    const p = normal({ mean: 0, std: 1, min: 0, truncation: 'resample' });
    const a = p.fill(new Float64Array(N), createRng(6));
    for (const v of a) expect(v > 0).toBe(true);
    // Half-normal mean √(2/π).
    const { mean } = moments(a);
    expect(Math.abs(mean - Math.sqrt(2 / Math.PI))).toBeLessThan((Z * 0.61) / Math.sqrt(N));
    expect(p.sample(createRng(1))).toBeGreaterThan(0);
  });

  it('the mean() is the untruncated mean (MemTorch return_mean)', () => {
    expect(normal({ mean: 1, std: 3, min: 0 }).mean()).toBe(1);
  });
});

describe('stochastic parameters: construction', () => {
  it('accepts the 1.1.0 tutorial form (mean, std, min) and the torch form (loc, scale)', () => {
    const a = normal({ mean: 2.5e3, std: 50, min: 2 });
    const b = normal({ loc: 2.5e3, scale: 50, min: 2 });
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(isStochasticParameter(a)).toBe(true);
    expect(isStochasticParameter({ mean: 1 })).toBe(false);
  });

  it.each([
    ['normal std < 0', () => normal({ mean: 0, std: -1 }), 'std'],
    ['normal mean NaN', () => normal({ mean: Number.NaN, std: 1 }), 'mean'],
    ['normal mean and loc', () => normal({ mean: 0, loc: 0, std: 1 }), 'loc'],
    ['normal min > max', () => normal({ mean: 0, std: 1, min: 2, max: 1 }), 'min'],
    ['normal unknown key', () => normal({ mean: 0, sd: 1 } as never), 'sd'],
    ['normal bad truncation', () => normal({ mean: 0, std: 1, truncation: 'cut' as never }), 'truncation'],
    ['uniform high <= low', () => uniform({ low: 1, high: 1 }), 'high'],
    ['uniform low Infinity', () => uniform({ low: Number.POSITIVE_INFINITY, high: 1 }), 'low'],
    ['lognormal mean <= 0', () => lognormal({ mean: 0, std: 1 }), 'mean'],
    ['lognormal missing', () => lognormal({}), 'mu'],
    ['lognormal sigma < 0', () => lognormal({ mu: 0, sigma: -1 }), 'sigma'],
  ])('rejects %s', (_label, make, parameter) => {
    expect(make).toThrow(InvalidParameterError);
    try {
      make();
    } catch (error) {
      expect((error as InvalidParameterError).parameter).toBe(parameter);
    }
  });
});
