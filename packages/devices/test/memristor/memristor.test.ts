import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  bipolarSwitching,
  createPopulation,
  hysteresisLoop,
  LinearIonDrift,
  Memristor,
  normal,
  VTEAM,
} from '../../src/index';

describe('Memristor facade', () => {
  it('is a population of one: simulate equals stepping the population by hand', () => {
    const voltages = [1, 1, -0.5, 0, -1, 0.3];
    const m = new Memristor(VTEAM);
    const current = m.simulate(voltages, { returnCurrent: true });
    const pop = createPopulation(VTEAM, 1);
    const out = new Float64Array(1);
    voltages.forEach((v, k) => {
      VTEAM.step(pop, v, VTEAM.defaults.timeSeriesResolution);
      VTEAM.current(pop, v, out);
      expect(current[k]).toBe(out[0]);
    });
    expect(m.state).toBe(pop.state[0]);
  });

  it('returns undefined without returnCurrent and accepts a scalar voltage', () => {
    const m = new Memristor(VTEAM);
    expect(m.simulate(1)).toBeUndefined();
    expect(m.simulate(1, { returnCurrent: true })).toHaveLength(1);
  });

  it('resistance is 1/conductance; setConductance sets it', () => {
    const m = new Memristor(LinearIonDrift);
    m.setConductance(1e-3);
    expect(m.conductance).toBeCloseTo(1e-3, 15);
    expect(m.resistance).toBeCloseTo(1000, 9);
  });

  it('the dt option changes the result', () => {
    const a = new Memristor(VTEAM);
    const b = new Memristor(VTEAM);
    a.simulate([0.5]);
    b.simulate([0.5], { dt: 2e-10 });
    expect(b.state).toBeCloseTo(2 * a.state, 25);
  });

  it('draws stochastic parameters once with a seed', () => {
    expect(() => new Memristor(VTEAM, { rOn: normal({ mean: 50, std: 5 }) })).toThrow(InvalidParameterError);
    const a = new Memristor(VTEAM, { rOn: normal({ mean: 50, std: 5 }) }, { seed: 7 });
    const b = new Memristor(VTEAM, { rOn: normal({ mean: 50, std: 5 }) }, { seed: 7 });
    expect(a.range.gMax).toBe(b.range.gMax);
    expect(a.range.gMax).not.toBe(1 / 50);
  });

  it('fromPopulation wraps a population of one', () => {
    const pop = createPopulation(VTEAM, 1);
    const m = Memristor.fromPopulation(pop);
    m.simulate([-1]);
    expect(pop.state[0]).toBe(m.state);
    expect(() => Memristor.fromPopulation(createPopulation(VTEAM, 2))).toThrow(/`pop.size` must be 1/);
  });
});

describe('sweeps leave the device untouched and use the model defaults', () => {
  it('hysteresisLoop and bipolarSwitching', () => {
    const m = new Memristor(VTEAM);
    m.setConductance(1 / 300);
    const before = m.state;
    const loop = hysteresisLoop(m);
    expect(loop.time).toHaveLength(2001);
    expect(loop.voltage).toHaveLength(2001);
    expect(bipolarSwitching(m).voltage).toHaveLength(201);
    expect(m.state).toBe(before);
  });

  it('options change the sweep', () => {
    expect(hysteresisLoop(VTEAM, { duration: 100e-9 }).voltage).toHaveLength(1001);
    expect(Math.max(...hysteresisLoop(VTEAM, { amplitude: 0.5 }).voltage)).toBeCloseTo(0.5, 12);
    expect(bipolarSwitching(VTEAM, { frequency: 100e6 }).voltage).toHaveLength(101);
    expect(bipolarSwitching(VTEAM, { dt: 2e-10 }).voltage).toHaveLength(101);
  });

  it('rejects bad options and devices', () => {
    expect(() => hysteresisLoop(VTEAM, { frequency: -1 })).toThrow(/`frequency`/);
    expect(() => hysteresisLoop(VTEAM, { period: 1 } as never)).toThrow(InvalidParameterError);
    expect(() => bipolarSwitching({} as never)).toThrow(/`device`/);
  });
});

describe('null is bad input, never "not given" (issue 18)', () => {
  it.each([null, undefined, {}, 'abc', true])('simulate(%o) is a typed error naming voltages', (v) => {
    const m = new Memristor(VTEAM);
    expect(() => m.simulate(v as never)).toThrow(/`voltages`/);
    expect(() => m.simulate(v as never)).toThrow(InvalidParameterError);
  });
  it('simulate(v, { returnCurrent: null }) is rejected, not taken as false', () => {
    expect(() => new Memristor(VTEAM).simulate([0.1], { returnCurrent: null as never })).toThrow(/`returnCurrent`/);
  });
  it('createPopulation(VTEAM, 2, {}, { resampleThreshold: null }) is rejected, not taken as 5', () => {
    expect(() => createPopulation(VTEAM, 2, {}, { resampleThreshold: null as never })).toThrow(/`resampleThreshold`/);
  });
  it('integers above 2^53 are rejected', () => {
    expect(() => createPopulation(VTEAM, 2 ** 60)).toThrow(InvalidParameterError);
  });
});
