import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, InvalidParameterError, resolveRng } from '../src/index';
import { streams } from './golden/ziggurat-streams';

describe('createRng', () => {
  it('same seed gives the same stream; different seeds differ', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xa = Array.from({ length: 20 }, () => a.uniform());
    const xb = Array.from({ length: 20 }, () => b.uniform());
    const xc = Array.from({ length: 20 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('state round-trips through JSON and resumes the stream exactly (including a cached normal)', () => {
    const a = createRng(123);
    a.normal(); // leaves a spare normal cached
    const saved = JSON.parse(JSON.stringify(a));
    const b = createRng({ state: saved });
    expect(Array.from({ length: 10 }, () => b.normal())).toEqual(Array.from({ length: 10 }, () => a.normal()));
    const c = createRng(0);
    c.state = saved;
    expect(c.uniform()).toBe(createRng({ state: saved }).uniform());
  });

  it('uniform has mean 1/2 and variance 1/12 (1e5 draws, 5-sigma bounds)', () => {
    const rng = createRng(1);
    const n = 100000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('normal passes a Kolmogorov–Smirnov test at the 1 % level', () => {
    const rng = createRng(2024);
    const n = 20000;
    const x = Float64Array.from({ length: n }, () => rng.normal()).sort();
    const phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(phi(x[i]!) - (i + 1) / n), Math.abs(phi(x[i]!) - i / n));
    expect(d).toBeLessThan(1.628 / Math.sqrt(n)); // critical value for alpha = 0.01
  });

  it('fillNormal: same seed same values, and the stream continues from the state it leaves', () => {
    const a = createRng(11).fillNormal(new Float64Array(1000), 2, 3);
    expect(Array.from(createRng(11).fillNormal(new Float64Array(1000), 2, 3))).toEqual(Array.from(a));
    expect(Array.from(createRng(12).fillNormal(new Float64Array(1000), 2, 3))).not.toEqual(Array.from(a));
    const r = createRng(11);
    r.fillNormal(new Float64Array(500));
    const resumed = createRng({ state: r.toJSON() });
    expect(Array.from(r.fillNormal(new Float32Array(300)))).toEqual(
      Array.from(resumed.fillNormal(new Float32Array(300))),
    );
  });

  it('fillNormal passes a Kolmogorov–Smirnov test at the 1 % level (2e5 draws, wedges and tail included)', () => {
    const n = 200000;
    const x = createRng(77)
      .fillNormal(new Float64Array(n), 1, 2)
      .map((v) => (v - 1) / 2)
      .sort();
    const phi = (z: number) => 0.5 * (1 + erf(z / Math.SQRT2));
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(phi(x[i]!) - (i + 1) / n), Math.abs(phi(x[i]!) - i / n));
    expect(d).toBeLessThan(1.628 / Math.sqrt(n)); // critical value for alpha = 0.01
    // Tail beyond the ziggurat base R = 3.654: P = 2.58e-4, expected 51.6 of 2e5; 5-sigma band.
    let tail = 0;
    for (const v of x) if (Math.abs(v) > 3.6541528853610088) tail++;
    expect(Math.abs(tail - 51.6)).toBeLessThan(5 * Math.sqrt(51.6));
  });

  it('addNormal passes a Kolmogorov–Smirnov test at the 1 % level (2e5 draws) and its tail has the normal mass', () => {
    const n = 200000;
    const x = new Float64Array(n).fill(1);
    createRng(78).addNormal(x, 2);
    const z = x.map((v) => (v - 1) / 2).sort();
    const phi = (t: number) => 0.5 * (1 + erf(t / Math.SQRT2));
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, Math.abs(phi(z[i]!) - (i + 1) / n), Math.abs(phi(z[i]!) - i / n));
    expect(d).toBeLessThan(1.628 / Math.sqrt(n)); // critical value for alpha = 0.01
    let tail = 0;
    for (const v of z) if (Math.abs(v) > 3.6541528853610088) tail++;
    expect(Math.abs(tail - 51.6)).toBeLessThan(5 * Math.sqrt(51.6));
  });

  it('addNormal: a σ per entry scales each draw; only [start, end) changes; same state, same values', () => {
    const n = 100000;
    const std = new Float32Array(n + 20).map((_, i) => (i % 2 === 0 ? 0.5 : 3)); // indexed like x
    const x = new Float32Array(n + 20);
    const r = createRng(5);
    r.addNormal(x, std, 10, n + 10);
    expect(Array.from(x.subarray(0, 10))).toEqual(new Array(10).fill(0));
    expect(Array.from(x.subarray(n + 10))).toEqual(new Array(10).fill(0));
    // σ of each half within 3 standard errors (SE of a sample variance: σ²·√(2/(m−1))).
    for (const [parity, sigma] of [
      [0, 0.5],
      [1, 3],
    ] as const) {
      let s = 0;
      let m = 0;
      for (let i = 10 + parity; i < n + 10; i += 2) {
        s += x[i]! * x[i]!;
        m++;
      }
      expect(Math.abs(s / m - sigma * sigma)).toBeLessThan(3 * sigma * sigma * Math.sqrt(2 / (m - 1)));
    }
    const y = new Float32Array(n + 20);
    createRng(5).addNormal(y, std, 10, n + 10);
    expect(y).toEqual(x);
    // The stream continues from the state left behind.
    const resumed = createRng({ state: r.toJSON() });
    expect(r.normal()).toBe(resumed.normal());
  });

  it('fillUniform gives exactly the values of repeated uniform() calls', () => {
    const a = createRng(21);
    const b = createRng(21);
    const filled = a.fillUniform(new Float64Array(257), -2, 6);
    expect(Array.from(filled)).toEqual(Array.from({ length: 257 }, () => -2 + 8 * b.uniform()));
    expect(a.uniform()).toBe(b.uniform());
  });

  it('integer is unbiased over a small range', () => {
    const rng = createRng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[rng.integer(3)]!++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(5 * Math.sqrt(30000 * (1 / 3) * (2 / 3)));
  });

  it('split gives an independent, reproducible child stream', () => {
    const a = createRng(9).split();
    const b = createRng(9).split();
    expect(a.uniform()).toBe(b.uniform());
  });

  it.each([-1, 1.5, Number.NaN, '3', null])('rejects seed %s', (seed) => {
    expect(() => createRng(seed as number)).toThrow(InvalidParameterError);
  });

  it('resolveRng requires a seed or an rng', () => {
    expect(() => resolveRng('deviceFaults', {})).toThrow(/deviceFaults: `seed` must be given/);
    const r = createRng(3);
    expect(resolveRng('f', { rng: r })).toBe(r);
    expect(resolveRng('f', { seed: 3 }).uniform()).toBe(createRng(3).uniform());
  });
});

// Abramowitz & Stegun 7.1.26 is too coarse for a KS test at n = 20000; use the series/continued fraction.
function erf(x: number): number {
  const t = Math.abs(x);
  if (t < 3) {
    let sum = t;
    let term = t;
    for (let k = 1; k < 200; k++) {
      term *= (-t * t) / k;
      const add = term / (2 * k + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  return Math.sign(x) * (1 - (Math.exp(-t * t) / (t * Math.sqrt(Math.PI))) * (1 - 1 / (2 * t * t) + 3 / (4 * t ** 4)));
}

describe('one ziggurat sampler behind fillNormal and addNormal', () => {
  // Golden: the streams of the separate loops before they were merged (test/golden/make-ziggurat-streams.ts).
  const golden: Record<string, { sha256: string; first: number[] }> = JSON.parse(
    readFileSync(new URL('./golden/ziggurat-streams.json', import.meta.url), 'utf8'),
  );
  it.each(Object.keys(streams))('%s: bit-identical to the separate loops it replaced', (name) => {
    const a = streams[name]!(createRng);
    expect(Array.from(a.subarray(0, 4))).toEqual(golden[name]!.first);
    const hash = createHash('sha256')
      .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
      .digest('hex');
    expect(hash).toBe(golden[name]!.sha256);
  });
});
