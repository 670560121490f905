import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { gemm, initCrossbars, mvm } from '../../src/index';
import { effectiveMatrix } from '../../src/mvm/effective-matrix';

/** Deterministic values in [-1, 1) with exact zeros (conv padding) sprinkled in. */
function values(n: number, seed: number, zeroEvery = 0): Float32Array {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    a[i] = zeroEvery > 0 && i % zeroEvery === 0 ? 0 : (s / 2147483647) * 2 - 1;
  }
  return a;
}

describe("mode 'ideal' runs the one-tile wasm kernel", () => {
  // The ideal read-out is V·Geff / gain. Its kernel changed from `gemm` to the tiled kernel with one tile; the
  // TypeScript `gemm` backend (an independent loop, documented float32 order) must give the same bits.
  it.each([
    [37, 150, 70],
    [128, 300, 17],
    [5, 8, 3],
    [256, 512, 64], // 2·m·k·n = 2^24: large enough for the worker threads
  ])(
    'batch %i, %i × %i: equals V·Geff (TypeScript gemm) / gain bit for bit, on 1, 2 and 3 threads',
    (batch, rows, cols) => {
      const w = values(rows * cols, 3);
      const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM });
      const x = values(batch * rows, 7, 5);
      const product = gemm(x, effectiveMatrix(mapped), { m: batch, k: rows, n: cols }, { backend: 'ts' });
      const expected = product.map((p, i) => p / mapped.gain[i % cols]!);
      for (const threads of [1, 2, 3]) {
        const y = mvm(x, batch, mapped, { mode: 'ideal', threads });
        expect(y.length).toBe(expected.length);
        let same = 0;
        for (let i = 0; i < y.length; i++) if (Object.is(y[i], expected[i])) same++;
        expect(same).toBe(y.length);
      }
    },
  );
});
