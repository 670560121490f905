import { InvalidParameterError } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { scaleP0 } from '../../src/index';
import { golden } from '../golden/load';

describe('scaleP0', () => {
  it.each([
    [0.25, 0.4, 0.1121969],
    [0.5, 0.4, 1.5168968],
    [0.25, 0.6, 0.1121969],
    [0.5, 0.6, 1.5168968],
  ])('vStop %s, vStopOptimal %s → %s ', (vStop, vStopOptimal, expected) => {
    expectClose(scaleP0({ p0: 1, p1: 1, vStop, vStopMin: 0, vStopMax: 1, vStopOptimal }), expected, { rtol: 1e-7 });
  });

  it('equals p0 at the optimal stop voltage (closed form)', () => {
    expectClose(
      scaleP0({ p0: 3.5, p1: 0.2, vStop: 1.3, vStopMin: 1, vStopMax: 2, vStopOptimal: 1.3, cellSize: 7 }),
      3.5,
      { rtol: 1e-12 },
    );
  });

  it('matches every MemTorch golden value', () => {
    expect(golden.scale_p_0.length).toBe(12);
    for (const g of golden.scale_p_0) {
      const got = scaleP0({
        p0: g.p_0,
        p1: g.p_1,
        vStop: g.v_stop,
        vStopMin: g.v_stop_min,
        vStopMax: g.v_stop_max,
        vStopOptimal: g.v_stop_optimal,
        ...(g.cell_size === null ? {} : { cellSize: g.cell_size }),
      });
      expectClose(got, g.result.value, { rtol: 1e-13, label: `v_stop ${g.v_stop}, v_opt ${g.v_stop_optimal}` });
    }
  });

  it('cellSize changes the result', () => {
    const base = { p0: 2, p1: 0.3, vStop: 0.3, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.5 };
    expect(scaleP0({ ...base, cellSize: 10 })).not.toBeCloseTo(scaleP0({ ...base, cellSize: 20 }), 6);
  });

  it.each([
    [{ p0: 0 }, /p0/],
    [{ vStopMax: 0 }, /vStopMax/],
    [{ vStopOptimal: 0 }, /vStopOptimal/],
    [{ vStopOptimal: 1 }, /vStopOptimal/],
    [{ vStop: 1.5 }, /vStop/],
    [{ p1: Number.NaN }, /p1/],
    [{ cellSize: -1 }, /cellSize/],
  ])('rejects %o', (patch, pattern) => {
    const base = { p0: 1, p1: 1, vStop: 0.25, vStopMin: 0, vStopMax: 1, vStopOptimal: 0.4 };
    expect(() => scaleP0({ ...base, ...patch })).toThrow(InvalidParameterError);
    expect(() => scaleP0({ ...base, ...patch })).toThrow(pattern);
  });
});
