import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { expectClose, maxAbsDiff } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { tiledMatmul } from '../../src/index';
import { absProduct, flat, golden, matmul64 } from '../helpers';

const G = golden('tiles.json');

function operands(c: any) {
  const A = G.matrices[c.A];
  const B = G.matrices[c.B];
  return {
    input: Float32Array.from(flat(A)),
    batch: A.shape[0] as number,
    G: { rows: B.shape[0] as number, cols: B.shape[1] as number, data: flat(B) },
  };
}

// MemTorch 1.1.6's 'log' ADC is a bug record (clamp after the logarithm); memsim's quantize implements the intended
// log method, so only the ADC-free and linear cases are parity targets.
const parity = G.tile_matmul.filter((c: any) => c.quant_method === null || c.quant_method === 'linear');

describe('tiledMatmul', () => {
  it.each(parity.map((c: any) => [c.A, c.B, c.tile_shape, c.ADC_resolution, c]) as [string, string, any, any, any][])(
    'golden tiled_inference %s·%s tiles %j ADC %s',
    (_a, _b, _t, bits, c: any) => {
      const { input, batch, G: B } = operands(c);
      const adc = bits === null ? undefined : { bits, method: 'linear' as const, overflowRate: c.ADC_overflow_rate };
      const got = tiledMatmul(input, batch, B, { tileShape: c.tile_shape, ...(adc ? { adc } : {}) });
      const expected = flat(c['memtorch_bindings.tiled_inference'].value);
      expectClose(expected, flat(c['memtorch_bindings.tile_matmul'].value), {
        rtol: 0,
        atol: 0,
        label: 'MemTorch tile_matmul vs tiled_inference',
      });
      // Float32 sums in a different order than torch: allow a few float32 ulps (no ADC) and no ADC-step flips.
      const scale = absProduct(input, batch, B.data, B.rows, B.cols);
      const tol = Array.from(scale, (s) => 4 * 2 ** -23 * s);
      for (let i = 0; i < expected.length; i++)
        expect(Math.abs(got[i]! - expected[i]!), `[${i}] got ${got[i]} expected ${expected[i]}`).toBeLessThanOrEqual(
          tol[i]! + 1e-12,
        );
    },
  );

  it.each(
    G.tile_matmul
      .filter((c: any) => c.quant_method === 'log' && c.ADC_resolution === 8)
      .map((c: any) => [c.A, c.B, c.ADC_resolution, c]) as [string, string, number, any][],
  )(
    "bug record: MemTorch's log ADC returns ±1 for %s·%s (%s bits); memsim's log ADC tracks the product",
    (_a, _b, bits, c: any) => {
      const { input, batch, G: B } = operands(c);
      const ref = flat(c.reference_matmul_A_B);
      const memtorch = flat(c['memtorch_bindings.tiled_inference'].value);
      const got = tiledMatmul(input, batch, B, { tileShape: c.tile_shape, adc: { bits, method: 'log' } });
      const peak = Math.max(...ref.map(Math.abs));
      expect(maxAbsDiff(memtorch, ref)).toBeGreaterThan(10 * peak);
      // A 7-bit code of ln|partial| per tile: a few per cent of each partial sum.
      expect(maxAbsDiff(got, ref)).toBeLessThan(0.1 * peak);
    },
  );

  it('without ADC equals a float64 matmul for tile shapes that do and do not divide the matrix', () => {
    const rng = createRng(7);
    const batch = 5;
    const rows = 23;
    const cols = 17;
    const x = new Float32Array(batch * rows);
    rng.fillUniform(x, -1, 1);
    const w = new Float64Array(rows * cols);
    rng.fillUniform(w, -1, 1);
    const w32 = Float64Array.from(Float32Array.from(w));
    const ref = matmul64(x, batch, w32, rows, cols);
    const scale = absProduct(x, batch, w32, rows, cols);
    for (const shape of [
      [1, 1],
      [4, 4],
      [5, 3],
      [23, 17],
      [32, 64],
      [7, 1],
    ] as [number, number][]) {
      const got = tiledMatmul(x, batch, { rows, cols, data: w }, { tileShape: shape });
      for (let i = 0; i < ref.length; i++) expect(Math.abs(got[i]! - ref[i]!)).toBeLessThanOrEqual(1e-6 * scale[i]!);
    }
  });

  it('the ADC quantises each tile separately (coarser for smaller tiles than for one whole tile)', () => {
    const rng = createRng(3);
    const x = new Float32Array(2 * 8);
    rng.fillUniform(x, 0, 1);
    const w = new Float64Array(8 * 8);
    rng.fillUniform(w, 0, 1e-2);
    const exact = matmul64(x, 2, Float64Array.from(Float32Array.from(w)), 8, 8);
    const whole = tiledMatmul(x, 2, { rows: 8, cols: 8, data: w }, { tileShape: [8, 8], adc: { bits: 3 } });
    const split = tiledMatmul(x, 2, { rows: 8, cols: 8, data: w }, { tileShape: [2, 8], adc: { bits: 3 } });
    expect(maxAbsDiff(whole, split)).toBeGreaterThan(0);
    expect(maxAbsDiff(whole, exact)).toBeGreaterThan(0);
  });

  it('rejects bad input', () => {
    const g = { rows: 2, cols: 2, data: [1, 2, 3, 4] };
    expect(() => tiledMatmul(new Float32Array(3), 1, g, { tileShape: [1, 1] })).toThrow(ShapeMismatchError);
    expect(() => tiledMatmul(new Float32Array([1, Number.NaN]), 1, g, { tileShape: [1, 1] })).toThrow(/input\[1\]/);
    expect(() => tiledMatmul(new Float32Array(2), 0, g, { tileShape: [1, 1] })).toThrow(/`batch`/);
    expect(() => tiledMatmul(new Float32Array(2), 1, g, { tileShape: [0, 1] })).toThrow(
      /`tileShape\[0\]` must be a positive integer/,
    );
    expect(() => tiledMatmul(new Float32Array(2), 1, g, { tileShape: [1, 1], adc: {} as never })).toThrow(/adc\.bits/);
    expect(() =>
      tiledMatmul(new Float32Array(2), 1, g, { tileShape: [1, 1], adc: { bits: 4, method: 'cubic' as never } }),
    ).toThrow(InvalidParameterError);
  });
});
