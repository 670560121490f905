import { expectClose, flatTensor, type GoldenTensor, loadGolden } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { type QuantizeOptions, quantize, quantizeLevels } from '../../src/index';

interface Attempt<T> {
  ok: boolean;
  value?: T;
  error?: string;
}
interface BitsCase {
  input: string;
  quant_method: string;
  bits: number;
  overflow_rate: number;
  clip: string;
  min?: number;
  max?: number;
  result: Attempt<GoldenTensor>;
}
interface LevelsCase {
  input: string;
  n_quant_levels: number;
  clip: string;
  min: number;
  max: number;
  result: Attempt<{ output: GoldenTensor; input_outside_min_max: boolean; repeat_identical: boolean }>;
}
interface QuantizeGolden {
  inputs: Record<string, GoldenTensor>;
  cases_bits: BitsCase[];
  cases_levels: LevelsCase[];
  tensor_min_max_call: { n: number; result: Attempt<unknown> };
}

const golden = loadGolden<QuantizeGolden>(new URL('../golden/quantize.json', import.meta.url));
const input = (name: string) => flatTensor(golden.inputs[name]).data;
const bound = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? undefined : v);
const optionsOf = (c: BitsCase): QuantizeOptions => {
  const o: QuantizeOptions = {
    bits: c.bits,
    overflowRate: c.overflow_rate,
    method: c.quant_method as QuantizeOptions['method'],
  };
  if (bound(c.min) !== undefined) o.min = c.min;
  if (bound(c.max) !== undefined) o.max = c.max;
  return o;
};
const label = (c: BitsCase) => `${c.input} ${c.quant_method} bits=${c.bits} overflow=${c.overflow_rate} clip=${c.clip}`;
const hasZeroBound = (c: { min?: number; max?: number }) => c.min === 0 || c.max === 0;

const linearParity = golden.cases_bits.filter(
  (c) => c.quant_method === 'linear' && c.bits >= 2 && c.input !== 'with_nan9' && !hasZeroBound(c) && c.result.ok,
);

describe('quantize golden parity: linear (MemTorch 1.1.6 is right)', () => {
  it('covers the parity cases', () => {
    expect(linearParity.length).toBeGreaterThanOrEqual(150);
  });

  it.each(linearParity.map((c) => [label(c), c] as const))('%s (rtol 1e-12)', (_name, c) => {
    const got = quantize(input(c.input), optionsOf(c));
    expectClose(got, flatTensor(c.result.value).data, { rtol: 1e-12, label: label(c) });
  });
});

describe('quantize golden bug records (memsim deliberately differs)', () => {
  it('a bound of exactly 0 is a real bound (MemTorch ignores it)', () => {
    const cases = golden.cases_bits.filter(
      (c) => c.quant_method === 'linear' && c.clip === 'min0_max1' && c.bits >= 2 && c.input === 'ramp21',
    );
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const got = quantize(input(c.input), optionsOf(c));
      // memsim clips the negative half to 0; MemTorch's recorded output still has negative values.
      expect(Math.min(...got)).toBe(0);
      expect(Math.min(...flatTensor(c.result.value).data)).toBeLessThan(0);
      // and otherwise equals the linear quantiser of the clipped input with the same bounds.
      const clipped = input(c.input).map((v) => Math.min(Math.max(v, 0), 1));
      expectClose(got, quantize(clipped, { bits: c.bits, overflowRate: c.overflow_rate, min: 0, max: 1 }), { rtol: 0 });
    }
  });

  it('bits = 1 is defined (MemTorch raises on every non-constant input)', () => {
    const cases = golden.cases_bits.filter(
      (c) => c.bits === 1 && c.input === 'normal257' && c.quant_method === 'linear',
    );
    for (const c of cases) {
      expect(c.result.ok).toBe(false);
      const got = quantize(input(c.input), optionsOf(c));
      expect(new Set(got).size).toBeLessThanOrEqual(2);
    }
  });

  it('log keeps magnitudes below 1 (MemTorch maps every 0 < |x| < 1 to ±1)', () => {
    const cases = golden.cases_bits.filter(
      (c) => c.quant_method === 'log' && c.input === 'uniform_pos33' && c.bits === 8 && c.clip === 'none',
    );
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      const x = input(c.input);
      const reference = flatTensor(c.result.value).data;
      expect(reference.every((v) => v === 1)).toBe(true);
      const got = quantize(x, optionsOf(c));
      for (let i = 0; i < x.length; i++) expect(Math.abs(Math.log(got[i]!) - Math.log(x[i]!))).toBeLessThan(0.25);
    }
  });

  it('NaN input is rejected (MemTorch propagates NaN through the whole output)', () => {
    expect(() => quantize(input('with_nan9'), { bits: 4 })).toThrow(/quantize: `x\[2\]` must be a finite number/);
  });

  it('constant inputs come back unchanged, as in MemTorch (every method, bits = 1 and zero bounds included)', () => {
    const cases = golden.cases_bits.filter(
      (k) => ['constant17', 'zeros17', 'single1'].includes(k.input) && k.result.ok,
    );
    expect(cases.length).toBe(240);
    for (const c of cases)
      expectClose(quantize(input(c.input), optionsOf(c)), flatTensor(c.result.value).data, {
        rtol: 0,
        label: label(c),
      });
  });
});

const levelsParity = golden.cases_levels.filter(
  (c) => c.n_quant_levels >= 2 && c.input !== 'with_nan9' && c.result.ok && !c.result.value!.input_outside_min_max,
);

describe('quantizeLevels golden parity (MemTorch 1.1.6 level mode)', () => {
  it.each(levelsParity.map((c) => [`${c.input} n=${c.n_quant_levels} clip=${c.clip}`, c] as const))(
    '%s (bit for bit)',
    (name, c) => {
      const got = quantizeLevels(input(c.input), c.n_quant_levels, bound(c.min), bound(c.max));
      expectClose(got, flatTensor(c.result.value!.output).data, { rtol: 0, label: name });
    },
  );

  it('n = 1 gives the midpoint (MemTorch raises)', () => {
    const c = golden.cases_levels.find(
      (k) => k.n_quant_levels === 1 && k.input === 'normal257' && k.clip === 'min-1_max1',
    )!;
    expect(c.result.ok).toBe(false);
    expect(Array.from(new Set(quantizeLevels(input(c.input), 1, -1, 1)))).toEqual([0]);
  });

  it('per-element bounds work (MemTorch 1.1.6 raises TypeError, so FiniteConductanceStates is a no-op there)', () => {
    expect(golden.tensor_min_max_call.result.ok).toBe(false);
    const x = input('uniform_pos33').map((v) => v * 1e-2);
    const lo = new Float64Array(x.length).fill(1e-3);
    const hi = new Float64Array(x.length).fill(1e-2);
    const got = quantizeLevels(x, golden.tensor_min_max_call.n, lo, hi);
    expectClose(got, quantizeLevels(x, golden.tensor_min_max_call.n, 1e-3, 1e-2), { rtol: 0 });
    expect(new Set(got).size).toBeLessThanOrEqual(5);
  });
});
