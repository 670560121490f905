import { InvalidParameterError, NumericalError, ShapeMismatchError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { conductanceRange, createPopulation, LinearIonDrift, Memristor, VTEAM } from '../../src/index';
import { MODEL_ROWS } from './all-models';

describe.each(MODEL_ROWS)('%s kernel entries check their arguments', (name, m) => {
  const model = m as typeof VTEAM;
  const BAD_POPS = [null, undefined, 5, 'pop', {}, [], { state: new Float64Array(1) }];

  it.each(BAD_POPS)('step/current/conductance/setConductance(%o) throw InvalidParameterError naming pop', (pop) => {
    const out = new Float64Array(1);
    for (const call of [
      () => model.step(pop as never, 0.1, 1e-9),
      () => model.current(pop as never, 0.1, out),
      () => model.conductance(pop as never, out),
      () => model.setConductance(pop as never, 1e-4),
    ]) {
      expect(call).toThrow(InvalidParameterError);
      expect(call).toThrow(new RegExp(`^${name}\\.\\w+: \`pop\``));
    }
  });

  it("rejects another model's population", () => {
    const other = createPopulation(model === VTEAM ? (LinearIonDrift as never) : VTEAM, 2);
    expect(() => model.step(other, 0.1, 1e-9)).toThrow(/`pop` must be a \w+ population/);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, 0])(
    'setConductance(pop, %s) throws naming g and leaves the state unchanged',
    (g) => {
      const pop = createPopulation(model, 3);
      const before = pop.state.slice();
      expect(() => model.setConductance(pop, g)).toThrow(/`g` must be a finite conductance > 0/);
      expect(() => model.setConductance(pop, new Float64Array([1e-4, g, 1e-4]))).toThrow(/`g\[1\]`/);
      expect(pop.state).toEqual(before);
    },
  );

  it('setConductance rejects a wrong-length array and non-arrays', () => {
    const pop = createPopulation(model, 3);
    expect(() => model.setConductance(pop, new Float64Array(2))).toThrow(ShapeMismatchError);
    expect(() => model.setConductance(pop, '1e-4' as never)).toThrow(InvalidParameterError);
    expect(() => model.setConductance(pop, null as never)).toThrow(InvalidParameterError);
  });

  it('setConductance still lands in-range targets exactly (the check does not change valid results)', () => {
    const pop = createPopulation(model, 1);
    const { gMin, gMax } = conductanceRange(pop);
    const g = Math.sqrt(gMin[0]! * gMax[0]!);
    model.setConductance(pop, g);
    const out = new Float64Array(1);
    model.conductance(pop, out);
    expect(Math.abs(out[0]! - g) / g).toBeLessThan(1e-6);
  });
});

describe('overflow is a NumericalError in every model (issue 18)', () => {
  it.each(MODEL_ROWS)('%s: current at ±1e6 V is finite or a NumericalError', (_n, m) => {
    for (const v of [1e3, 1e6, -1e6, 1e300]) {
      const pop = createPopulation(m as typeof VTEAM, 1);
      const out = new Float64Array(1);
      try {
        m.current(pop as never, v, out);
        expect(Number.isFinite(out[0])).toBe(true);
      } catch (e) {
        expect(NumericalError.isInstance(e)).toBe(true);
        expect((e as Error).message).toMatch(/current overflowed/);
      }
    }
  });
  it.each(MODEL_ROWS)('%s: simulate at 1e3 V returns finite currents or throws NumericalError', (_n, m) => {
    try {
      const i = new Memristor(m as typeof VTEAM).simulate([0.1, 1e3, 1e3], { returnCurrent: true });
      for (const c of i) expect(Number.isFinite(c)).toBe(true);
    } catch (e) {
      expect(NumericalError.isInstance(e)).toBe(true);
    }
  });
});
