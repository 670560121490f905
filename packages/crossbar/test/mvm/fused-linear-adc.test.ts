import { createRng } from '@memsim/core';
import { quantize } from '@memsim/quantize';
import { describe, expect, it } from 'vitest';
import { addLinearAdc } from '../../src/mvm/fused-linear-adc';

/** The unfused reference: quantize the zero-padded vector with @memsim/quantize, then add its first `width` codes. */
function reference(x: Float32Array, width: number, tileCols: number, bits: number, out: Float32Array): void {
  const padded = new Float32Array(tileCols);
  padded.set(x.subarray(0, width));
  const q = quantize(padded, { bits });
  for (let c = 0; c < width; c++) out[c] = out[c]! + q[c]!;
}

describe('addLinearAdc (the fused per-tile ADC)', () => {
  const rng = createRng(11);
  const cases: [string, (i: number) => number][] = [
    ['uniform ±1', () => 2 * rng.uniform() - 1],
    ['wide magnitudes', () => (rng.uniform() - 0.5) * 2 ** Math.floor(rng.uniform() * 40 - 20)],
    ['powers of two', (i) => (i % 3 === 0 ? 2 ** ((i % 7) - 3) : -(2 ** ((i % 5) - 2)))],
    ['all positive', () => rng.uniform() * 1e-4],
    ['constant', () => 0.375],
    ['zeros', () => 0],
  ];
  it.each(cases)('matches quantize bit for bit: %s', (_, draw) => {
    for (const bits of [1, 2, 4, 8, 12, 23])
      for (const [width, tileCols] of [
        [128, 128],
        [37, 64],
        [1, 8],
      ] as const) {
        const x = Float32Array.from({ length: width }, (_, i) => draw(i));
        const start = Float32Array.from({ length: width }, () => rng.uniform());
        const fused = start.slice();
        const expected = start.slice();
        expect(addLinearAdc(x, 0, width, tileCols, bits, fused, 0)).toBe(true);
        reference(x, width, tileCols, bits, expected);
        expect(Array.from(fused)).toEqual(Array.from(expected));
      }
  });

  it('declines (writes nothing) on a value quantize rejects, so the caller raises its error', () => {
    const out = new Float32Array(4);
    expect(addLinearAdc(new Float32Array([1, Number.NaN, 0, 2]), 0, 4, 4, 8, out, 0)).toBe(false);
    expect(addLinearAdc(new Float32Array([1, 2 ** 127, 0, 2]), 0, 4, 4, 8, out, 0)).toBe(false);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});
