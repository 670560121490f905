import { createRng } from '@memsim/core';
import { VTEAM, conductanceRange, createPopulation, measuredDevice, normal } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { Crossbar, initCrossbars, program } from '../../src/index';

/** A measurement: VTEAM pulse trains (100 SET, 100 RESET pulses per cycle) with 10 % cycle-to-cycle spread, as CSV. */
function measuredCsv(cycles: number): string {
  const pop = createPopulation(
    VTEAM,
    cycles,
    { kOn: normal({ mean: -10, std: 1 }), kOff: normal({ mean: 5e-4, std: 5e-5 }), xOn: 3e-9 },
    { seed: 1 },
  );
  const g = new Float64Array(cycles);
  const lines = ['cycle,pulse,polarity,conductance'];
  for (let k = 0; k <= 200; k++) {
    if (k > 0) pop.model.step(pop, k <= 100 ? -0.25 : 1, k <= 100 ? 2e-10 : 1.2e-9);
    pop.model.conductance(pop, g);
    for (let c = 0; c < cycles; c++) lines.push(`${c},${k},${k === 0 ? 0 : k <= 100 ? 1 : -1},${g[c]}`);
  }
  return lines.join('\n');
}

describe('write-verify programming with a measured device model', () => {
  const device = measuredDevice(measuredCsv(50), { file: 'vteam.csv' });

  it('converges on a 64×64 crossbar (1 % tolerance, half-select on, cycle-to-cycle spread per device)', () => {
    const xbar = new Crossbar({ model: device.model, params: device.params, rows: 64, cols: 64, seed: 2 });
    const { gMin, gMax } = conductanceRange(xbar.population);
    const rng = createRng(3);
    const target = Float64Array.from(
      { length: 64 * 64 },
      (_, d) => gMin[d]! + (0.1 + 0.8 * rng.uniform()) * (gMax[d]! - gMin[d]!),
    );
    const report = program(xbar, target);
    expect(report.converged).toBe(true);
    expect(report.maxError).toBeLessThanOrEqual(0.01);
    for (let i = 0; i < target.length; i += 97)
      expect(Math.abs(xbar.conductance[i]! / target[i]! - 1)).toBeLessThanOrEqual(0.01);
  });

  it('initCrossbars programs weights onto it with pulses (0T1R)', () => {
    const w = new Float64Array(16 * 8);
    createRng(4).fillUniform(w, -1, 1);
    const mapped = initCrossbars(
      { rows: 16, cols: 8, data: w },
      { model: device.model, params: device.params, transistor: false, rng: createRng(5) },
    );
    for (const r of mapped.writeReports) expect(r.programming?.converged).toBe(true);
  });
});
