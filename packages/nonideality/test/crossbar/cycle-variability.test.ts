import { InvalidParameterError, createRng } from '@memsim/core';
import { conductanceRange, normal } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { cycleVariability, deviceFaults } from '../../src/index';
import { makeCrossbar, paddingSlots, readDevices } from './make-crossbar';

describe('cycleVariability', () => {
  it('redraws rOn/rOff per device, keeps rOn < rOff, clamps conductances into the new ranges and counts the clamps', () => {
    const xbar = makeCrossbar({ rows: 20, cols: 10, tileShape: [8, 8] });
    const before = xbar.conductance.slice();
    const report = cycleVariability(xbar, {
      rOn: normal({ mean: 50, std: 10 }),
      rOff: normal({ mean: 1000, std: 200 }),
      seed: 4,
    });
    const rOn = xbar.population.params.rOn as Float64Array;
    const rOff = xbar.population.params.rOff as Float64Array;
    expect(rOn).toBeInstanceOf(Float64Array);
    expect(new Set(rOn).size).toBeGreaterThan(100);
    for (let d = 0; d < rOn.length; d++) expect(rOn[d]! > 0 && rOn[d]! < rOff[d]!).toBe(true);
    let below = 0;
    let above = 0;
    for (let r = 0; r < 20; r++)
      for (let c = 0; c < 10; c++) {
        const cell = r * 10 + c;
        const d = xbar.deviceIndex(r, c);
        const lo = 1 / rOff[d]!;
        const hi = 1 / rOn[d]!;
        const want = Math.min(hi, Math.max(lo, before[cell]!));
        if (before[cell]! < lo) below++;
        if (before[cell]! > hi) above++;
        expect(Math.abs(xbar.conductance[cell]! - want)).toBeLessThan(1e-12 * want);
      }
    expect(report.clampedBelow).toBe(below);
    expect(report.clampedAbove).toBe(above);
    expect(below + above).toBeGreaterThan(0);
    // padding follows its new 1/rOff; the change persists
    const { gMin } = conductanceRange(xbar.population);
    const dev = readDevices(xbar);
    for (const d of paddingSlots(xbar)) expect(dev[d]).toBeCloseTo(gMin[d]!, 15);
    const after = xbar.conductance.slice();
    xbar.update({ fromDevices: true });
    expect(Array.from(xbar.conductance)).toEqual(Array.from(after));
  });

  it('is reproducible and the distribution follows the parameters (mean within 5 standard errors)', () => {
    const make = (): ReturnType<typeof makeCrossbar> => makeCrossbar({ rows: 40, cols: 40 });
    const a = make();
    const b = make();
    cycleVariability(a, { rOn: normal({ mean: 60, std: 6 }), rOff: 900, seed: 8 });
    cycleVariability(b, { rOn: normal({ mean: 60, std: 6 }), rOff: 900, rng: createRng(8) });
    expect(Array.from(a.conductance)).toEqual(Array.from(b.conductance));
    const rOn = a.population.params.rOn as Float64Array;
    const mean = rOn.reduce((s, v) => s + v, 0) / rOn.length;
    expect(Math.abs(mean - 60)).toBeLessThan((5 * 6) / Math.sqrt(rOn.length));
  });

  it('stuck devices keep their parameters and conductance', () => {
    const xbar = makeCrossbar({ rows: 8, cols: 8 });
    const faults = deviceFaults(xbar, { lrsProportion: 0.25, seed: 1 });
    const held = Array.from(faults.lrs, (c) => xbar.conductance[c]);
    const report = cycleVariability(xbar, { rOn: 80, rOff: 700, seed: 2 });
    expect(report.stuckSkipped).toBe(faults.lrs.length);
    expect(Array.from(faults.lrs, (c) => xbar.conductance[c])).toEqual(held);
    const rOn = xbar.population.params.rOn as Float64Array;
    for (const c of faults.lrs) expect(rOn[c]).toBe(50);
  });

  it('redraws pairs that violate rOn < rOff', () => {
    const xbar = makeCrossbar({ rows: 30, cols: 30 });
    const report = cycleVariability(xbar, {
      rOn: normal({ mean: 500, std: 200, min: 1 }),
      rOff: normal({ mean: 700, std: 200, min: 1 }),
      seed: 3,
    });
    expect(report.resampled).toBeGreaterThan(0);
    const rOn = xbar.population.params.rOn as Float64Array;
    const rOff = xbar.population.params.rOff as Float64Array;
    for (let d = 0; d < rOn.length; d++) expect(rOn[d]! < rOff[d]!).toBe(true);
  });

  it('resampleThreshold bounds the redraws', () => {
    const options = {
      rOn: normal({ mean: 900, std: 300, min: 1 }),
      rOff: normal({ mean: 1000, std: 300, min: 1 }),
      seed: 5,
    };
    expect(() => cycleVariability(makeCrossbar({ rows: 20, cols: 20 }), { ...options, resampleThreshold: 1 })).toThrow(
      /failed 1 redraws/,
    );
    expect(
      cycleVariability(makeCrossbar({ rows: 20, cols: 20 }), { ...options, resampleThreshold: 1000 }).resampled,
    ).toBeGreaterThan(0);
  });

  it.each([
    [{ rOn: -5, rOff: 1000, seed: 1 }, /rOn/],
    [{ rOn: 50, rOff: Number.POSITIVE_INFINITY, seed: 1 }, /rOff/],
    [{ rOn: 50, rOff: 1000 }, /seed/],
    [{ rOn: 2000, rOff: 1000, seed: 1 }, /redraws/],
    [{ rOn: 50, rOff: 1000, seed: 1, min: 0 }, /unknown key/],
  ])('rejects %o', (options, pattern) => {
    expect(() => cycleVariability(makeCrossbar(), options as never)).toThrow(InvalidParameterError);
    expect(() => cycleVariability(makeCrossbar(), options as never)).toThrow(pattern);
  });
});
