import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { createPopulation, LinearIonDrift, Memristor, StanfordPKU, VTEAM } from '../../src/index';

// LinearIonDrift without a window has a closed-form solution for a constant voltage v:
//   dx/dt = c·v / (rOn·x + rOff·(1 − x)),  c = uV·rOn/d²
//   ⇒ rOff·x + (rOn − rOff)·x²/2 = c·v·t + const.
const params = { window: 'none', uV: 5e-15 } as const;
const { rOn, rOff, d } = LinearIonDrift.defaults;
const c = (5e-15 * rOn) / (d * d);
const x0 = 0.1;
const T = 1;
const lhs = (x: number) => rOff * x + ((rOn - rOff) * x * x) / 2;
function exact(t: number): number {
  const a = (rOn - rOff) / 2;
  const k = lhs(x0) + c * 1 * t;
  return (-rOff + Math.sqrt(rOff * rOff + 4 * a * k)) / (2 * a);
}

/** Final x after a 1 V pulse of length T sampled with n samples (the input is the same for every n). */
function finalState(n: number, integration: object): number {
  const m = new Memristor(LinearIonDrift, params, { integration });
  m.setConductance(1 / (rOn * x0 + rOff * (1 - x0)));
  m.simulate(new Float64Array(n).fill(1), { dt: T / n });
  return m.state;
}

describe('integrators (LinearIonDrift, window none, closed-form reference)', () => {
  const reference = exact(T);
  it('the reference solution moves x far enough to be nonlinear', () => {
    expect(reference).toBeGreaterThan(0.5);
    expect(reference).toBeLessThan(1);
  });

  it("'euler' (MemTorch) depends on the sample spacing and converges only at first order", () => {
    const errors = [10, 20, 40, 80].map((n) => Math.abs(finalState(n, { method: 'euler' }) - reference));
    expect(errors[0]!).toBeGreaterThan(1e-3);
    for (let k = 1; k < errors.length; k++) {
      const ratio = errors[k - 1]! / errors[k]!;
      expect(ratio).toBeGreaterThan(1.7);
      expect(ratio).toBeLessThan(2.3);
    }
  });

  it("'rk4' with sub-steps converges at fourth order", () => {
    const errors = [1, 2, 4].map((s) => Math.abs(finalState(10, { method: 'rk4', substeps: s }) - reference));
    for (let k = 1; k < errors.length; k++) expect(errors[k - 1]! / errors[k]!).toBeGreaterThan(12);
  });

  it("'adaptive' gives the same answer whatever the sample spacing, to its tolerance", () => {
    for (const n of [5, 10, 40, 160])
      expect(Math.abs(finalState(n, { method: 'adaptive', tolerance: 1e-12 }) - reference)).toBeLessThan(1e-9);
  });

  it('the adaptive result converges as the tolerance shrinks', () => {
    const errors = [1e-4, 1e-7, 1e-10].map((tolerance) =>
      Math.abs(finalState(4, { method: 'adaptive', tolerance }) - reference),
    );
    expect(errors[1]!).toBeLessThanOrEqual(errors[0]!);
    expect(errors[2]!).toBeLessThan(1e-8);
  });

  it('StanfordPKU (stiff gap ODE): adaptive is independent of the sample count, Euler is not', () => {
    const run = (n: number, integration: object) => {
      const m = new Memristor(StanfordPKU, {}, { integration });
      m.setConductance(1e-4);
      m.simulate(new Float64Array(n).fill(1.2), { dt: 1e-7 / n });
      return m.state;
    };
    const fine = run(1, { method: 'adaptive', tolerance: 1e-10 });
    const start = new Memristor(StanfordPKU);
    start.setConductance(1e-4);
    expect(fine).toBeLessThan(0.9 * start.state); // the gap moved substantially
    expect(Math.abs(run(8, { method: 'adaptive', tolerance: 1e-10 }) - fine)).toBeLessThan(1e-6 * fine);
    const euler = [1, 4, 16, 64].map((n) => Math.abs(run(n, { method: 'euler' }) - fine));
    expect(euler[0]!).toBeGreaterThan(1e-3 * fine);
    expect(euler[3]!).toBeLessThan(euler[0]!);
  });

  it('VTEAM (state-independent rate) is exact with every integrator', () => {
    const run = (integration: object) => {
      const pop = createPopulation(VTEAM, 1, {}, { integration });
      VTEAM.setConductance(pop, 1 / 500);
      VTEAM.step(pop, 0.8, 1e-9);
      return pop.state[0];
    };
    expect(run({ method: 'rk4', substeps: 3 })).toBe(run({ method: 'euler' }));
  });

  it.each([{ method: 'midpoint' }, { substeps: 0 }, { substeps: 1.5 }, { tolerance: 0 }, { order: 4 }])(
    'rejects integration %o',
    (integration) => {
      expect(() => createPopulation(LinearIonDrift, 1, {}, { integration: integration as never })).toThrow(
        InvalidParameterError,
      );
    },
  );
});
