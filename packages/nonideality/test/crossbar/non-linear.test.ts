import { InvalidParameterError, createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { mvm } from '@memsim/crossbar';
import type { Crossbar, MappedCrossbars } from '@memsim/crossbar';
import { DataDriven, Memristor, VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { deviceFaults, nonLinear } from '../../src/index';
import { makeCrossbar, readDevices } from './make-crossbar';

/** One crossbar as a single-column target with g_m = 0 and unit gain, so `raw` outputs are Σ_k I_kj. */
function asTarget(xbar: Crossbar): MappedCrossbars {
  return {
    scheme: 'single-column',
    crossbars: [xbar],
    gain: new Float64Array(xbar.cols).fill(1),
    referenceConductance: 0,
    rows: xbar.rows,
    cols: xbar.cols,
    writeReports: [],
  };
}

function randomInput(batch: number, rows: number, amplitude: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: batch * rows }, () => Math.fround((2 * rng.uniform() - 1) * amplitude));
}

/** Σ_k g_kj·v_k in float64. */
function linear(xbar: Crossbar, x: Float32Array, batch: number): Float64Array {
  const out = new Float64Array(batch * xbar.cols);
  for (let b = 0; b < batch; b++)
    for (let r = 0; r < xbar.rows; r++)
      for (let c = 0; c < xbar.cols; c++)
        out[b * xbar.cols + c]! += xbar.conductance[r * xbar.cols + c]! * x[b * xbar.rows + r]!;
  return out;
}

describe('nonLinear', () => {
  it("'lookup' on a linear device (VTEAM below its thresholds): the table is g·V and the MVM equals g·V", () => {
    const xbar = makeCrossbar({ rows: 9, cols: 6, tileShape: [4, 4] });
    const report = nonLinear(xbar, { sweepDuration: 5e-9, sweepAmplitude: 0.015, sweepFrequency: 50e6 });
    expect(report.samples).toBe(51);
    const { voltages, currents } = xbar.lookup!;
    expect(voltages[0]).toBe(0);
    expectClose(voltages[50]!, 0.015, { rtol: 1e-15 });
    const g = readDevices(xbar);
    for (let d = 0; d < xbar.population.size; d++)
      for (let s = 0; s < 51; s++)
        expectClose(currents[d * 51 + s]!, g[d]! * voltages[s]!, { rtol: 1e-12, atol: 1e-20 });
    const x = randomInput(3, 9, 0.015, 1);
    const got = mvm(x, 3, asTarget(xbar), { mode: 'nonlinear', raw: true });
    expectClose(got, linear(xbar, x, 3), { rtol: 1e-6, atol: 1e-12, label: 'nonlinear MVM vs g·V' });
  });

  it("'lookup' applies the amplitude and matches a per-device scalar simulation of the same sweep (DataDriven)", () => {
    const xbar = makeCrossbar({ rows: 3, cols: 4, model: DataDriven });
    const [A, f, T] = [0.5, 1e5, 5e-6];
    const dt = xbar.population.params.timeSeriesResolution as number;
    const report = nonLinear(xbar, { sweepDuration: T, sweepAmplitude: A, sweepFrequency: f });
    const { voltages, currents } = xbar.lookup!;
    const last = Math.round(2.5e-6 / dt); // quarter period
    const sweep = Array.from({ length: last + 1 }, (_, k) => A * Math.cos(2 * Math.PI * f * k * dt));
    expect(report.samples).toBe(last + 1);
    const g = readDevices(xbar);
    for (let d = 0; d < xbar.population.size; d++) {
      const m = new Memristor(DataDriven);
      m.setConductance(g[d]!);
      const i = m.simulate(sweep, { returnCurrent: true });
      for (let k = 0; k < last; k++)
        expectClose(currents[d * report.samples + (report.samples - 1 - k)]!, i[k]!, {
          rtol: 1e-12,
          label: `device ${d} sample ${k}`,
        });
    }
    expectClose(voltages[report.samples - 1]!, A, { rtol: 1e-15 });
    // the device itself was not touched by the sweep
    expect(Array.from(readDevices(xbar))).toEqual(Array.from(g));
    // MVM interpolates the table, with odd symmetry for negative inputs
    const x = randomInput(2, 3, A, 5);
    const want = new Float64Array(2 * 4);
    for (let b = 0; b < 2; b++)
      for (let r = 0; r < 3; r++) {
        const v = Math.abs(x[b * 3 + r]!);
        const s = voltages.findIndex((u) => u >= v);
        const lo = Math.max(0, s - 1);
        const t = (v - voltages[lo]!) / (voltages[lo + 1]! - voltages[lo]!);
        for (let c = 0; c < 4; c++) {
          const o = (r * 4 + c) * report.samples + lo;
          want[b * 4 + c]! += Math.sign(x[b * 3 + r]!) * (currents[o]! + t * (currents[o + 1]! - currents[o]!));
        }
      }
    expectClose(mvm(x, 2, asTarget(xbar), { mode: 'nonlinear', raw: true }), want, { rtol: 1e-5, atol: 1e-9 });
  });

  it("'simulate' on a sinh I-V device: the MVM differs from g·V by exactly what the I-V curve predicts, and g is untouched", () => {
    const xbar = makeCrossbar({ rows: 5, cols: 3, model: DataDriven });
    nonLinear(xbar, { sweepDuration: 5e-6, sweepAmplitude: 0.5, sweepFrequency: 1e5 });
    expect(xbar.lookup).not.toBeNull();
    nonLinear(xbar, { mode: 'simulate' });
    expect(xbar.lookup).toBeNull();
    const g = xbar.conductance.slice();
    const p = xbar.population.params as Record<string, number>;
    const x = randomInput(4, 5, 0.8, 2);
    const got = mvm(x, 4, asTarget(xbar), { mode: 'nonlinear', raw: true });
    const ideal = linear(xbar, x, 4);
    // I = a·g·sinh(b·v) (Messaris et al. 2018), so I − g·v = g·(a·sinh(b·v) − v)
    const excess = new Float64Array(4 * 3);
    for (let b = 0; b < 4; b++)
      for (let r = 0; r < 5; r++) {
        const v = x[b * 5 + r]!;
        const [a, k] = v > 0 ? [p.aP!, p.bP!] : [p.aN!, p.bN!];
        for (let c = 0; c < 3; c++) excess[b * 3 + c]! += g[r * 3 + c]! * (a * Math.sinh(k * v) - v);
      }
    expectClose(
      got.map((o, i) => o - ideal[i]!),
      excess,
      { rtol: 1e-5, atol: 1e-9 },
    );
    expect(Math.max(...excess.map(Math.abs))).toBeGreaterThan(0.05 * Math.max(...ideal.map(Math.abs))); // clearly non-linear
    expect(Array.from(xbar.conductance)).toEqual(Array.from(g));
  });

  it('the table follows later changes of the devices', () => {
    const xbar = makeCrossbar({ rows: 4, cols: 4 });
    nonLinear(xbar, { sweepDuration: 5e-9, sweepAmplitude: 0.01, sweepFrequency: 50e6 });
    const report = deviceFaults(xbar, { hrsProportion: 0.5, seed: 3 });
    const { voltages, currents } = xbar.lookup!;
    const s = voltages.length - 1;
    for (const cell of report.hrs)
      expectClose(currents[xbar.deviceIndex(cell >> 2, cell & 3) * voltages.length + s]!, 1e-3 * voltages[s]!, {
        rtol: 1e-12,
      });
  });

  it.each([
    [{ mode: 'table' }, /mode/],
    [{ sweepAmplitude: 1, sweepFrequency: 50e6 }, /sweepDuration/],
    [{ sweepDuration: 5e-9, sweepAmplitude: -1, sweepFrequency: 50e6 }, /sweepAmplitude/],
    [{ sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: Number.NaN }, /sweepFrequency/],
    [{ sweepDuration: 2, sweepAmplitude: 1, sweepFrequency: 0.5 }, /quarter period/],
    [{ sweepDuration: 5e-9, sweepAmplitude: 1, sweepFrequency: 50e6, timestep: 1e-10 }, /unknown key/],
  ])('rejects %o', (options, pattern) => {
    expect(() => nonLinear(makeCrossbar({ model: VTEAM }), options as never)).toThrow(InvalidParameterError);
    expect(() => nonLinear(makeCrossbar({ model: VTEAM }), options as never)).toThrow(pattern);
  });
});
