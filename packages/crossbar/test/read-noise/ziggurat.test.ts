import { createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { NORMAL_BLOCK_ROWS, drawNormalBlocks, drawNormals } from '../../src/read-noise/normal-kernel';
import { zexp, zlog } from '../../src/read-noise/ziggurat-ts';

/** Relative distance in units of the float64 spacing at `b`. */
function ulps(a: number, b: number): number {
  return Math.abs(a - b) / (Number.EPSILON * Math.abs(b));
}

describe('the slow path’s portable exp and log (asm/ziggurat.ts and its TypeScript twin)', () => {
  it('exp on the wedge range [−9, 0] (|v| < R = 4.04) is within 4 ulp of Math.exp', () => {
    const rng = createRng(1);
    let worst = 0;
    for (let k = 0; k < 100000; k++) {
      const x = -9 * rng.uniform();
      worst = Math.max(worst, ulps(zexp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThan(4);
    expect(zexp(0)).toBe(1);
  });

  it('log on (0, 1] is within 4 ulp of Math.log (relative), down to the smallest uniform 2⁻³³', () => {
    const rng = createRng(2);
    let worst = 0;
    for (let k = 0; k < 100000; k++) {
      // Uniform in the exponent too, so every binade of the tail's uniforms is covered.
      const x = 2 ** (-33 * rng.uniform()) * (1 - 0.5 * rng.uniform());
      worst = Math.max(worst, ulps(zlog(x), Math.log(x)));
    }
    expect(worst).toBeLessThan(4);
    expect(zlog(1)).toBe(0);
    expect(zlog(0.5)).toBe(-Math.LN2);
  });
});

describe('block normals (what each thread of the tiled kernel draws)', () => {
  it('block b is the stream of the b-th generator seeded from rng, in order', () => {
    const cols = 37;
    const rows = 2 * NORMAL_BLOCK_ROWS + 5;
    const blocks = drawNormalBlocks(createRng(3), rows, cols).slice();
    const rng = createRng(3);
    for (let r0 = 0; r0 < rows; r0 += NORMAL_BLOCK_ROWS) {
      const count = Math.min(NORMAL_BLOCK_ROWS, rows - r0) * cols;
      expect(blocks.subarray(r0 * cols, r0 * cols + count)).toEqual(drawNormals(rng, count));
    }
  });

  it('the WebAssembly kernel and the TypeScript twin give the same block normals and leave rng alike', () => {
    for (const [rows, cols] of [
      [1, 1],
      [64, 3],
      [65, 129],
      [300, 17],
    ] as const) {
      const a = createRng(rows * cols);
      const b = createRng(rows * cols);
      expect(drawNormalBlocks(a, rows, cols, 'wasm').slice()).toEqual(drawNormalBlocks(b, rows, cols, 'ts').slice());
      expect(a.state).toEqual(b.state);
    }
  });

  it('tail and wedge draws have the normal law: P(|z| > t) for t = 1…4 within 4 standard errors (4e6 draws)', () => {
    const n = 4000000;
    const z = drawNormals(createRng(4), n);
    // Φ complements 2·(1 − Φ(t)) for t = 1, 2, 3, 4 (closed-form values of the normal law).
    const expected = [0.31731050786291415, 0.04550026389635842, 0.0026997960632601866, 0.00006334248366623984];
    expected.forEach((p, k) => {
      const t = k + 1;
      let count = 0;
      for (let i = 0; i < n; i++) if (Math.abs(z[i]!) > t) count++;
      expect(Math.abs(count / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    });
  });
});
