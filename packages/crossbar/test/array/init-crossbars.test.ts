import { InvalidParameterError, createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { LinearIonDrift, VTEAM, conductanceRange, normal } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { initCrossbars, mvm } from '../../src/index';
import { flat, golden } from '../helpers';

const L = golden('layers-linear.json');

/** MemTorch weight (out, in) → crossbar orientation (in, out). */
function transposed(tensor: any): { rows: number; cols: number; data: Float64Array } {
  const [out, inp] = tensor.shape as [number, number];
  const w = flat(tensor);
  const data = new Float64Array(out * inp);
  for (let o = 0; o < out; o++) for (let i = 0; i < inp; i++) data[i * out + o] = w[o * inp + i]!;
  return { rows: inp, cols: out, data };
}

/** Golden conductances (untiled rows × cols, or tiles (n, tr, tc) with a row-major tile grid) → rows × cols. */
function untile(c: any, tileShape: [number, number] | null): Float64Array {
  const rows = c.rows as number;
  const cols = c.columns as number;
  const g = flat(c.conductance_matrix);
  if (tileShape === null) return g;
  const [tr, tc] = tileShape;
  const gridCols = Math.ceil(cols / tc);
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < cols; k++) {
      const t = Math.floor(r / tr) * gridCols + Math.floor(k / tc);
      out[r * cols + k] = g[(t * tr + (r % tr)) * tc + (k % tc)]!;
    }
  return out;
}

describe('initCrossbars', () => {
  const weights = transposed(L.layer.weight);
  const input = Float32Array.from(flat(L.layer.input));
  const bias = flat(L.layer.bias);
  const batch = L.layer.input.shape[0];

  it.each(
    L.variants.map((v: any) => [v.tile_shape, v.max_input_voltage, v.ADC_resolution, v]) as [any, any, any, any][],
  )('golden Linear(16, 4) VTEAM double-column tiles %j maxInputVoltage %s ADC %s', (tileShape, maxV, bits, v: any) => {
    const mapped = initCrossbars(weights, { model: VTEAM, ...(tileShape ? { tileShape } : {}) });
    expect(mapped.crossbars).toHaveLength(2);
    for (let i = 0; i < 2; i++)
      expectClose(mapped.crossbars[i]!.conductance, untile(v.crossbars[i], tileShape), {
        rtol: 2e-7,
        label: `crossbar ${i}`,
      });
    const y = mvm(input, batch, mapped, {
      mode: tileShape ? 'tiled' : 'ideal',
      raw: true,
      ...(maxV === null ? {} : { maxInputVoltage: maxV }),
      ...(bits === null ? {} : { adc: { bits, method: 'linear' } }),
    });
    const expected = flat(v.memristive_output_pre_tune.value).map((o, i) => o - bias[i % 4]!);
    const peak = Math.max(...expected.map(Math.abs));
    // Float32 rounding; with the ADC one code step (2^-7 of full scale) is allowed for a sum-order flip.
    expectClose(y, expected, {
      rtol: 0,
      atol: bits === null ? 1e-6 * peak : 2 ** -6 * peak,
      label: 'pre-tune output − bias',
    });
  });

  it('uses the MEAN rOn/rOff of the given parameters for the mapping range', () => {
    const w = { rows: 2, cols: 1, data: [1, -1] };
    const params = { rOn: normal({ mean: 80, std: 8, min: 10 }), rOff: normal({ mean: 900, std: 30, min: 500 }) };
    const mapped = initCrossbars(w, { model: VTEAM, params, seed: 5 });
    // naive map: |w| = w_max → 1/rOn (mean), 0 → 1/rOff (mean); gain = (1/rOn − 1/rOff)/w_max.
    expectClose(mapped.gain, [1 / 80 - 1 / 900], { rtol: 1e-12 });
    const { gMin, gMax } = conductanceRange(mapped.crossbars[0]!.population);
    expect(gMin[0]).not.toBe(1 / 900);
    const report = mapped.writeReports[0]!;
    expect(report.clamped).toBeGreaterThanOrEqual(0);
    expect(mapped.crossbars[0]!.conductance[0]).toBeCloseTo(Math.min(gMax[0]!, 1 / 80), 12);
  });

  it('same seed, same crossbars; stochastic parameters need a seed', () => {
    const w = { rows: 3, cols: 2, data: [1, -2, 0.5, 0, -1, 3] };
    const params = { rOn: normal({ mean: 50, std: 5, min: 10 }) };
    const a = initCrossbars(w, { model: VTEAM, params, seed: 11 });
    const b = initCrossbars(w, { model: VTEAM, params, seed: 11 });
    expect(Array.from(a.crossbars[1]!.conductance)).toEqual(Array.from(b.crossbars[1]!.conductance));
    expect(() => initCrossbars(w, { model: VTEAM, params })).toThrow(/seed/);
  });

  it.each(['double-column', 'single-column'] as const)(
    '%s outputs are proportional to W·x for ideal devices',
    (scheme) => {
      const rng = createRng(21);
      const rows = 9;
      const cols = 5;
      const w = new Float64Array(rows * cols);
      rng.fillUniform(w, -1, 1);
      const x = new Float32Array(3 * rows);
      rng.fillUniform(x, -1, 1);
      const mapped = initCrossbars({ rows, cols, data: w }, { model: LinearIonDrift, scheme });
      const raw = mvm(x, 3, mapped, { mode: 'ideal', raw: true });
      const y = mvm(x, 3, mapped, { mode: 'ideal' });
      for (let b = 0; b < 3; b++)
        for (let j = 0; j < cols; j++) {
          let ref = 0;
          let mag = 0;
          for (let k = 0; k < rows; k++) {
            ref += x[b * rows + k]! * w[k * cols + j]!;
            mag += Math.abs(x[b * rows + k]! * w[k * cols + j]!);
          }
          expect(Math.abs(y[b * cols + j]! - ref)).toBeLessThanOrEqual(1e-5 * mag);
          expect(Math.abs(raw[b * cols + j]! - ref * mapped.gain[j]!)).toBeLessThanOrEqual(
            1e-5 * mag * mapped.gain[j]!,
          );
        }
      if (scheme === 'single-column') expect(mapped.referenceConductance).toBeCloseTo((1 / 100 + 1 / 16e3) / 2, 15);
    },
  );

  it('transistor: false programs the devices with pulses and reports it', () => {
    const w = { rows: 3, cols: 2, data: [1, -0.5, 0.25, 0.75, -1, 0.1] };
    const mapped = initCrossbars(w, { model: LinearIonDrift, transistor: false, programming: { relTol: 0.01 } });
    const direct = initCrossbars(w, { model: LinearIonDrift });
    for (let k = 0; k < 2; k++) {
      const report = mapped.writeReports[k]!.programming!;
      expect(report.converged).toBe(true);
      const want = direct.crossbars[k]!.conductance;
      const got = mapped.crossbars[k]!.conductance;
      for (let i = 0; i < got.length; i++) expect(Math.abs(got[i]! - want[i]!) / want[i]!).toBeLessThanOrEqual(0.01);
    }
    expect(direct.writeReports[0]!.programming).toBeNull();
  });

  it('accepts a mapping routine and pL', () => {
    const w = { rows: 2, cols: 2, data: [1, -0.5, 0.25, 2] };
    const perColumn = initCrossbars(w, { model: VTEAM, mapping: 'per-column' });
    expect(perColumn.gain[0]).not.toBeCloseTo(perColumn.gain[1]!, 12);
    const clipped = initCrossbars(w, { model: VTEAM, pL: 0.5 });
    expect(clipped.gain[0]).toBeGreaterThan(initCrossbars(w, { model: VTEAM }).gain[0]!);
  });

  it.each([
    [{ scheme: 'triple-column' }, /`scheme`/],
    [{ transistor: 'yes' }, /`transistor`/],
    [{ tileShape: [0, 4] }, /`tileShape\[0\]` must be a positive integer/],
    [{ sheme: 'single-column' }, /did you mean `scheme`/],
  ])('rejects %j', (extra, pattern) => {
    const w = { rows: 1, cols: 1, data: [1] };
    expect(() => initCrossbars(w, { model: VTEAM, ...(extra as object) })).toThrow(InvalidParameterError);
    expect(() => initCrossbars(w, { model: VTEAM, ...(extra as object) })).toThrow(pattern);
  });

  it('rejects NaN weights', () => {
    expect(() => initCrossbars({ rows: 1, cols: 2, data: [1, Number.NaN] }, { model: VTEAM })).toThrow(
      /weights\.data\[1\]/,
    );
  });
});
