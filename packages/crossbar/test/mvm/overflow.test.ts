import { InvalidParameterError, NumericalError, setMemoryLimit } from '@memsim/core';
import { DataDriven, StanfordPKU, VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { Crossbar, gemm, initCrossbars, mvm } from '../../src/index';

// Issue 18: finite inputs that overflowed silently, and sizes that ran the machine out of memory.
describe('overflow is a NumericalError', () => {
  it.each(['ts', 'wasm'] as const)('gemm (%s) on entries of 1e19 names the output entry', (backend) => {
    const a = new Float32Array(16).fill(1e19);
    try {
      gemm(a, a, { m: 4, k: 4, n: 4 }, { backend });
      expect.unreachable();
    } catch (e) {
      if (InvalidParameterError.isInstance(e) && /backend/.test((e as Error).message)) return; // no wasm SIMD here
      expect(NumericalError.isInstance(e)).toBe(true);
      expect((e as Error).message).toMatch(/gemm: output \[0, 0\] overflowed float32 to/);
    }
  });

  it('gemm just below the float32 range stays exact (the check does not change valid results)', () => {
    const a = new Float32Array([1e18, 1e18]);
    const b = new Float32Array([1e18, 1e18]);
    expect(gemm(a, b, { m: 1, k: 2, n: 1 })[0]).toBeCloseTo(Math.fround(2e36), -30);
  });

  it.each([StanfordPKU, DataDriven])(
    'nonlinear mvm at 100 V on %s devices: NumericalError, never ±Infinity',
    (model) => {
      const mapped = initCrossbars(
        { rows: 2, cols: 2, data: [0.5, -0.5, 0.25, 1] },
        { model, scheme: 'double-column' },
      );
      const x = new Float32Array([100, 100]);
      expect(() => mvm(x, 1, mapped, { mode: 'nonlinear', raw: true })).toThrow(NumericalError);
    },
  );

  it('nonlinear mvm at 1 V is finite (the check leaves ordinary reads alone)', () => {
    const mapped = initCrossbars(
      { rows: 2, cols: 2, data: [0.5, -0.5, 0.25, 1] },
      { model: VTEAM, scheme: 'double-column' },
    );
    const y = mvm(new Float32Array([1, 1]), 1, mapped, { mode: 'nonlinear' });
    for (const v of y) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('huge crossbars fail fast', () => {
  it('new Crossbar of 1e9 cells names rows × cols and the estimate', () => {
    expect(() => new Crossbar({ rows: 31623, cols: 31623, model: VTEAM })).toThrow(
      /Crossbar: `rows × cols` must be small enough to fit the memory limit: 1000014129 needs about/,
    );
  });
  it('the limit is overridable', () => {
    const previous = setMemoryLimit(1);
    try {
      expect(() => new Crossbar({ rows: 2, cols: 2, model: VTEAM })).toThrow(InvalidParameterError);
    } finally {
      setMemoryLimit(previous);
    }
    expect(new Crossbar({ rows: 2, cols: 2, model: VTEAM }).rows).toBe(2);
  });
});
