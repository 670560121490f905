import { Buffer } from 'node:buffer';
import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  clonePopulation,
  conductanceRange,
  createPopulation,
  createRng,
  LinearIonDrift,
  meanParameter,
  normal,
  populationFromJSON,
  populationToJSON,
  setPopulationParameter,
  uniform,
  VTEAM,
} from '../../src/index';

describe('createPopulation', () => {
  it('stores fixed parameters as numbers and stochastic ones as per-device arrays', () => {
    const pop = createPopulation(VTEAM, 1000, { rOn: normal({ mean: 50, std: 5, min: 1 }), rOff: 2000 }, { seed: 3 });
    expect(pop.size).toBe(1000);
    expect(pop.params.rOff).toBe(2000);
    expect(pop.params.kOn).toBe(VTEAM.defaults.kOn);
    const rOn = pop.params.rOn as Float64Array;
    expect(rOn).toBeInstanceOf(Float64Array);
    expect(rOn.length).toBe(1000);
    expect(new Set(rOn).size).toBe(1000);
    for (const v of rOn) expect(v).toBeGreaterThanOrEqual(1);
    expect(pop.state.every((x) => x === VTEAM.defaults.xOn)).toBe(true);
  });

  it('gives the same population for the same seed and a different one for another seed', () => {
    const params = { rOn: normal({ mean: 50, std: 5 }), rOff: uniform({ low: 900, high: 1100 }) };
    const a = createPopulation(VTEAM, 64, params, { seed: 11 });
    const b = createPopulation(VTEAM, 64, params, { rng: createRng(11) });
    const c = createPopulation(VTEAM, 64, params, { seed: 12 });
    expect(Array.from(a.params.rOn as Float64Array)).toEqual(Array.from(b.params.rOn as Float64Array));
    expect(Array.from(a.params.rOff as Float64Array)).toEqual(Array.from(b.params.rOff as Float64Array));
    expect(Array.from(a.params.rOn as Float64Array)).not.toEqual(Array.from(c.params.rOn as Float64Array));
  });

  it('requires a seed when a parameter is stochastic', () => {
    expect(() => createPopulation(VTEAM, 4, { rOn: normal({ mean: 50, std: 5 }) })).toThrow(InvalidParameterError);
    expect(() => createPopulation(VTEAM, 4, { rOn: normal({ mean: 50, std: 5 }) })).toThrow(/seed/);
  });

  it('resamples overlapping rOn/rOff pairs until rOn < rOff (the MemTorch rule, order enforced)', () => {
    // Heavily overlapping distributions: a sizable share of the first draws has rOn >= rOff.
    const pop = createPopulation(
      VTEAM,
      2000,
      { rOn: normal({ mean: 100, std: 10, min: 1 }), rOff: normal({ mean: 130, std: 10, min: 1 }) },
      { seed: 5, resampleThreshold: 50 },
    );
    const rOn = pop.params.rOn as Float64Array;
    const rOff = pop.params.rOff as Float64Array;
    for (let i = 0; i < pop.size; i++) expect(rOn[i]!).toBeLessThan(rOff[i]!);
  });

  it('throws naming the device when the retry limit is exceeded', () => {
    const run = () =>
      createPopulation(
        VTEAM,
        100,
        { rOn: normal({ mean: 1000, std: 1, min: 1 }), rOff: normal({ mean: 10, std: 1, min: 1 }) },
        { seed: 1 },
      );
    expect(run).toThrow(InvalidParameterError);
    expect(run).toThrow(/rOn\[0\].*resample threshold exceeded/);
  });

  it('throws for equal deterministic rOn and rOff (MemTorch test_resample_r_off_r_on)', () => {
    expect(() => createPopulation(VTEAM, 2, { rOn: 1, rOff: 1 })).toThrow(/`rOn` must be smaller than `rOff`/);
    expect(() =>
      createPopulation(VTEAM, 2, { rOn: normal({ mean: 1, std: 0 }), rOff: normal({ mean: 1, std: 0 }) }, { seed: 0 }),
    ).toThrow(InvalidParameterError);
  });

  it('names a device whose sampled value breaks the parameter rule', () => {
    expect(() => createPopulation(VTEAM, 10_000, { rOn: normal({ mean: 5, std: 5 }) }, { seed: 2 })).toThrow(
      /rOn\[\d+\]` must be a finite number > 0/,
    );
  });

  it.each([0, -1, 1.5, Number.NaN, '5', null])('rejects n = %s', (n) => {
    expect(() => createPopulation(VTEAM, n as number)).toThrow(InvalidParameterError);
  });

  it('rejects unknown parameter names with a suggestion', () => {
    expect(() => createPopulation(VTEAM, 1, { rOnn: 5 } as never)).toThrow(/unknown key `rOnn`; did you mean `rOn`/);
  });

  it('rejects a non-model', () => {
    expect(() => createPopulation({} as never, 1)).toThrow(/`model` must be/);
  });
});

describe('conductanceRange', () => {
  it('is 1/rOff .. 1/rOn per device', () => {
    const pop = createPopulation(VTEAM, 50, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 9 });
    const { gMin, gMax } = conductanceRange(pop);
    const rOn = pop.params.rOn as Float64Array;
    for (let i = 0; i < 50; i++) {
      expect(gMin[i]).toBe(1 / 1000);
      expect(gMax[i]).toBe(1 / rOn[i]!);
    }
  });

  it('agrees with the model conductance at the two bounds', () => {
    for (const model of [VTEAM, LinearIonDrift]) {
      const pop = createPopulation(
        model as typeof VTEAM,
        20,
        { rOff: uniform({ low: 5000, high: 9000 }) },
        { seed: 1 },
      );
      const { gMin, gMax } = conductanceRange(pop);
      const g = new Float64Array(20);
      model.setConductance(pop, gMin);
      model.conductance(pop, g);
      for (let i = 0; i < 20; i++) expect(g[i]! / gMin[i]! - 1).toBeLessThan(1e-12);
      model.setConductance(pop, gMax);
      model.conductance(pop, g);
      for (let i = 0; i < 20; i++) expect(Math.abs(g[i]! / gMax[i]! - 1)).toBeLessThan(1e-12);
    }
  });
});

describe('clonePopulation', () => {
  it('copies state and arrays so the copy evolves independently', () => {
    const pop = createPopulation(VTEAM, 8, { rOn: normal({ mean: 50, std: 5, min: 1 }) }, { seed: 1 });
    const copy = clonePopulation(pop);
    VTEAM.step(copy, -1, 1e-10);
    expect(Array.from(pop.state)).toEqual(new Array(8).fill(0));
    (copy.params.rOn as Float64Array)[0] = 1;
    expect((pop.params.rOn as Float64Array)[0]).not.toBe(1);
    VTEAM.step(copy, 1, 1e-10);
    VTEAM.step(pop, 1, 1e-10);
    expect(Array.from(copy.state)).toEqual(Array.from(pop.state));
  });
});

describe('setPopulationParameter', () => {
  it('replaces a parameter with a number or a per-device array (copied)', () => {
    const pop = createPopulation(VTEAM, 3);
    const values = Float64Array.from([40, 50, 60]);
    setPopulationParameter(pop, 'rOn', values);
    values[0] = 1;
    expect(Array.from(conductanceRange(pop).gMax)).toEqual([1 / 40, 1 / 50, 1 / 60]);
    setPopulationParameter(pop, 'rOn', 25);
    expect(pop.params.rOn).toBe(25);
  });

  it('copy: false hands the array itself over (still checked); a bad copy option is rejected', () => {
    const pop = createPopulation(VTEAM, 3);
    const values = Float64Array.from([40, 50, 60]);
    setPopulationParameter(pop, 'rOn', values, { copy: false });
    expect(pop.params.rOn).toBe(values);
    expect(() => setPopulationParameter(pop, 'rOn', Float64Array.from([10, 2000, 10]), { copy: false })).toThrow(
      /rOn\[1\]/,
    );
    expect(pop.params.rOn).toBe(values);
    expect(() => setPopulationParameter(pop, 'rOn', 25, { copy: 'no' as never })).toThrow(/copy/);
    expect(() => setPopulationParameter(pop, 'rOn', 25, { cpy: false } as never)).toThrow(/cpy/);
  });

  it('checks name, length and rules', () => {
    const pop = createPopulation(VTEAM, 3);
    expect(() => setPopulationParameter(pop, 'rOnn', 1)).toThrow(InvalidParameterError);
    expect(() => setPopulationParameter(pop, 'rOn', new Float64Array(2))).toThrow(ShapeMismatchError);
    expect(() => setPopulationParameter(pop, 'rOn', Float64Array.from([10, 2000, 10]))).toThrow(/rOn\[1\]/);
    expect(() => setPopulationParameter(pop, 'rOn', -5)).toThrow(/`rOn` must be a finite number > 0/);
  });

  it.each([
    ['rOn', Float64Array.from([40, Number.NaN, 40]), /rOn\[1\]/],
    ['rOff', Float64Array.from([1000, 1000, Number.POSITIVE_INFINITY]), /rOff\[2\]/],
    ['rOff', Float64Array.from([1000, 30, 1000]), /rOn\[1\].*smaller than `rOff` \(30\)/],
    ['rOff', 49, /`rOn` must be smaller than `rOff` \(49\)/],
    ['vOn', 0.1, /vOn < 0 < vOff/],
    ['d', Float64Array.from([3e-9, -1, 3e-9]), /d\[1\]/],
  ])('rejects %s = %s, naming the device, and leaves the population as it was', (name, value, message) => {
    const pop = createPopulation(VTEAM, 3);
    const before = { ...pop.params };
    expect(() => setPopulationParameter(pop, name, value)).toThrow(InvalidParameterError);
    expect(() => setPopulationParameter(pop, name, value)).toThrow(message);
    expect(pop.params).toEqual(before);
  });
});

describe('populationToJSON / populationFromJSON', () => {
  it('round-trips losslessly through JSON text', () => {
    const pop = createPopulation(
      LinearIonDrift,
      16,
      { rOff: normal({ mean: 16e3, std: 500 }), window: 'joglekar' },
      { seed: 4 },
    );
    LinearIonDrift.setConductance(pop, 1e-3);
    LinearIonDrift.step(pop, 1, 1e-4);
    const back = populationFromJSON(JSON.parse(JSON.stringify(populationToJSON(pop))));
    expect(back.model).toBe(LinearIonDrift);
    expect(Array.from(back.state)).toEqual(Array.from(pop.state));
    expect(Array.from(back.params.rOff as Float64Array)).toEqual(Array.from(pop.params.rOff as Float64Array));
    expect(back.params.rOn).toBe(pop.params.rOn);
    expect(back.settings).toEqual(pop.settings);
    expect(back.rng?.state).toEqual(pop.rng?.state);
  });

  it('works without Node’s Buffer (as in a browser), with the same text as Buffer’s base64', () => {
    const pop = createPopulation(VTEAM, 5, {}, { seed: 2 });
    const withBuffer = populationToJSON(pop);
    // Independent encoding of the state: little-endian float64 bytes through Node's Buffer.
    const le = Buffer.alloc(pop.state.length * 8);
    for (let i = 0; i < pop.state.length; i++) le.writeDoubleLE(pop.state[i]!, i * 8);
    expect(withBuffer.state.float64).toBe(le.toString('base64'));
    const saved = globalThis.Buffer;
    try {
      (globalThis as { Buffer?: unknown }).Buffer = undefined;
      const json = populationToJSON(pop);
      expect(json).toEqual(withBuffer);
      expect(Array.from(populationFromJSON(json).state)).toEqual(Array.from(pop.state));
    } finally {
      globalThis.Buffer = saved;
    }
  });

  it('rejects malformed input', () => {
    expect(() => populationFromJSON({} as never)).toThrow(InvalidParameterError);
    const json = populationToJSON(createPopulation(VTEAM, 2));
    expect(() => populationFromJSON({ ...json, model: 'Nope' })).toThrow(/`model` must be one of/);
    expect(() => populationFromJSON({ ...json, size: 3 })).toThrow(InvalidParameterError);
  });
});

describe('meanParameter', () => {
  it('returns numbers, distribution means, array means and defaults', () => {
    expect(meanParameter({ rOn: 50 }, 'rOn')).toBe(50);
    expect(meanParameter({ rOn: normal({ mean: 70, std: 3 }) }, 'rOn')).toBe(70);
    expect(meanParameter({ rOff: uniform({ low: 900, high: 1100 }) }, 'rOff')).toBe(1000);
    expect(meanParameter({}, 'rOff', VTEAM.defaults as never)).toBe(1000);
    expect(meanParameter({ rOn: Float64Array.from([1, 2, 3]) }, 'rOn')).toBe(2);
    expect(() => meanParameter({}, 'rOn')).toThrow(InvalidParameterError);
  });
});

describe('shared-only parameters and JSON without auxiliary arrays', () => {
  it('timeSeriesResolution must stay one shared number', () => {
    const pop = createPopulation(VTEAM, 2);
    expect(() => setPopulationParameter(pop, 'timeSeriesResolution', Float64Array.from([1e-10, 2e-10]))).toThrow(
      /one number shared by all devices/,
    );
    expect(() =>
      createPopulation(VTEAM, 2, { timeSeriesResolution: normal({ mean: 1e-10, std: 1e-12 }) }, { seed: 1 }),
    ).toThrow(/not stochastic/);
  });

  it('populationFromJSON recreates missing auxiliary arrays (StanfordPKU current memory)', async () => {
    const { StanfordPKU } = await import('../../src/index');
    const pop = createPopulation(StanfordPKU, 3);
    const json = { ...populationToJSON(pop), aux: {} };
    const back = populationFromJSON(json);
    expect(back.aux.current).toHaveLength(3);
    StanfordPKU.step(back, 1, 1e-4);
    StanfordPKU.step(pop, 1, 1e-4);
    expect(Array.from(back.state)).toEqual(Array.from(pop.state));
  });

  it('kernels name `g` for a wrong-length conductance array', () => {
    const pop = createPopulation(VTEAM, 3);
    expect(() => VTEAM.setConductance(pop, new Float64Array(2))).toThrow(/`g` must have shape \[3\]/);
  });
});

describe('lossless round trip of a noisy population', () => {
  it('a StanfordPKU dynamic population continues identically after JSON (noise generator state saved)', async () => {
    const { StanfordPKU } = await import('../../src/index');
    const pop = createPopulation(StanfordPKU, 4, { modelSwitch: 1 }, { seed: 8 });
    StanfordPKU.step(pop, 0.8, 1e-4);
    const back = populationFromJSON(JSON.parse(JSON.stringify(populationToJSON(pop))));
    for (const v of [1.2, -1.2, 0.9]) {
      StanfordPKU.step(pop, v, 1e-4);
      StanfordPKU.step(back, v, 1e-4);
    }
    expect(Array.from(back.state)).toEqual(Array.from(pop.state));
  });

  it('never mutates the caller parameter object', () => {
    const params = { rOn: normal({ mean: 50, std: 5, min: 1 }), rOff: 900 };
    const copy = { ...params };
    createPopulation(VTEAM, 10, params, { seed: 1 });
    expect(params).toEqual(copy);
  });
});

describe('clonePopulation of a noisy population', () => {
  it('copies the generator state without advancing the original', async () => {
    const { StanfordPKU } = await import('../../src/index');
    const pop = createPopulation(StanfordPKU, 3, { modelSwitch: 1 }, { seed: 5 });
    const state = pop.rng!.state;
    const copy = clonePopulation(pop);
    expect(pop.rng!.state).toEqual(state);
    StanfordPKU.step(pop, 1.1, 1e-4);
    StanfordPKU.step(copy, 1.1, 1e-4);
    expect(Array.from(copy.state)).toEqual(Array.from(pop.state));
  });
});
