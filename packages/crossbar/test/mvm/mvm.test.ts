import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { expectClose, maxAbsDiff } from '@memsim/core/testing';
import { VTEAM } from '@memsim/devices';
import { quantize, quantizeInput } from '@memsim/quantize';
import { describe, expect, it } from 'vitest';
import { initCrossbars, mvm } from '../../src/index';
import type { MappedCrossbars, MvmOptions } from '../../src/index';
import { absProduct, matmul64 } from '../helpers';

const rows = 13;
const cols = 7;
const batch = 4;
const rng = createRng(99);
const w = new Float64Array(rows * cols);
rng.fillUniform(w, -1, 1);
const x = new Float32Array(batch * rows);
rng.fillUniform(x, -0.8, 0.8);

/** Effective conductance in float64, read back from the crossbars. */
function effective(m: MappedCrossbars): Float64Array {
  const a = m.crossbars[0]!.conductance;
  if (m.scheme === 'double-column') return a.map((g, i) => g - m.crossbars[1]!.conductance[i]!);
  return a.map((g) => g - m.referenceConductance!);
}

const modes: [string, MvmOptions][] = [
  ['ideal', { mode: 'ideal' }],
  ['tiled 4×3', { mode: 'tiled', tileShape: [4, 3] }],
  ['nonlinear (model I-V)', { mode: 'nonlinear' }],
  ['nonlinear tiled 5×5', { mode: 'nonlinear', tileShape: [5, 5] }],
  // Zero wire resistance: the circuit is ideal, so the passive read-out must give V·Geff too.
  ['passive (zero wire resistance)', { mode: 'passive', sourceResistance: 0, lineResistance: 0 }],
];

describe.each(['double-column', 'single-column'] as const)('mvm, %s', (scheme) => {
  const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, scheme });
  const geff = effective(mapped);
  const ref = matmul64(x, batch, geff, rows, cols);
  const mag = absProduct(x, batch, geff, rows, cols);
  if (scheme === 'single-column') {
    // |G − g_m| understates the float32 error of the two big terms V·G and g_m·Σv the nonlinear mode subtracts.
    const big = absProduct(x, batch, mapped.crossbars[0]!.conductance, rows, cols);
    for (let i = 0; i < mag.length; i++) mag[i] = Math.max(mag[i]!, big[i]!);
  }

  it.each(modes)('%s: raw output equals a float64 V·Geff', (_name, options) => {
    const raw = mvm(x, batch, mapped, { ...options, raw: true });
    for (let i = 0; i < ref.length; i++)
      expect(Math.abs(raw[i]! - ref[i]!), `[${i}]`).toBeLessThanOrEqual(2e-6 * mag[i]!);
  });

  it.each(modes)('%s: outputs in weight units are W·x for ideal devices', (_name, options) => {
    const y = mvm(x, batch, mapped, options);
    const wx = matmul64(x, batch, w, rows, cols);
    const wmag = absProduct(x, batch, w, rows, cols);
    for (let i = 0; i < wx.length; i++) expect(Math.abs(y[i]! - wx[i]!)).toBeLessThanOrEqual(1e-5 * wmag[i]!);
  });

  it('tiled without ADC equals ideal for any tile shape', () => {
    const ideal = mvm(x, batch, mapped, { mode: 'ideal', raw: true });
    for (const tileShape of [
      [1, 1],
      [2, 7],
      [13, 7],
      [6, 4],
      [64, 64],
    ] as [number, number][]) {
      const tiled = mvm(x, batch, mapped, { mode: 'tiled', tileShape, raw: true });
      for (let i = 0; i < ideal.length; i++)
        expect(Math.abs(tiled[i]! - ideal[i]!)).toBeLessThanOrEqual(2e-6 * mag[i]!);
    }
  });

  it('tiled ADC quantises each tile row × tile column partial sum of each input row, then adds them', () => {
    const tileShape: [number, number] = [5, 3];
    const adc = { bits: 5, overflowRate: 0.1, method: 'linear' as const };
    const got = mvm(x, batch, mapped, { mode: 'tiled', tileShape, adc, raw: true });
    const expected = new Float64Array(batch * cols);
    for (let b = 0; b < batch; b++)
      for (let r0 = 0; r0 < rows; r0 += 5)
        for (let c0 = 0; c0 < cols; c0 += 3) {
          const part = new Float32Array(3);
          for (let c = c0; c < Math.min(cols, c0 + 3); c++) {
            let s = 0;
            for (let k = r0; k < Math.min(rows, r0 + 5); k++) s += x[b * rows + k]! * Math.fround(geff[k * cols + c]!);
            part[c - c0] = s;
          }
          const q = quantize(part, adc);
          for (let c = c0; c < Math.min(cols, c0 + 3); c++)
            expected[b * cols + c] = expected[b * cols + c]! + q[c - c0]!;
        }
    const step = Math.max(...expected.map(Math.abs)) * 2 ** -4;
    expectClose(got, expected, { rtol: 0, atol: step, label: 'tiled ADC' });
    expect(maxAbsDiff(got, mvm(x, batch, mapped, { mode: 'tiled', tileShape, raw: true }))).toBeGreaterThan(0);
  });

  it('untiled ADC converts the whole batch × cols output at once', () => {
    const adc = { bits: 6 };
    const raw = mvm(x, batch, mapped, { mode: 'ideal', raw: true });
    expectClose(mvm(x, batch, mapped, { mode: 'ideal', adc, raw: true }), quantize(raw, adc), { rtol: 0, atol: 0 });
  });

  it('maxInputVoltage scales the inputs and the scale is undone on the outputs', () => {
    const big = x.map((v) => v * 10);
    const scaled = mvm(big, batch, mapped, { mode: 'ideal', maxInputVoltage: 0.5 });
    const plain = mvm(big, batch, mapped, { mode: 'ideal' });
    const wmag = absProduct(big, batch, w, rows, cols);
    for (let i = 0; i < plain.length; i++)
      expect(Math.abs(scaled[i]! - plain[i]!)).toBeLessThanOrEqual(2e-6 * wmag[i]!);
    let peak = 0;
    for (const v of big) peak = Math.max(peak, Math.abs(v));
    const raw = mvm(big, batch, mapped, { mode: 'ideal', maxInputVoltage: 0.5, raw: true });
    const expected = matmul64(
      big.map((v) => (v * 0.5) / peak),
      batch,
      geff,
      rows,
      cols,
    );
    for (let i = 0; i < raw.length; i++)
      expect(Math.abs(raw[i]! - expected[i]!)).toBeLessThanOrEqual((2e-6 * mag[i]! * 0.5 * 10) / peak);
  });

  it('the DAC quantises the voltages before the array', () => {
    const dac = { bits: 3, range: 1 };
    const got = mvm(x, batch, mapped, { mode: 'ideal', dac, raw: true });
    const expected = mvm(quantizeInput(x, dac), batch, mapped, { mode: 'ideal', raw: true });
    expectClose(got, expected, { rtol: 0, atol: 0 });
    expect(maxAbsDiff(got, mvm(x, batch, mapped, { mode: 'ideal', raw: true }))).toBeGreaterThan(0);
  });
});

describe('mvm, nonlinear lookup tables', () => {
  const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM });

  /** A table I_d(v) = g_d·f(v) per population slot. */
  function attach(m: MappedCrossbars, voltages: number[], f: (v: number) => number): void {
    for (const xbar of m.crossbars) {
      const g = new Float64Array(xbar.size);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) g[xbar.deviceIndex(r, c)] = xbar.conductance[r * cols + c]!;
      const currents = new Float64Array(xbar.size * voltages.length);
      for (let d = 0; d < xbar.size; d++)
        for (let s = 0; s < voltages.length; s++) currents[d * voltages.length + s] = g[d]! * f(voltages[s]!);
      xbar.setLookup({ kind: 'table', voltages: Float64Array.from(voltages), currents });
    }
  }

  it('a linear table reproduces the ideal output', () => {
    attach(mapped, [-1, -0.25, 0, 0.5, 1], (v) => v);
    const got = mvm(x, batch, mapped, { mode: 'nonlinear', raw: true });
    const ideal = mvm(x, batch, mapped, { mode: 'ideal', raw: true });
    const mag = absProduct(x, batch, effective(mapped), rows, cols);
    for (let i = 0; i < ideal.length; i++) expect(Math.abs(got[i]! - ideal[i]!)).toBeLessThanOrEqual(2e-6 * mag[i]!);
  });

  it('a table of v ≥ 0 only is extended by odd symmetry and interpolated linearly', () => {
    const vs = Array.from({ length: 401 }, (_, i) => i / 400);
    attach(mapped, vs, (v) => v * v * v);
    const got = mvm(x, batch, mapped, { mode: 'nonlinear', raw: true });
    const cubed = Float64Array.from(x, (v) => v * v * v);
    const expected = matmul64(cubed, batch, effective(mapped), rows, cols);
    const mag = absProduct(cubed, batch, effective(mapped), rows, cols);
    // Linear interpolation of v³ on a 1/400 grid: error ≤ (1/400)²/8·max|f''| = 6/8·(1/400)² per unit current.
    for (let i = 0; i < expected.length; i++)
      expect(Math.abs(got[i]! - expected[i]!)).toBeLessThanOrEqual(1e-5 * mag[i]! + 1e-9);
  });

  it.each([
    [{ voltages: Float64Array.from([0, 0]), currents: new Float64Array(0) }, /voltages\[1\]/],
    [{ voltages: Float64Array.from([0]), currents: new Float64Array(0) }, /at least 2/],
    [
      { voltages: Float64Array.from([0, 1]), currents: new Float64Array(3) },
      /spec\.currents` must be a Float64Array of devices × samples = 2 × 2/,
    ],
    [{ voltages: [0, 1], currents: new Float64Array(2) }, /spec\.voltages/],
  ])('setLookup rejects a bad table %#', (lookup, pattern) => {
    const m = initCrossbars({ rows: 2, cols: 1, data: [1, -1] }, { model: VTEAM });
    expect(() => m.crossbars[0]!.setLookup({ kind: 'table', ...lookup } as never)).toThrow(pattern);
    expect(m.crossbars[0]!.lookup).toBeNull();
  });

  it('setLookup rejects NaN currents, naming the entry', () => {
    const m = initCrossbars({ rows: 2, cols: 1, data: [1, -1] }, { model: VTEAM });
    expect(() =>
      m.crossbars[1]!.setLookup({
        kind: 'table',
        voltages: Float64Array.from([0, 1]),
        currents: Float64Array.from([0, 1, 0, Number.NaN]),
      }),
    ).toThrow(/spec\.currents\[3\]/);
  });
});

describe('mvm bad input', () => {
  const m = initCrossbars({ rows: 3, cols: 2, data: [1, -1, 0.5, 0.2, -0.3, 0] }, { model: VTEAM });
  const input = new Float32Array(6);

  it.each([
    [{ mode: 'analog' }, InvalidParameterError, /`mode`/],
    [{ mode: 'tiled' }, InvalidParameterError, /`tileShape`/],
    [{ mode: 'tiled', tileShape: [0, 2] }, InvalidParameterError, /`tileShape\[0\]` must be a positive integer/],
    [{ mode: 'ideal', tileShape: [-1, 2] }, InvalidParameterError, /`tileShape\[0\]` must be a positive integer/],
    [{ mode: 'ideal', tileShape: [2, 2] }, InvalidParameterError, /omitted in mode 'ideal'/],
    [{ mode: 'ideal', adc: { overflowRate: 0 } }, InvalidParameterError, /`adc\.bits`/],
    [{ mode: 'ideal', adc: { bits: 0 } }, InvalidParameterError, /`adc\.bits`/],
    [{ mode: 'ideal', adc: { bits: 8, overflowRate: 2 } }, InvalidParameterError, /`adc\.overflowRate`/],
    [{ mode: 'ideal', dac: { bits: 4 } }, InvalidParameterError, /`dac\.range`/],
    [{ mode: 'ideal', dac: { bits: 1, range: 1 } }, InvalidParameterError, /`dac\.bits` must be an integer >= 2/],
    [{ mode: 'ideal', maxInputVoltage: 0 }, InvalidParameterError, /`maxInputVoltage`/],
    [{ mode: 'ideal', raw: 1 }, InvalidParameterError, /`raw`/],
    [{ mode: 'ideal', adcBits: 8 }, InvalidParameterError, /unknown key/],
    [{ mode: 'ideal', lineResistance: 1 }, InvalidParameterError, /`lineResistance` must be omitted in mode 'ideal'/],
  ])('rejects options %j', (options, cls, pattern) => {
    expect(() => mvm(input, 2, m, options as never)).toThrow(cls);
    expect(() => mvm(input, 2, m, options as never)).toThrow(pattern);
  });

  it('rejects shape mismatches and NaN inputs', () => {
    expect(() => mvm(new Float32Array(5), 2, m, { mode: 'ideal' })).toThrow(ShapeMismatchError);
    expect(() => mvm(new Float32Array(6), 3, m, { mode: 'ideal' })).toThrow(/rows = word lines = inputs/);
    expect(() => mvm(Float32Array.from([0, 0, Number.NaN, 0, 0, 0]), 2, m, { mode: 'ideal' })).toThrow(/`input\[2\]`/);
    expect(() => mvm([0, 0, 0] as never, 1, m, { mode: 'ideal' })).toThrow(/`input`/);
    expect(() => mvm(input, 0, m, { mode: 'ideal' })).toThrow(/`batch`/);
  });

  it('rejects malformed targets', () => {
    expect(() => mvm(input, 2, { ...m, scheme: 'triple' } as never, { mode: 'ideal' })).toThrow(/target\.scheme/);
    expect(() => mvm(input, 2, { ...m, crossbars: m.crossbars.slice(0, 1) }, { mode: 'ideal' })).toThrow(
      ShapeMismatchError,
    );
    expect(() => mvm(input, 2, { ...m, gain: new Float64Array(1) }, { mode: 'ideal' })).toThrow(/target\.gain/);
    expect(() =>
      mvm(input, 2, { ...m, scheme: 'single-column', crossbars: m.crossbars.slice(0, 1) }, { mode: 'ideal' }),
    ).toThrow(/referenceConductance/);
  });

  it('does not mutate the input and reflects writes (version) immediately', () => {
    const mm = initCrossbars({ rows: 3, cols: 2, data: [1, -1, 0.5, 0.2, -0.3, 0] }, { model: VTEAM });
    const v = Float32Array.from([0.1, 0.2, 0.3]);
    const before = mvm(v, 1, mm, { mode: 'ideal', raw: true });
    expect(Array.from(v)).toEqual([Math.fround(0.1), Math.fround(0.2), Math.fround(0.3)]);
    mm.crossbars[0]!.write(new Float64Array(6).fill(5e-3));
    const after = mvm(v, 1, mm, { mode: 'ideal', raw: true });
    expect(maxAbsDiff(before, after)).toBeGreaterThan(1e-4);
  });
});

describe('mvm, passive mode', () => {
  it.each(['double-column', 'single-column'] as const)(
    '%s with zero wire resistance equals the ideal output',
    (scheme) => {
      for (const tileShape of [undefined, [5, 4]] as ([number, number] | undefined)[]) {
        const m = initCrossbars({ rows, cols, data: w }, { model: VTEAM, scheme, ...(tileShape ? { tileShape } : {}) });
        const ideal = mvm(x, batch, m, { mode: 'ideal', raw: true });
        const passive = mvm(x, batch, m, { mode: 'passive', sourceResistance: 0, lineResistance: 0, raw: true });
        const mag = absProduct(x, batch, m.crossbars[0]!.conductance, rows, cols);
        for (let i = 0; i < ideal.length; i++)
          expect(Math.abs(passive[i]! - ideal[i]!)).toBeLessThanOrEqual(1e-6 * mag[i]!);
      }
    },
  );

  it('line resistance lowers the currents, more for larger resistance', () => {
    const m = initCrossbars({ rows, cols, data: w.map(Math.abs) }, { model: VTEAM });
    const pos = Float32Array.from(x, Math.abs);
    const ideal = mvm(pos, batch, m, { mode: 'passive', sourceResistance: 0, lineResistance: 0, raw: true });
    const small = mvm(pos, batch, m, { mode: 'passive', sourceResistance: 1, lineResistance: 0.5, raw: true });
    const large = mvm(pos, batch, m, { mode: 'passive', sourceResistance: 10, lineResistance: 5, raw: true });
    const d1 = maxAbsDiff(small, ideal);
    const d2 = maxAbsDiff(large, ideal);
    expect(d1).toBeGreaterThan(0);
    expect(d2).toBeGreaterThan(d1);
  });

  it('word-line, bit-line and access resistances each change the result', () => {
    const m = initCrossbars({ rows, cols, data: w }, { model: VTEAM });
    const base = { mode: 'passive' as const, sourceResistance: 1, lineResistance: 1, raw: true };
    const y = mvm(x, batch, m, base);
    expect(maxAbsDiff(mvm(x, batch, m, { ...base, wordLineResistance: 3 }), y)).toBeGreaterThan(0);
    expect(maxAbsDiff(mvm(x, batch, m, { ...base, bitLineResistance: 3 }), y)).toBeGreaterThan(0);
    expect(maxAbsDiff(mvm(x, batch, m, { ...base, accessResistance: 10 }), y)).toBeGreaterThan(0);
  });

  it('needs both resistances and the crossbars own tile partition', () => {
    const m = initCrossbars({ rows: 2, cols: 1, data: [1, -1] }, { model: VTEAM });
    const v = new Float32Array(2);
    expect(() => mvm(v, 1, m, { mode: 'passive', lineResistance: 1 })).toThrow(/`sourceResistance`/);
    expect(() => mvm(v, 1, m, { mode: 'passive', sourceResistance: 1, lineResistance: -1 })).toThrow(
      /`lineResistance`/,
    );
    expect(() => mvm(v, 1, m, { mode: 'passive', sourceResistance: 1, lineResistance: 1, tileShape: [1, 1] })).toThrow(
      /`tileShape`/,
    );
  });
});
