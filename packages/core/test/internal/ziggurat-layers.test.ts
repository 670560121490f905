import { describe, expect, it } from 'vitest';
import { ZIGGURAT_R, zigguratLayers, zigguratLayersFor } from '../../src/internal/index';

const f = (x: number) => Math.exp(-0.5 * x * x);

describe('zigguratLayersFor (the layer solver)', () => {
  it('gives the published edges R: 3.442619855899 for 128 layers, 3.6541528853610088 for 256 (Marsaglia & Tsang)', () => {
    expect(zigguratLayersFor(128).r).toBeCloseTo(3.442619855899, 11);
    expect(Math.abs(zigguratLayersFor(256).r - ZIGGURAT_R)).toBeLessThan(1e-14);
    // And the 256 tables the generator uses, from the published R and V.
    const published = zigguratLayers();
    const solved = zigguratLayersFor(256);
    for (let i = 0; i <= 256; i++) expect(Math.abs(solved.x[i]! - published.x[i]!)).toBeLessThan(1e-9);
  });

  it.each([128, 256, 1024])('%i layers: every layer has area V, the base strip too, and the top layer closes', (n) => {
    const { x, ratio, r, v } = zigguratLayersFor(n);
    expect(x.length).toBe(n + 1);
    expect(x[1]).toBe(r);
    expect(x[n]).toBe(0);
    // Base strip [0, x0] × [0, f(R)]: area V by construction.
    expect(x[0]! * f(r)).toBeCloseTo(v, 15);
    for (let i = 1; i < n; i++) {
      const top = i + 1 < n ? f(x[i + 1]!) : 1;
      expect(Math.abs(x[i]! * (top - f(x[i]!)) - v) / v).toBeLessThan(1e-9);
      expect(ratio[i]).toBe(x[i + 1]! / x[i]!);
    }
  });
});
