import { createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { drawNormals, wasmNormalsAvailable } from '../../src/read-noise/normal-kernel';

/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

describe('read-noise normals', () => {
  it('the WebAssembly kernel and its TypeScript twin give the same values from the same state', () => {
    expect(wasmNormalsAvailable()).toBe(true); // Node 20 has SIMD: the fast path is the one measured
    for (const n of [1, 7, 65536 + 3, 200001]) {
      const a = createRng(n);
      const b = createRng(n);
      const wasm = drawNormals(a, n, 'wasm').slice();
      const ts = drawNormals(b, n, 'ts').slice();
      expect(wasm).toEqual(ts);
      expect(a.state).toEqual(b.state); // the slow path drew the same words
    }
  });

  it('passes a Kolmogorov–Smirnov test at the 1 % level (2e5 draws) with the normal tail mass; calls differ', () => {
    const rng = createRng(12);
    const n = 200000;
    const x = Float64Array.from(drawNormals(rng, n)).sort();
    const phi = (t: number) => 0.5 * (1 + erf(t / Math.SQRT2));
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(phi(x[i]!) - (i + 1) / n), Math.abs(phi(x[i]!) - i / n));
    expect(d).toBeLessThan(1.628 / Math.sqrt(n));
    let tail = 0;
    for (const v of x) if (Math.abs(v) > 3.6541528853610088) tail++;
    expect(Math.abs(tail - 51.6)).toBeLessThan(5 * Math.sqrt(51.6));
    // Successive calls continue the stream: uncorrelated (|r| within 4/√n of 0).
    const a = drawNormals(rng, n).slice();
    const b = drawNormals(rng, n).slice();
    let r = 0;
    for (let i = 0; i < n; i++) r += a[i]! * b[i]!;
    expect(Math.abs(r / n)).toBeLessThan(4 / Math.sqrt(n));
  });
});
