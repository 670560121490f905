import { InvalidParameterError, NumericalError, setMemoryLimit } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  conductanceDrift,
  empiricalThreshold,
  enduranceRetentionResistance,
  scaleP0,
  selectFaults,
  snapToStates,
} from '../../src/index';

// Issue 18: the inputs that escaped as TypeError, NaN/Infinity or out-of-memory.
describe('nonideality boundaries', () => {
  it.each([null, undefined, 5, 'abc', {}])('snapToStates(%o) and conductanceDrift(%o) throw naming g', (g) => {
    expect(() => snapToStates(g as never, { gMin: 1e-6, gMax: 1e-3, states: 4 })).toThrow(InvalidParameterError);
    expect(() => snapToStates(g as never, { gMin: 1e-6, gMax: 1e-3, states: 4 })).toThrow(/`g`/);
    expect(() => conductanceDrift(g as never, { time: 10, initialTime: 1 })).toThrow(/conductanceDrift: `g`/);
  });

  it('typed arrays other than Float64Array still work', () => {
    const o = { time: 10, initialTime: 1 };
    expect(conductanceDrift(Float32Array.of(0.5), o)).toEqual(conductanceDrift(Float64Array.of(0.5), o));
  });

  it.each([
    [[1, 0, 0], 10, 0.5, /`p`/],
    [[0, 0, 0, 0], 10, 0.5, /`p\[0\]`/],
    [[1, Number.NaN, 0, 0], 10, 0.5, /`p\[1\]`/],
    [[1, 0, 0, 0], 0, 0.5, /`cellSize`/],
    [[1, 0, 0, 0], 10, 2, /`temperatureConstant`/],
    [null, 10, 0.5, /`p`/],
  ])('empiricalThreshold(%o, %s, %s) is a typed error', (p, c, t, re) => {
    expect(() => empiricalThreshold(p as never, c as number, t as number)).toThrow(InvalidParameterError);
    expect(() => empiricalThreshold(p as never, c as number, t as number)).toThrow(re);
  });

  it('empiricalThreshold overflow is a NumericalError', () => {
    expect(() => empiricalThreshold([1, 100, 0, 0], 10, 0)).toThrow(NumericalError);
  });

  it('scaleP0 with extreme valid inputs: finite (log-space) or NumericalError, matching the closed form', () => {
    // p1·cellSize = 800: e^800 overflows, yet at vStop = vStopOptimal the result is exactly p0.
    const v = scaleP0({ p0: 2, p1: 80, vStop: 0.4, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4 });
    expect(v).toBeCloseTo(2, 10);
    // The stop-voltage span itself overflows a double unless halved.
    const w = scaleP0({ p0: 2, p1: 0, vStop: 0, vStopMin: -1e308, vStopMax: 1e308, vStopOptimal: 0 });
    expect(w).toBeCloseTo(2, 10);
    expect(() => scaleP0({ p0: 1e300, p1: 1, vStop: 0.5, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.01 })).toThrow(
      /scaleP0: the scaled p0 is 10\^/,
    );
  });

  it('selectFaults(1e9) fails fast naming size; the limit is overridable', () => {
    expect(() => selectFaults(1e9, { lrsProportion: 0.1, seed: 1 })).toThrow(
      /selectFaults: `size` must be small enough/,
    );
    const previous = setMemoryLimit(80);
    try {
      expect(() => selectFaults(11, { lrsProportion: 0.1, seed: 1 })).toThrow(InvalidParameterError);
      expect(selectFaults(10, { lrsProportion: 0.1, seed: 1 }).lrs.length).toBe(1);
    } finally {
      setMemoryLimit(previous);
    }
  });
});

describe('enduranceRetentionResistance rejects non-arrays (Float64Array.from(true) is empty)', () => {
  it.each([true, 5, 'abc', null])('resistance = %o', (r) => {
    const o = {
      mode: 'sudden' as const,
      x: 1,
      pLrs: [1, 0, 0, 0] as const,
      pHrs: [1, 0, 0, 0] as const,
      stableResistanceLrs: 1,
      stableResistanceHrs: 2,
      boundaryResistance: 1.5,
    };
    expect(() => enduranceRetentionResistance(r as never, o)).toThrow(/`resistance`/);
  });
});
