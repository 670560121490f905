import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { fitLinear, fitLinearPerColumn } from '../../src/index';

/** Independent OLS: least squares of [x 1]·[a b]ᵀ = y by QR (ml-matrix). */
function qrFit(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
  const design = new Matrix(Array.from(x, (v) => [v, 1]));
  const sol = new QrDecomposition(design).solve(Matrix.columnVector(Array.from(y)));
  return { slope: sol.get(0, 0), intercept: sol.get(1, 0) };
}

/** Pearson correlation² (equals R² of a simple linear regression). */
function corr2(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return (sxy * sxy) / (sxx * syy);
}

function noisyLine(n: number, slope: number, intercept: number, noise: number, seed: number) {
  const rng = createRng(seed);
  const x = rng.fillUniform(new Float64Array(n), -1, 1) as Float64Array;
  const y = x.map((v) => slope * v + intercept + noise * rng.normal());
  return { x, y };
}

describe('fitLinear', () => {
  it('recovers a known slope and intercept from noisy synthetic data', () => {
    // σ_slope = noise/(√n·std(x)) = 0.05/(√4000·0.577) ≈ 1.4e-3, σ_intercept = noise/√n ≈ 7.9e-4: tolerances are ≥ 6σ.
    const { x, y } = noisyLine(4000, 2.5, -0.7, 0.05, 42);
    const fit = fitLinear(x, y);
    expect(Math.abs(fit.slope - 2.5)).toBeLessThan(0.009);
    expect(Math.abs(fit.intercept + 0.7)).toBeLessThan(0.005);
    expect(fit.r2).toBeGreaterThan(0.99);
    expect(fit.r2).toBeLessThan(1);
  });

  it.each([1, 2, 3])('agrees with a QR least-squares solve and R² = corr² (seed %i)', (seed) => {
    const { x, y } = noisyLine(300, -1.3 * seed, 0.2 * seed, 0.3, seed);
    const fit = fitLinear(x, y);
    const ref = qrFit(x, y);
    expectClose(fit.slope, ref.slope, { rtol: 1e-10 });
    expectClose(fit.intercept, ref.intercept, { rtol: 1e-10, atol: 1e-12 });
    expectClose(fit.r2, corr2(x, y), { rtol: 1e-10 });
  });

  it('is exact on an exact line, also far from the origin (centred sums)', () => {
    const x = Array.from({ length: 50 }, (_, i) => 1e6 + i);
    const fit = fitLinear(
      x,
      x.map((v) => 3 * v - 2e6),
    );
    expectClose(fit.slope, 3, { rtol: 1e-12 });
    expectClose(fit.intercept, -2e6, { rtol: 1e-9 });
    expect(fit.r2).toBe(1);
  });

  it('constant y gives slope 0 and R² 1 (sklearn convention)', () => {
    expect(fitLinear([1, 2, 3], [4, 4, 4])).toEqual({ slope: 0, intercept: 4, r2: 1 });
  });

  it('rejects bad input with typed errors', () => {
    expect(() => fitLinear([1, 1, 1], [1, 2, 3])).toThrow(/`x` must be not constant/);
    expect(() => fitLinear([1], [1])).toThrow(/at least 2 points/);
    expect(() => fitLinear([1, 2], [1, 2, 3])).toThrow(ShapeMismatchError);
    expect(() => fitLinear([1, Number.NaN], [1, 2])).toThrow(/`x\[1\]`/);
    expect(() => fitLinear([1, 2], [Number.POSITIVE_INFINITY, 2])).toThrow(/`y\[0\]`/);
    expect(() => fitLinear('12' as never, [1, 2])).toThrow(InvalidParameterError);
  });
});

describe('fitLinearPerColumn', () => {
  it('fits each column independently and matches fitLinear on that column', () => {
    const rows = 500;
    const cols = 3;
    const truth = [
      [1.5, 0.1],
      [-0.4, 2],
      [10, -3],
    ];
    const rng = createRng(7);
    const x = rng.fillUniform(new Float64Array(rows * cols), -2, 2) as Float64Array;
    const y = x.map((v, i) => truth[i % cols]![0]! * v + truth[i % cols]![1]! + 0.02 * rng.normal());
    const fit = fitLinearPerColumn(x, y, rows, cols);
    for (let j = 0; j < cols; j++) {
      const xc = x.filter((_, i) => i % cols === j);
      const yc = y.filter((_, i) => i % cols === j);
      const ref = qrFit(xc, yc);
      expectClose(fit.slope[j]!, ref.slope, { rtol: 1e-10 });
      expectClose(fit.intercept[j]!, ref.intercept, { rtol: 1e-9, atol: 1e-12 });
      expectClose(fit.r2[j]!, corr2(xc, yc), { rtol: 1e-10 });
      expect(Math.abs(fit.slope[j]! - truth[j]![0]!)).toBeLessThan(0.01);
    }
  });

  it('rejects bad input with typed errors', () => {
    expect(() => fitLinearPerColumn([1, 2, 3, 4], [1, 2, 3, 4], 1, 4)).toThrow(/`rows` must be an integer >= 2/);
    expect(() => fitLinearPerColumn([1, 2, 3, 4], [1, 2, 3, 4], 2, 0)).toThrow(/`cols` must be a positive integer/);
    expect(() => fitLinearPerColumn([1, 2, 3, 4], [1, 2, 3], 2, 2)).toThrow(ShapeMismatchError);
    expect(() => fitLinearPerColumn([1, 2, 1, 4], [1, 2, 3, 4], 2, 2)).toThrow(/`x\[:, 0\]` must be not constant/);
    expect(() => fitLinearPerColumn([1, 2, 3, Number.NaN], [1, 2, 3, 4], 2, 2)).toThrow(/`x\[3\]`/);
  });
});
