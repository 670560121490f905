import { InvalidParameterError, NumericalError, ShapeMismatchError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { createPopulation, DataDriven2021, Memristor, VTEAM } from '../../src/index';
import { MODEL_ROWS } from './all-models';

const BAD_RESISTANCES = [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}];

describe.each(MODEL_ROWS)('%s parameter validation', (name, model) => {
  const validate = (p: object) => (model as typeof VTEAM).validate(p as never);

  it('returns the defaults for no parameters', () => {
    expect(validate({})).toEqual(model.defaults);
  });

  it.each(BAD_RESISTANCES)('rejects rOn = %o naming the model and rOn', (value) => {
    expect(() => validate({ rOn: value })).toThrow(InvalidParameterError);
    expect(() => validate({ rOn: value })).toThrow(new RegExp(`^${name} params: \`rOn\``));
  });

  it.each(BAD_RESISTANCES)('rejects rOff = %o', (value) => {
    expect(() => validate({ rOff: value })).toThrow(/`rOff`/);
  });

  it('rejects rOn >= rOff', () => {
    const { rOff } = model.defaults as { rOff: number };
    expect(() => validate({ rOn: rOff })).toThrow(/`rOn` must be smaller than `rOff`/);
    expect(() => validate({ rOn: 2 * rOff })).toThrow(InvalidParameterError);
  });

  it.each([0, -1e-9, Number.NaN])('rejects timeSeriesResolution = %s', (value) => {
    expect(() => validate({ timeSeriesResolution: value })).toThrow(/`timeSeriesResolution`/);
  });

  it('rejects unknown parameter names', () => {
    expect(() => validate({ r_on: 10 })).toThrow(/unknown key `r_on`/);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('step rejects dt = %s', (dt) => {
    const pop = createPopulation(model as typeof VTEAM, 2);
    expect(() => model.step(pop, 0.1, dt)).toThrow(/`dt` must be a finite time step > 0/);
  });

  it('kernels reject a voltage or output array of the wrong length', () => {
    const pop = createPopulation(model as typeof VTEAM, 3);
    expect(() => model.step(pop, new Float64Array(2), 1e-9)).toThrow(ShapeMismatchError);
    expect(() => model.current(pop, 0.1, new Float64Array(2))).toThrow(ShapeMismatchError);
    expect(() => model.conductance(pop, new Float64Array(4))).toThrow(ShapeMismatchError);
    expect(() => model.step(pop, Number.NaN, 1e-9)).toThrow(InvalidParameterError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('kernels name the device of a %s per-device voltage', (bad) => {
    const pop = createPopulation(model as typeof VTEAM, 3);
    const before = pop.state.slice();
    const voltages = Float64Array.from([0.1, bad, 0.1]);
    expect(() => model.step(pop, voltages, 1e-12)).toThrow(/`voltage\[1\]` must be a finite number/);
    expect(() => model.current(pop, voltages, new Float64Array(3))).toThrow(/`voltage\[1\]`/);
    expect(pop.state[2]).toBe(before[2]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'simulate rejects a %s voltage naming its index',
    (bad) => {
      const m = new Memristor(model as typeof VTEAM);
      expect(() => m.simulate([0.1, 0.2, bad])).toThrow(/`voltages\[2\]` must be a finite number/);
      expect(() => m.current(bad)).toThrow(InvalidParameterError);
    },
  );

  it('simulate rejects a bad dt and unknown options', () => {
    const m = new Memristor(model as typeof VTEAM);
    expect(() => m.simulate([0.1], { dt: 0 })).toThrow(/`dt`/);
    expect(() => m.simulate([0.1], { returnCurent: true } as never)).toThrow(/did you mean `returnCurrent`/);
  });

  it('setConductance rejects values outside the range unless clip is set', () => {
    const m = new Memristor(model as typeof VTEAM);
    const { gMin, gMax } = m.range;
    expect(() => m.setConductance(gMax * 2)).toThrow(/`g` must be in/);
    expect(() => m.setConductance(gMin / 2)).toThrow(InvalidParameterError);
    expect(() => m.setConductance(0)).toThrow(InvalidParameterError);
    m.setConductance(gMax * 2, { clip: true });
    expect(m.conductance).toBeCloseTo(gMax, 12);
  });
});

describe('numerical blow-up throws NumericalError naming the model, device and step', () => {
  it('VTEAM with an overflowing rate', () => {
    const m = new Memristor(VTEAM, { alphaOn: 400 });
    let error: unknown;
    try {
      m.simulate([-0.5, -0.5, -20]);
    } catch (e) {
      error = e;
    }
    expect(NumericalError.isInstance(error)).toBe(true);
    expect((error as NumericalError).step).toBe(2);
    expect((error as Error).message).toMatch(/^VTEAM simulate: device 0: dx = -Infinity/);
  });

  it('DataDriven2021 whose switching rate overflows (t_p > 0)', () => {
    const m = new Memristor(DataDriven2021, { tP: 0.001 });
    expect(() => m.simulate([0.1, 1.5])).toThrow(NumericalError);
    expect(() => m.simulate([0.1, 1.5])).toThrow(/at step 1/);
    const pop = createPopulation(DataDriven2021, 3, { tP: 0.001 });
    expect(() => DataDriven2021.step(pop, Float64Array.from([0, 0, 1.5]), 1e-10)).toThrow(/device 2/);
  });
});
