import { describe, expect, it } from 'vitest';
import { DataDriven2021, hysteresisLoop, LinearIonDrift, Memristor, VTEAM } from '../../src/index';
import { MODEL_ROWS } from './all-models';

describe('pinched hysteresis: I = 0 whenever V = 0', () => {
  it.each(MODEL_ROWS)('%s', (_name, model) => {
    const m = new Memristor(model as typeof VTEAM);
    const amplitude = model.hysteresisDefaults.amplitude;
    const v: number[] = [];
    for (let k = 0; k < 40; k++) v.push(amplitude * Math.sin(k / 3), 0);
    const current = m.simulate(v, { returnCurrent: true });
    for (let k = 1; k < v.length; k += 2) expect(Math.abs(current[k]!)).toBe(0);
    expect(current.some((i) => i !== 0)).toBe(true);
    // And the default sweep starts at V = 0 with I = 0.
    expect(m.current(0)).toBe(0);
  });
});

/** Sum of the two lobe areas |∫ I dV| over the positive and the negative half period (trapezoid rule) [W]. */
function loopArea(voltage: Float64Array, current: Float64Array): number {
  const half = Math.floor((voltage.length - 1) / 2);
  const lobe = (from: number, to: number) => {
    let a = 0;
    for (let k = from + 1; k <= to; k++) a += 0.5 * (current[k]! + current[k - 1]!) * (voltage[k]! - voltage[k - 1]!);
    return Math.abs(a);
  };
  return lobe(0, half) + lobe(half, voltage.length - 1);
}

describe('loop area shrinks as frequency rises', () => {
  it.each([
    // Away from saturation (a device driven onto a bound has a linear I-V and no loop).
    ['LinearIonDrift (Biolek)', LinearIonDrift, 1 / 8000, 50, 5],
    ['VTEAM', VTEAM, 1 / 600, 50e6, 0.15],
    ['DataDriven2021', DataDriven2021, 1 / 2300, 1e6, 1.5],
  ] as const)('%s', (_name, model, conductance, f0, amplitude) => {
    const areas = [1, 4, 16].map((k) => {
      const m = new Memristor(model as typeof VTEAM);
      m.setConductance(conductance);
      const frequency = f0 * k;
      // One period, 2000 samples per period whatever the frequency.
      const { voltage, current } = hysteresisLoop(m, {
        frequency,
        amplitude,
        duration: 1 / frequency,
        dt: 1 / frequency / 2000,
      });
      return loopArea(voltage, current);
    });
    expect(areas[0]!).toBeGreaterThan(0);
    expect(areas[1]!).toBeLessThan(areas[0]! / 2);
    expect(areas[2]!).toBeLessThan(areas[1]! / 2);
  });
});

describe('polarity: a pulse of the sign model.polarity raises conductance', () => {
  it.each(MODEL_ROWS)('%s', (_name, model) => {
    const m = new Memristor(model as typeof VTEAM);
    const { gMin, gMax } = m.range;
    m.setConductance(Math.sqrt(gMin * gMax));
    const g0 = m.conductance;
    const amplitude = model.name === 'DataDriven2021' ? 1.5 : model.hysteresisDefaults.amplitude;
    m.simulate(new Float64Array(50).fill(model.polarity * amplitude));
    expect(m.conductance).toBeGreaterThan(g0);
  });
});
