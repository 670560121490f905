import { InvalidParameterError, createRng } from '@memsim/core';
import { DataDriven, DataDriven2021, LinearIonDrift, StanfordPKU, VTEAM, conductanceRange } from '@memsim/devices';
import type { DeviceModel } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { Crossbar, program } from '../../src/index';

/** Random targets in 10–90 % of each device's own range. */
function targets(x: Crossbar, seed: number): Float64Array {
  const { gMin, gMax } = conductanceRange(x.population);
  const rng = createRng(seed);
  return Float64Array.from({ length: x.rows * x.cols }, (_, cell) => {
    const d = x.deviceIndex(Math.floor(cell / x.cols), cell % x.cols);
    return gMin[d]! + (0.1 + 0.8 * rng.uniform()) * (gMax[d]! - gMin[d]!);
  });
}

const models: [string, DeviceModel<any>, object][] = [
  ['LinearIonDrift (half-select on)', LinearIonDrift, {}],
  ['VTEAM (half-select off)', VTEAM, { halfSelect: false }],
  // V/2 below VTEAM's thresholds in both directions: |−0.15| < |vOn| = 0.2 and 0.015 < vOff = 0.02.
  ['VTEAM (half-select, V/2-safe voltages)', VTEAM, { setVoltage: 0.3, resetVoltage: 0.03 }],
];
// DataDriven2021 moves R only towards r_p(v) / r_n(v): at ±1 V these stop short of 1/rOn and 1/rOff, so ±2 V.
models.push([
  'DataDriven2021 (half-select off, ±2 V)',
  DataDriven2021,
  { halfSelect: false, setVoltage: 2, resetVoltage: 2 },
]);
// Same limitation for DataDriven (2018) at ±1 V, and StanfordPKU's gap does not reach its bounds at ±1 V.
models.push(['DataDriven (half-select off, ±2 V)', DataDriven, { halfSelect: false, setVoltage: 2, resetVoltage: 2 }]);
models.push([
  'StanfordPKU (half-select off, ±1.5 V)',
  StanfordPKU,
  { halfSelect: false, setVoltage: 1.5, resetVoltage: 1.5 },
]);

describe('program', () => {
  it.each(models.map((m, i) => [m[0], i] as [string, number]))('%s reaches 1 %% on every device', (_name, index) => {
    const [, model, options] = models[index]!;
    const x = new Crossbar({ model, rows: 6, cols: 5 });
    const t = targets(x, 2);
    const report = program(x, t, { relTol: 0.01, ...options });
    expect(report.converged).toBe(true);
    expect(report.failed).toHaveLength(0);
    for (let i = 0; i < t.length; i++) expect(Math.abs(x.conductance[i]! - t[i]!) / t[i]!).toBeLessThanOrEqual(0.01);
    expect(report.maxError).toBeLessThanOrEqual(0.01);
    expect(report.iterations).toBeLessThan(1000);
    expect(x.version).toBeGreaterThan(0);
  });

  it('uses the model polarity: VTEAM is SET by negative pulses', () => {
    expect(VTEAM.polarity).toBe(-1);
    const x = new Crossbar({ model: VTEAM, rows: 1, cols: 1 });
    const start = x.conductance[0]!;
    const report = program(x, [start * 3], { halfSelect: false, maxIterations: 1 });
    expect(report.iterations).toBe(1);
    expect(x.conductance[0]).toBeGreaterThan(start);
  });

  it.each([
    [1.0, false],
    [1.2, true],
  ])(
    'half-select: setVoltage %s V disturbs the row and column only when V/2 crosses the 0.55 V threshold (%s)',
    (v, disturbs) => {
      const x = new Crossbar({ model: LinearIonDrift, rows: 3, cols: 3 });
      const before = x.conductance.slice();
      const t = before.slice();
      const { gMin, gMax } = conductanceRange(x.population);
      t[0] = (gMin[0]! + gMax[0]!) / 2;
      program(x, t, { maxIterations: 1, setVoltage: v });
      expect(x.conductance[0]).toBeGreaterThan(before[0]!);
      for (const cell of [1, 2, 3, 6]) {
        if (disturbs) expect(x.conductance[cell]).toBeGreaterThan(before[cell]!);
        else expect(x.conductance[cell]).toBe(before[cell]);
      }
      for (const cell of [4, 5, 7, 8]) expect(x.conductance[cell]).toBe(before[cell]);
    },
  );

  it('half-select stays inside the tile', () => {
    const x = new Crossbar({ model: LinearIonDrift, rows: 4, cols: 4, tileShape: [2, 2] });
    const before = x.conductance.slice();
    const t = before.slice();
    t[0] = 5e-3;
    program(x, t, { maxIterations: 1, setVoltage: 1.2 });
    expect(x.conductance[1]).toBeGreaterThan(before[1]!); // same tile row
    expect(x.conductance[2]).toBe(before[2]); // same word line, next tile
    expect(x.conductance[8]).toBe(before[8]); // same bit line, next tile
  });

  it('reports failures instead of hanging, never moves stuck devices, counts clamped targets', () => {
    const x = new Crossbar({ model: LinearIonDrift, rows: 2, cols: 2 });
    x.markStuck([3]);
    const stuckBefore = x.conductance[3]!;
    const report = program(x, [5e-3, 5e-3, 1, 5e-3], { maxIterations: 2 });
    expect(report.converged).toBe(false);
    expect(report.iterations).toBe(2);
    expect(Array.from(report.failed)).toEqual([0, 1, 2]);
    expect(report.clamped).toBe(1);
    expect(x.conductance[3]).toBe(stuckBefore);
    expect(report.error).toHaveLength(4);
  });

  it('gives up a device that stops moving after stallLimit pulses (0.5 V is below the 0.55 V threshold)', () => {
    const x = new Crossbar({ model: LinearIonDrift, rows: 1, cols: 2 });
    const before = x.conductance.slice();
    const report = program(x, [before[0]! * 4, before[1]!], { setVoltage: 0.5, stallLimit: 7 });
    expect(report.converged).toBe(false);
    expect(Array.from(report.failed)).toEqual([0]);
    expect(report.pulses).toBe(7);
    expect(x.conductance[0]).toBe(before[0]);
  });

  it('pulseDuration, relTol, maxGrowth and maxHalvings change the run', () => {
    const run = (options: object) => {
      const x = new Crossbar({ model: LinearIonDrift, rows: 3, cols: 3 });
      return program(x, targets(x, 5), options).iterations;
    };
    const base = run({});
    expect(run({ pulseDuration: 1e-5 })).toBeGreaterThan(base); // slow LinearIonDrift: short pulses must grow first
    expect(run({ relTol: 0.2 })).toBeLessThan(base);
    expect(run({ maxGrowth: 0, maxIterations: 200 })).toBe(200); // 1 ms pulses cannot cross the HRS in time
    expect(run({ maxHalvings: 1, maxIterations: 200 })).toBe(200); // too coarse to land within 1 %
  });

  it.each([
    [{ relTol: 0 }, /`relTol`/],
    [{ maxIterations: 0 }, /`maxIterations`/],
    [{ setVoltage: -1 }, /`setVoltage`/],
    [{ pulseDuration: Number.NaN }, /`pulseDuration`/],
    [{ halfSelect: 'yes' }, /`halfSelect`/],
    [{ relTolerance: 0.1 }, /unknown key/],
  ])('rejects %j', (options, pattern) => {
    const x = new Crossbar({ model: LinearIonDrift, rows: 1, cols: 1 });
    expect(() => program(x, [1e-3], options as never)).toThrow(InvalidParameterError);
    expect(() => program(x, [1e-3], options as never)).toThrow(pattern);
  });

  it('rejects a non-crossbar and a wrong-sized target', () => {
    expect(() => program({} as never, [1])).toThrow(/`crossbar`/);
    const x = new Crossbar({ model: LinearIonDrift, rows: 1, cols: 2 });
    expect(() => program(x, [1e-3])).toThrow(/`G`/);
  });
});
