import { InvalidParameterError } from '@memsim/core';
import { expectClose, maxAbsDiff } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { conductanceDrift, driftFactor } from '../../src/index';
import { baseline, golden, resultMatrices } from '../golden/load';

describe('driftFactor / conductanceDrift (Boybat 2018)', () => {
  it.each([
    [1e4, 1e-12, 0.1, 0.0251189],
    [1e6, 1e-12, 0.1, 0.0158489],
    [1e4, 1e-12, 0.4, 3.98107e-7],
    [1e6, 1e-12, 0.4, 6.30957e-8],
    [1e3, 1, 0.1, 0.501187],
  ])('t = %s, t0 = %s, nu = %s → %s ', (time, initialTime, driftCoefficient, expected) => {
    expectClose(driftFactor({ time, initialTime, driftCoefficient }), expected, { rtol: 1e-5 });
    // closed form: log(factor) = −ν·log(t/t0)
    expectClose(
      Math.log(driftFactor({ time, initialTime, driftCoefficient })),
      -driftCoefficient * Math.log(time / initialTime),
      { rtol: 1e-12 },
    );
  });

  it('defaults: initialTime 1e-12, driftCoefficient 0.1', () => {
    expect(driftFactor({ time: 1e4 })).toBe(driftFactor({ time: 1e4, initialTime: 1e-12, driftCoefficient: 0.1 }));
  });

  it('matches the MemTorch goldens (model_conductance_drift) to float32 rounding', () => {
    const cases = golden.cases.filter((c) => c.model === 'model_conductance_drift');
    expect(cases.length).toBe(6);
    for (const c of cases) {
      // MemTorch replaced initial_time 0 by 1e-12; memsim requires the value to be given.
      const initialTime = c.initial_time === 0 ? 1e-12 : c.initial_time!;
      const before = baseline(c.scheme);
      const expected = resultMatrices(c);
      for (let k = 0; k < before.length; k++) {
        const got = conductanceDrift(before[k]!, {
          time: c.time!,
          initialTime,
          driftCoefficient: c.drift_coefficient!,
        });
        expectClose(got, expected[k]!, { rtol: 2e-7, label: `${c.scheme} t=${c.time} crossbar ${k}` });
        expect(maxAbsDiff(got, expected[k]!)).toBeLessThan(1e-9);
      }
    }
  });

  it.each([
    [{ time: -1 }, /time/],
    [{ time: 1, initialTime: 0 }, /initialTime/],
    [{ time: 1, initialTime: 2 }, /greater than `initialTime`/],
    [{ time: 1e4, driftCoefficient: 1.5 }, /driftCoefficient/],
    [{ time: Number.NaN }, /time/],
    [{ time: Number.POSITIVE_INFINITY }, /time/],
    [{ time: 1, drift: 0.1 }, /unknown key/],
  ])('rejects %o', (options, pattern) => {
    expect(() => driftFactor(options as never)).toThrow(InvalidParameterError);
    expect(() => driftFactor(options as never)).toThrow(pattern);
  });

  it('returns a new array and rejects non-finite conductances', () => {
    const g = Float64Array.of(0.01, 0.02);
    const out = conductanceDrift(g, { time: 1e3, initialTime: 1 });
    expect(out).not.toBe(g);
    expect(Array.from(g)).toEqual([0.01, 0.02]);
    expect(() => conductanceDrift(Float64Array.of(Number.NaN), { time: 1 })).toThrow(/g\[0\]/);
  });
});
