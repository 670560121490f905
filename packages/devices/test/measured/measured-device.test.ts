import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { Memristor, createPopulation, measuredDevice } from '../../src/index';
import { PULSES, SET_PULSES, curveStats, curvesToCsv, vteamCurves } from './vteam-pulse-trains';

const cycles = 400;
// 400 cycles: the data's own mean then carries < 1 % sampling error where the curves spread most.
const curves = vteamCurves(cycles, 0.1, 1);
const csv = curvesToCsv(curves, cycles);
const data = curveStats(curves, cycles);

/** Pulse trains of the fitted model on `n` devices: same protocol as the data. */
function simulate(device: ReturnType<typeof measuredDevice>, n: number, seed: number): Float64Array {
  const pop = createPopulation(device.model, n, device.params, { seed });
  const out = new Float64Array(n * (PULSES + 1));
  const g = new Float64Array(n);
  const width = device.model.defaults.pulseWidth;
  const v = 1.5 * device.model.defaults.vThreshold;
  for (let k = 0; k <= PULSES; k++) {
    if (k > 0) pop.model.step(pop, k <= SET_PULSES ? v : -v, width);
    pop.model.conductance(pop, g);
    for (let d = 0; d < n; d++) out[d * (PULSES + 1) + k] = g[d]!;
  }
  return out;
}

describe('measuredDevice', () => {
  it('from VTEAM pulse trains: simulated trains reproduce the mean curve within 2 % and the spread within 10 %', () => {
    const device = measuredDevice(csv, { file: 'vteam.csv' });
    expect(device.cycles).toBe(cycles);
    expect(device.pulses).toBe(cycles * PULSES);
    expect(device.spread.set).toBeGreaterThan(0.05);
    const n = 8000;
    const sim = curveStats(simulate(device, n, 2), n);
    let worst = 0;
    for (let k = 0; k <= PULSES; k++) worst = Math.max(worst, Math.abs(sim.mean[k]! - data.mean[k]!) / data.mean[k]!);
    expect(worst).toBeLessThan(0.02);
    const rms = (s: Float64Array) => Math.sqrt(s.reduce((a, b) => a + b * b, 0) / s.length);
    expect(Math.abs(rms(sim.std) / rms(data.std) - 1)).toBeLessThan(0.1);
    // Separately over the SET and the RESET half.
    for (const [a, b] of [
      [1, SET_PULSES],
      [SET_PULSES + 1, PULSES],
    ] as const)
      expect(Math.abs(rms(sim.std.subarray(a, b + 1)) / rms(data.std.subarray(a, b + 1)) - 1)).toBeLessThan(0.1);
  });

  it('is a DeviceModel: a Memristor steps and reads it, parameters validate', () => {
    const device = measuredDevice(csv, { spread: false });
    expect(device.params.setScale).toBe(1);
    const m = new Memristor(device.model);
    expect(m.conductance).toBeCloseTo(data.mean[0]!, 12);
    expect(() => device.model.validate({ rOn: -1 })).toThrow(InvalidParameterError);
    expect(() => device.model.validate({ bogus: 1 } as never)).toThrow(/bogus/);
  });

  it.each([
    ['a missing column', 'cycle,pulse,conductance\n1,0,1e-3\n', /vteam\.csv, line 1.*missing column `polarity`/],
    [
      'non-monotone pulse numbers',
      'cycle,pulse,polarity,conductance\n1,0,0,1e-3\n1,2,1,2e-3\n1,1,1,3e-3\n2,0,0,1e-3\n',
      /vteam\.csv, line 4.*`pulse`.*increase/,
    ],
    [
      'a negative conductance',
      'cycle,pulse,polarity,conductance\n1,0,0,1e-3\n1,1,1,-2e-3\n',
      /vteam\.csv, line 3.*`conductance`/,
    ],
    [
      'a single cycle where spread is asked',
      'cycle,pulse,polarity,conductance\n1,0,0,1e-3\n1,1,1,2e-3\n1,2,-1,1.5e-3\n',
      /vteam\.csv, line 4.*at least 2 different cycles/,
    ],
    [
      'a non-numeric value',
      'cycle,pulse,polarity,conductance\n1,0,0,abc\n',
      /vteam\.csv, line 2.*`conductance`.*"abc"|vteam\.csv, line 2.*conductance/,
    ],
    ['malformed CSV', 'cycle,pulse,polarity,conductance\n1,0,0,1e-3,5\n', /vteam\.csv, line 2.*malformed CSV/],
    ['a bad polarity', 'cycle,pulse,polarity,conductance\n1,0,2,1e-3\n', /vteam\.csv, line 2.*`polarity`/],
  ])('rejects %s with an error naming the file and line', (_name, text, pattern) => {
    expect(() => measuredDevice(text, { file: 'vteam.csv' })).toThrow(InvalidParameterError);
    expect(() => measuredDevice(text, { file: 'vteam.csv' })).toThrow(pattern);
  });

  it('a single cycle fits without spread when asked; rows work like CSV', () => {
    const rows = [
      { cycle: 1, pulse: 0, polarity: 0, conductance: 1e-3 },
      { cycle: 1, pulse: 1, polarity: 1, conductance: 2e-3 },
      { cycle: 1, pulse: 2, polarity: 1, conductance: 3e-3 },
      { cycle: 1, pulse: 3, polarity: -1, conductance: 2.5e-3 },
      { cycle: 1, pulse: 5, polarity: -1, conductance: 1.5e-3 },
    ];
    const d = measuredDevice(rows, { spread: false });
    // Rates per pulse (a gap of 2 pulses halves the change); steps onto the extreme readings are left out.
    expect(Array.from(d.table.setStep)).toEqual([1e-3]);
    expect(d.table.resetStep[0]).toBeCloseTo(-5e-4, 15);
    expect(d.pulses).toBe(5);
    expect(() => measuredDevice(rows)).toThrow(/line 5/);
  });
});
