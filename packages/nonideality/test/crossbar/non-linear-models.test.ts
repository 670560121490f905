import { expectClose } from '@memsim/core/testing';
import type { CrossbarOptions } from '@memsim/crossbar';
import { DataDriven, DataDriven2021, LinearIonDrift, Memristor, StanfordPKU, VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { nonLinear } from '../../src/index';
import { makeCrossbar, readDevices } from './make-crossbar';

describe.each([
  ['VTEAM', VTEAM],
  ['LinearIonDrift', LinearIonDrift],
  ['DataDriven', DataDriven],
  ['DataDriven2021', DataDriven2021],
  ['StanfordPKU', StanfordPKU],
] as const)("nonLinear 'lookup' on %s", (_name, model) => {
  it('equals a scalar Memristor simulation of the same sweep for every device, and leaves the devices untouched', () => {
    const xbar = makeCrossbar({ rows: 3, cols: 5, tileShape: [2, 4], model, seed: 4 });
    const { amplitude, frequency } = model.hysteresisDefaults;
    const quarter = 1 / (4 * frequency);
    const dt = quarter / 50;
    const stateBefore = xbar.population.state.slice();
    const report = nonLinear(xbar, {
      sweepDuration: quarter,
      sweepAmplitude: amplitude,
      sweepFrequency: frequency,
      timeStep: dt,
    });
    expect(report.samples).toBe(51);
    expect(Array.from(xbar.population.state)).toEqual(Array.from(stateBefore));
    const { voltages, currents } = xbar.lookup!;
    for (let s = 1; s < voltages.length; s++) expect(voltages[s]! > voltages[s - 1]!).toBe(true);
    const sweep = Array.from({ length: 51 }, (_, k) =>
      k === 50 ? 0 : amplitude * Math.cos(2 * Math.PI * frequency * k * dt),
    );
    const g = readDevices(xbar);
    for (let d = 0; d < xbar.population.size; d++) {
      const m = new Memristor(model as CrossbarOptions['model']);
      m.setConductance(g[d]!);
      const i = m.simulate(sweep, { returnCurrent: true, dt });
      const row = Array.from({ length: 51 }, (_, k) => currents[d * 51 + 50 - k]!);
      expectClose(row, i, { rtol: 1e-9, atol: 1e-15, label: `${model.name} device ${d}` });
    }
  });
});
