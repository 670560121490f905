import { NumericalError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { mapWeights, naiveMap, scaleInput } from '../../src/index';

// Issue 18: valid but extreme inputs returned NaN/Infinity; now a finite result or a NumericalError.
describe('mapping extremes', () => {
  it('naiveMap with rOn = 1e-320 Ω names 1/rOn', () => {
    const w = { rows: 1, cols: 2, data: [0.5, -1] };
    expect(() => naiveMap(w, { rOn: 1e-320, rOff: 1, scheme: 'double-column' })).toThrow(NumericalError);
    expect(() => naiveMap(w, { rOn: 1e-320, rOff: 1, scheme: 'double-column' })).toThrow(/1\/rOn/);
  });

  it('naiveMap with tiny but representable resistances stays finite and exact', () => {
    const w = { rows: 1, cols: 2, data: [1, -1] };
    const [gp, gn] = naiveMap(w, { rOn: 1e-300, rOff: 1e-299, scheme: 'double-column' });
    expect(gp!.data[0]).toBeCloseTo(1e300, -288);
    expect(gn!.data[1]).toBeCloseTo(1e300, -288);
  });

  it('a subnormal weight gives a finite gain or a NumericalError naming the gain', () => {
    const w = { rows: 1, cols: 1, data: [5e-324] };
    try {
      const r = mapWeights(w, { rOn: 100, rOff: 16000, scheme: 'double-column', routine: 'per-column' });
      expect(Number.isFinite(r.gain[0])).toBe(true);
    } catch (e) {
      expect(NumericalError.isInstance(e)).toBe(true);
      expect((e as Error).message).toMatch(/gain\[0\]/);
    }
  });

  it('scaleInput: a forced scale of a subnormal peak is a NumericalError naming the scale', () => {
    expect(() =>
      scaleInput(new Float64Array([5e-324]), { maxInputVoltage: 1e10, per: 'batch', forceScale: true }),
    ).toThrow(/scaleInput: the input scale of sample 0/);
  });

  it("scaleInput: per 'fixed' with a subnormal inputRange is a NumericalError", () => {
    expect(() =>
      scaleInput(new Float64Array([1]), { maxInputVoltage: 1e300, per: 'fixed', inputRange: 1e-300 }),
    ).toThrow(NumericalError);
  });

  it('scaleInput: a float32 output that would overflow is a NumericalError; float64 is exact', () => {
    const o = { maxInputVoltage: 1e300, per: 'batch' as const, forceScale: true };
    expect(() => scaleInput(new Float32Array([1e30]), o)).toThrow(/overflowed/);
    expect(scaleInput(new Float64Array([1e30, -2e30]), o).voltages).toEqual(new Float64Array([5e299, -1e300]));
  });
});
