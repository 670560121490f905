import { loadGolden } from '@memsim/core/testing';
import { expectClose } from '@memsim/core/testing';
import { InvalidParameterError, NumericalError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { biolek, joglekar, memtorchJoglekar, memtorchProdromakis, prodromakis } from '../../src/index';

interface WindowsGolden {
  x: number[];
  p: number[];
  Jogelkar: Record<string, { ok: boolean; value: number }[]>;
  Biolek: Record<string, { ok: boolean; value: number }[]>;
  Prodromakis: Record<string, { ok: boolean; value: number }[]>;
}
const golden = loadGolden<WindowsGolden>(new URL('../golden/windows.json', import.meta.url));
const values = (list: { value: number }[]) => list.map((a) => a.value);

describe('window functions: MemTorch records (windows.json)', () => {
  it.each(golden.p)('memtorchJoglekar reproduces MemTorch Jogelkar, p = %s', (p) => {
    expectClose(
      golden.x.map((x) => memtorchJoglekar(x, p)),
      values(golden.Jogelkar[String(p)]!),
      { rtol: 1e-12, atol: 1e-300 },
    );
  });

  it.each(golden.p.flatMap((p) => [1, 0.5].map((j) => [p, j] as const)))(
    'memtorchProdromakis reproduces MemTorch, p = %s, j = %s',
    (p, j) => {
      expectClose(
        golden.x.map((x) => memtorchProdromakis(x, p, j)),
        values(golden.Prodromakis[`p=${p},j=${j}`]!),
        { rtol: 1e-12, atol: 1e-300 },
      );
    },
  );

  it.each(golden.p.flatMap((p) => [-1, 0, 1].map((v) => [p, v] as const)))(
    'biolek equals MemTorch Biolek(voltage, x, p) with i of the voltage sign, p = %s, v = %s',
    (p, v) => {
      expectClose(
        golden.x.map((x) => biolek(x, p, v)),
        values(golden.Biolek[`p=${p},voltage=${v}`]!),
        { rtol: 1e-12, atol: 1e-15 },
      );
    },
  );
});

describe('window functions: published formulas (memsim deliberately differs from MemTorch)', () => {
  const xs = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1];
  it.each([1, 2, 5])('joglekar is 1 − (2x − 1)^(2p), zero at both bounds and 1 at the middle (p = %s)', (p) => {
    for (const x of xs) expectClose(joglekar(x, p), 1 - (2 * x - 1) ** (2 * p), { rtol: 1e-15, atol: 1e-15 });
    expect(joglekar(0, p)).toBe(0);
    expect(joglekar(1, p)).toBe(0);
    expect(joglekar(0.5, p)).toBe(1);
    // MemTorch's variant differs: 4^p at x = 0.
    expect(memtorchJoglekar(0, p)).toBe(4 ** p);
  });

  it.each([1, 2, 5])(
    'prodromakis is j·(1 − ((x − .5)² + .75)^p): zero at the bounds, max j(1 − .75^p) (p = %s)',
    (p) => {
      for (const j of [1, 0.5]) {
        expectClose(prodromakis(0, p, j), 0, { atol: 1e-15 });
        expectClose(prodromakis(1, p, j), 0, { atol: 1e-15 });
        expectClose(prodromakis(0.5, p, j), j * (1 - 0.75 ** p), { rtol: 1e-15 });
        expect(memtorchProdromakis(0, p, j)).toBeGreaterThan(0.9 * j); // MemTorch's is never zero at the bounds
      }
    },
  );

  it('biolek lets a device leave either bound in the right direction', () => {
    expect(biolek(0, 1, 1)).toBe(1); // at x = 0, positive current moves x up
    expect(biolek(0, 1, -1)).toBe(0); // ... negative current cannot push further down
    expect(biolek(1, 1, -1)).toBe(1);
    expect(biolek(1, 1, 1)).toBe(0);
  });
});

describe('window functions check their arguments', () => {
  const BAD = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '0.5', null, undefined, {}, []];
  const calls = {
    joglekar: (x: unknown, p: unknown) => joglekar(x as number, p as number),
    memtorchJoglekar: (x: unknown, p: unknown) => memtorchJoglekar(x as number, p as number),
    biolek: (x: unknown, p: unknown) => biolek(x as number, p as number, 1),
    prodromakis: (x: unknown, p: unknown) => prodromakis(x as number, p as number, 1),
    memtorchProdromakis: (x: unknown, p: unknown) => memtorchProdromakis(x as number, p as number, 1),
  };
  it.each(Object.entries(calls).flatMap(([n, f]) => BAD.map((v) => [n, v, f] as const)))(
    '%s rejects x = %o naming x',
    (name, v, f) => {
      expect(() => f(v, 1)).toThrow(InvalidParameterError);
      expect(() => f(v, 1)).toThrow(new RegExp(`^${name}: \`x\``));
    },
  );
  it.each(Object.entries(calls).flatMap(([n, f]) => [...BAD, 0, -1].map((v) => [n, v, f] as const)))(
    '%s rejects p = %o naming p',
    (name, v, f) => {
      expect(() => f(0.5, v)).toThrow(new RegExp(`^${name}: \`p\``));
    },
  );
  it('joglekar(0.5, -1) and biolek("x", 2, 1) are typed errors (issue 18 examples)', () => {
    expect(() => joglekar(0.5, -1)).toThrow(InvalidParameterError);
    expect(() => biolek('x' as never, 2, 1)).toThrow(InvalidParameterError);
    expect(() => biolek(0.5, 2, Number.NaN)).toThrow(/`i`/);
    expect(() => prodromakis(0.5, 1, 0)).toThrow(/`j`/);
  });
  it('fractional p is defined as ((2x − 1)²)^p, never NaN', () => {
    expect(joglekar(0, 0.5)).toBe(0);
    expect(joglekar(0.25, 0.5)).toBeCloseTo(0.5, 15);
    expect(biolek(0.5, 1.5, -1)).toBeCloseTo(1 - 0.5 ** 3, 15);
  });
  it('overflow is a NumericalError naming the window', () => {
    expect(() => joglekar(1e200, 2)).toThrow(NumericalError);
    expect(() => memtorchJoglekar(-10, 400)).toThrow(/memtorchJoglekar: the window value overflowed/);
    expect(() => memtorchProdromakis(10, 0.5, 1)).toThrow(/`x`/);
  });
});
