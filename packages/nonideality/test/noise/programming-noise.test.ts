import { InvalidParameterError, NumericalError, createRng } from '@memsim/core';
import { Crossbar } from '@memsim/crossbar';
import { VTEAM, conductanceRange } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import {
  PCM_PROGRAMMING_POLYNOMIAL,
  RERAM_WAN2022_POLYNOMIALS,
  applyNonidealities,
  deviceFaults,
  programmingNoise,
} from '../../src/index';
import { levelCrossbar as levelAt } from './level-crossbar';
import type { ProgrammingNoiseOptions } from '../../src/index';
import { makeCrossbar, paddingSlots, readDevices } from '../crossbar/make-crossbar';

const rows = 500;
const cols = 200; // 1e5 devices per target level
const n = rows * cols;

/** The rows × cols crossbar of this suite at level x·g_max. */
const levelCrossbar = (x: number) => levelAt(x, rows, cols);

/** σ/g_max of the published fits, written out from the aihwkit constants (µS at the reference g_max). */
const closedForm: Record<string, (x: number) => number> = {
  pcm: (x) => (0.26348 + 1.965 * x - 1.1731 * x * x) / 25,
  'reram 1 s': (x) => (0.348 + 16.03 * x - 43.853 * x ** 2 + 45.393 * x ** 3 - 16.815 * x ** 4) / 40,
  'reram 1 day': (x) => (0.701 + 22.086 * x - 50.773 * x ** 2 + 47.095 * x ** 3 - 16.458 * x ** 4) / 40,
  'polynomial 0.01 + 0.02x': (x) => 0.01 + 0.02 * x,
  'expression 0.005 + 0.03x^2': (x) => 0.005 + 0.03 * x * x,
};
// Levels where no draw leaves (0, ∞) (≥ 5 σ), so `outOfRange: 'extend'` keeps every value exactly.
const models: [string, Omit<ProgrammingNoiseOptions, 'seed'>, number[]][] = [
  ['pcm', { model: 'pcm' }, [0.3, 0.5, 0.8]],
  ['reram 1 s', { model: 'reram' }, [0.3, 0.5, 0.8]],
  ['reram 1 day', { model: 'reram', time: 86400 }, [0.5, 0.8]],
  ['polynomial 0.01 + 0.02x', { model: 'polynomial', coefficients: [0.01, 0.02] }, [0.1, 0.5, 0.95]],
  ['expression 0.005 + 0.03x^2', { model: 'polynomial', expression: '0.005 + 0.03 x^2' }, [0.2, 0.5, 0.95]],
];

describe('programmingNoise', () => {
  it('exports the published coefficients relative to g_max', () => {
    expect(PCM_PROGRAMMING_POLYNOMIAL[1]).toBeCloseTo(1.965 / 25, 15);
    expect(RERAM_WAN2022_POLYNOMIALS['1'][4]).toBeCloseTo(-16.815 / 40, 15);
  });

  describe.each(models)('%s', (name, options, levels) => {
    it.each(levels)('target %f·g_max: mean and σ of 1e5 devices = closed form within 3 standard errors', (x) => {
      const { xbar, gMax } = levelCrossbar(x);
      const scale = 0.8;
      const report = programmingNoise(xbar, { ...options, scale, seed: 7, outOfRange: 'extend' });
      expect(report.changed).toBe(n);
      const g = xbar.conductance;
      let mean = 0;
      for (let i = 0; i < n; i++) mean += g[i]! / n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (g[i]! - mean) ** 2;
      const std = Math.sqrt(v / (n - 1));
      const sigma = scale * gMax * closedForm[name]!(x);
      expect(Math.abs(mean - x * gMax)).toBeLessThan((3 * sigma) / Math.sqrt(n));
      expect(Math.abs(std - sigma)).toBeLessThan((3 * sigma) / Math.sqrt(2 * n));
    });
  });

  it('is persistent in the devices, seeded, and leaves stuck cells alone', () => {
    const a = levelCrossbar(0.5).xbar;
    const b = levelCrossbar(0.5).xbar;
    deviceFaults(a, { lrsProportion: 0.01, hrsProportion: 0.01, seed: 3 });
    deviceFaults(b, { lrsProportion: 0.01, hrsProportion: 0.01, seed: 3 });
    const before = a.conductance.slice();
    programmingNoise(a, { model: 'pcm', seed: 9 });
    const report = programmingNoise(b, { model: 'pcm', seed: 9 });
    expect(a.conductance).toEqual(b.conductance);
    expect(report.stuckSkipped).toBe(2 * Math.floor(0.01 * n));
    for (let i = 0; i < n; i++) if (a.stuck![i] === 1) expect(a.conductance[i]).toBe(before[i]);
    // The devices hold the noisy value: re-reading them reproduces the matrix.
    const copy = a.conductance.slice();
    a.update({ fromDevices: true });
    for (let i = 0; i < n; i += 997) expect(a.conductance[i]).toBeCloseTo(copy[i]!, 15);
    const c = levelCrossbar(0.5).xbar;
    programmingNoise(c, { model: 'pcm', seed: 10 });
    expect(c.conductance).not.toEqual(levelCrossbar(0.5).xbar.conductance);
  });

  it('on a tiled crossbar: padding devices keep their exact state, cells follow their devices', () => {
    const xbar = makeCrossbar({ rows: 10, cols: 7, tileShape: [4, 4] });
    const pad = paddingSlots(xbar);
    expect(pad.length).toBeGreaterThan(0);
    const before = xbar.population.state.slice();
    programmingNoise(xbar, { model: 'pcm', seed: 3 });
    for (const d of pad) expect(xbar.population.state[d]).toBe(before[d]);
    const g = readDevices(xbar);
    for (let r = 0; r < 10; r++)
      for (let c = 0; c < 7; c++) expect(xbar.conductance[r * 7 + c]).toBe(g[xbar.deviceIndex(r, c)]);
  });

  it('gMax and scale change the result; scale 0 is no noise', () => {
    const a = levelCrossbar(0.5).xbar;
    const b = levelCrossbar(0.5).xbar;
    programmingNoise(a, { model: 'pcm', seed: 1 });
    programmingNoise(b, { model: 'pcm', seed: 1, gMax: 1e-3 });
    expect(a.conductance).not.toEqual(b.conductance);
    const c = levelCrossbar(0.5);
    programmingNoise(c.xbar, { model: 'pcm', seed: 1, scale: 0 });
    expect(c.xbar.conductance[5]).toBeCloseTo(0.5 * c.gMax, 15);
  });

  it('runs through applyNonidealities with a seed', () => {
    const a = levelCrossbar(0.5).xbar;
    const b = levelCrossbar(0.5).xbar;
    applyNonidealities([a], [{ kind: 'programmingNoise', model: 'reram', seed: 4 }]);
    programmingNoise(b, { model: 'reram', rng: createRng(4) });
    expect(a.conductance).toEqual(b.conductance);
  });

  it('an expression σ/g_max equals the same polynomial given as coefficients, draw for draw', () => {
    const a = levelCrossbar(0.4).xbar;
    const b = levelCrossbar(0.4).xbar;
    programmingNoise(a, { model: 'polynomial', coefficients: [0.01, 0.02, 0.03], seed: 5 });
    programmingNoise(b, { model: 'polynomial', expression: '0.01 + 0.02 x + 0.03 x^2', seed: 5 });
    expect(b.conductance).toEqual(a.conductance);
  });

  it('an expression that is NaN or ±Infinity at a cell is a NumericalError naming x; no device changes', () => {
    for (const expression of ['log(x - 0.5)', '1 / (x - 0.3)']) {
      const xbar = new Crossbar({ model: VTEAM, rows: 4, cols: 4 });
      xbar.write(new Float64Array(16).fill(0.3 * conductanceRange(xbar.population).gMax[0]!));
      const before = xbar.conductance.slice();
      const state = xbar.population.state.slice();
      expect(() => programmingNoise(xbar, { model: 'polynomial', expression, seed: 1 })).toThrow(NumericalError);
      expect(() => programmingNoise(xbar, { model: 'polynomial', expression, seed: 1 })).toThrow(/at x = 0\.3/);
      expect(xbar.conductance).toEqual(before);
      expect(xbar.population.state).toEqual(state);
    }
  });

  it.each([
    [{ model: 'polynomial', expression: '0.01', coefficients: [0.01], seed: 1 }, /coefficients/],
    [{ model: 'pcm', expression: '0.01', seed: 1 }, /expression/],
    [{ model: 'polynomial', expression: 'g + 1', seed: 1 }, /`expression`.*symbol `g`/],
    [{ model: 'polynomial', expression: 'f(x) = x', seed: 1 }, /`expression`.*function definitions/],
    [{ model: 'polynomial', expression: 'import({})', seed: 1 }, /`expression`.*function `import`/],
    [{ model: 'polynomial', expression: 3, seed: 1 }, /`expression`/],
    [{ model: 'foo', seed: 1 }, /model/],
    [{ model: 'polynomial', seed: 1 }, /coefficients/],
    [{ model: 'polynomial', coefficients: [Number.NaN], seed: 1 }, /coefficients/],
    [{ model: 'pcm', coefficients: [1], seed: 1 }, /coefficients/],
    [{ model: 'reram', time: 5, seed: 1 }, /time/],
    [{ model: 'pcm', time: 1, seed: 1 }, /time/],
    [{ model: 'pcm', scale: -1, seed: 1 }, /scale/],
    [{ model: 'pcm', gMax: 0, seed: 1 }, /gMax/],
    [{ model: 'pcm' }, /seed/],
    [{ model: 'pcm', seed: 1, bogus: 1 }, /bogus/],
  ])('rejects %o', (options, pattern) => {
    const xbar = new Crossbar({ model: VTEAM, rows: 2, cols: 2 });
    expect(() => programmingNoise(xbar, options as unknown as ProgrammingNoiseOptions)).toThrow(InvalidParameterError);
    expect(() => programmingNoise(xbar, options as unknown as ProgrammingNoiseOptions)).toThrow(pattern);
  });
});
