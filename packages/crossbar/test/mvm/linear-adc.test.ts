// The tiled MVM applies the ADC of @memsim/quantize per tile and input row, where MemTorch's tile_matmul puts it.
// tiledMatmul (its WebAssembly kernel, or the TypeScript tile loop with the fused linear ADC) is compared bit for bit
// with an independent reference written here in plain loops: per input row and tile row, the float32 partial sums
// of each tile column (products rounded to float32, added in order, no FMA), zero-padded to `tileCols`, through
// `quantize`, and the converted partials accumulated in float32 over the tile rows.
import { createRng } from '@memsim/core';
import { quantize } from '@memsim/quantize';
import { describe, expect, it } from 'vitest';
import { tiledMatmul } from '../../src/index';

/** The per-tile reference: plain loops, no code shared with the crossbar kernels. */
function referenceTiled(
  x: Float32Array,
  batch: number,
  g: Float32Array,
  rows: number,
  cols: number,
  [tileRows, tileCols]: [number, number],
  bits: number,
): Float32Array {
  const f = Math.fround;
  const out = new Float32Array(batch * cols);
  const padded = new Float32Array(tileCols);
  for (let b = 0; b < batch; b++)
    for (let r0 = 0; r0 < rows; r0 += tileRows)
      for (let c0 = 0; c0 < cols; c0 += tileCols) {
        padded.fill(0);
        for (let c = c0; c < Math.min(cols, c0 + tileCols); c++) {
          let sum = 0;
          for (let k = r0; k < Math.min(rows, r0 + tileRows); k++)
            sum = f(sum + f(x[b * rows + k]! * g[k * cols + c]!));
          padded[c - c0] = sum;
        }
        const q = quantize(padded, { bits, overflowRate: 0, method: 'linear' });
        for (let c = c0; c < Math.min(cols, c0 + tileCols); c++) out[b * cols + c] = f(out[b * cols + c]! + q[c - c0]!);
      }
  return out;
}

describe('tiled linear ADC', () => {
  it('equals the per-tile reference bit for bit on random, tied, power-of-two and constant tile vectors', () => {
    const rng = createRng(2024);
    let compared = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + rng.integer(40);
      const batch = 1 + rng.integer(4);
      const bits = 1 + rng.integer(24);
      const scale = 10 ** (rng.uniform() * 12 - 8);
      // Identity weights: each tile's partial sums are exactly the input slice, so crafted vectors reach the ADC.
      const eye = new Float32Array(n * n);
      for (let i = 0; i < n; i++) eye[i * n + i] = 1;
      const x = new Float32Array(batch * n);
      for (let i = 0; i < x.length; i++) x[i] = (rng.uniform() * 2 - 1) * scale;
      const kind = trial % 5;
      if (kind === 1) x[rng.integer(x.length)] = 2 ** Math.round(Math.log2(scale));
      if (kind === 2) {
        const delta = 2 ** (Math.ceil(Math.log2(scale)) + 1 - bits);
        for (let i = 0; i < x.length; i++)
          x[i] = (rng.integer(2 ** Math.min(bits, 20)) - 2 ** Math.min(bits - 1, 19) + 0.5) * delta;
      }
      if (kind === 3) x.fill(x[0]!);
      if (kind === 2 && n > 1 && bits > 1) {
        // Peak 1 → δ = 2^(1 − bits); x/δ = 0.5 − 2^−25 rounds (in float) up to the next code: MemTorch's float sum.
        x[0] = 1;
        x[1] = (0.5 - 2 ** -25) * 2 ** (1 - bits);
      }
      if (kind === 4) x[0] = 0;
      const tileShape: [number, number] = [n, 1 + rng.integer(n)];
      const got = tiledMatmul(x, batch, { rows: n, cols: n, data: eye }, { tileShape, adc: { bits, overflowRate: 0 } });
      const want = referenceTiled(x, batch, eye, n, n, tileShape, bits);
      for (let i = 0; i < want.length; i++)
        if (!Object.is(got[i], want[i]))
          throw new Error(`trial ${trial}: bits ${bits}, [${i}] tiledMatmul ${got[i]} vs reference ${want[i]}`);
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('equals the per-tile reference bit for bit with random weights over several tile rows and columns', () => {
    const rng = createRng(7);
    let compared = 0;
    for (let trial = 0; trial < 60; trial++) {
      const rows = 1 + rng.integer(70);
      const cols = 1 + rng.integer(50);
      const batch = 1 + rng.integer(5);
      const bits = 2 + rng.integer(12);
      const g = new Float32Array(rows * cols);
      for (let i = 0; i < g.length; i++) g[i] = rng.uniform() * 2 - 1;
      const x = new Float32Array(batch * rows);
      for (let i = 0; i < x.length; i++) x[i] = rng.uniform() * 2 - 1;
      const tileShape: [number, number] = [1 + rng.integer(rows), 1 + rng.integer(cols)];
      const got = tiledMatmul(x, batch, { rows, cols, data: g }, { tileShape, adc: { bits } });
      const want = referenceTiled(x, batch, g, rows, cols, tileShape, bits);
      for (let i = 0; i < want.length; i++)
        if (!Object.is(got[i], want[i]))
          throw new Error(
            `trial ${trial}: ${rows}×${cols}, tiles ${tileShape}, bits ${bits}: [${i}] ${got[i]} vs ${want[i]}`,
          );
      compared += want.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
