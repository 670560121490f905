// The tiled MVM applies the ADC of @memsim/quantize per tile and input row (§5.5): with identity weights each tile's
// partial sums are exactly the input slice, so the output must equal quantize() of each zero-padded slice.
import { createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { tiledMatmul } from '../../src/index';

describe('tiled linear ADC fast path', () => {
  it('is bit-identical to quantize on random, tied, power-of-two and constant tile vectors', () => {
    const rng = createRng(2024);
    let compared = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + rng.integer(40);
      const batch = 1 + rng.integer(4);
      const bits = 1 + rng.integer(24);
      const scale = 10 ** (rng.uniform() * 12 - 8);
      // Identity weights: each tile's partial sums are exactly the input slice, so crafted vectors reach the ADC.
      const eye = new Float64Array(n * n);
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
      const fast = tiledMatmul(
        x,
        batch,
        { rows: n, cols: n, data: eye },
        { tileShape, adc: { bits, overflowRate: 0 } },
      );
      const ref = tiledMatmul(
        x,
        batch,
        { rows: n, cols: n, data: eye },
        { tileShape, adc: { bits, overflowRate: 1e-12 } },
      );
      for (let i = 0; i < ref.length; i++)
        if (!Object.is(fast[i], ref[i]))
          throw new Error(`trial ${trial}: bits ${bits}, [${i}] fast ${fast[i]} vs quantize ${ref[i]}`);
      compared += ref.length;
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
