import { InvalidParameterError, createRng } from '@memsim/core';
import { program } from '@memsim/crossbar';
import { conductanceRange, normal } from '@memsim/devices';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { deviceFaults } from '../../src/index';
import { makeCrossbar, readDevices } from './make-crossbar';

describe('deviceFaults', () => {
  it.each([
    [0.1, 0.2, 0, undefined],
    [0.25, 0.1, 0.05, undefined],
    [0.5, 0, 0, [4, 4] as [number, number]],
    [0.3, 0.3, 0.4, [5, 3] as [number, number]],
  ])(
    'lrs %f, hrs %f, electroform %f, tiles %o: realised counts equal the requested ones',
    (lrs, hrs, ef, tileShape) => {
      const xbar = makeCrossbar({
        rows: 18,
        cols: 11,
        ...(tileShape ? { tileShape } : {}),
        params: { rOn: normal({ mean: 50, std: 4, min: 30 }) },
      });
      const n = 18 * 11;
      const report = deviceFaults(xbar, {
        lrsProportion: lrs,
        hrsProportion: hrs,
        electroformProportion: ef,
        seed: 42,
      });
      expect(report.eligible).toBe(n); // padding excluded
      expect(report.lrs.length).toBe(Math.floor(n * lrs + 1e-9));
      expect(report.hrs.length).toBe(Math.floor(n * hrs + 1e-9));
      expect(report.electroform.length).toBe(Math.floor(n * ef + 1e-9));
      const { gMin, gMax } = conductanceRange(xbar.population);
      const slot = (cell: number): number => xbar.deviceIndex(Math.floor(cell / 11), cell % 11);
      let stuck = 0;
      for (const v of xbar.stuck!) stuck += v;
      expect(stuck).toBe(report.lrs.length + report.hrs.length + report.electroform.length);
      for (const cell of report.lrs) expect(xbar.conductance[cell]).toBeCloseTo(gMax[slot(cell)]!, 15);
      for (const cell of [...report.hrs, ...report.electroform])
        expect(xbar.conductance[cell]).toBeCloseTo(gMin[slot(cell)]!, 15);
      // the devices hold the faults (they survive a re-read)
      const before = xbar.conductance.slice();
      xbar.update({ fromDevices: true });
      expect(Array.from(xbar.conductance)).toEqual(Array.from(before));
      const dev = readDevices(xbar);
      for (const cell of report.lrs) expect(dev[slot(cell)]).toBe(before[cell]);
    },
  );

  it('stuck devices keep their value through a later write and pulse programming', () => {
    const xbar = makeCrossbar({ rows: 6, cols: 5 });
    const report = deviceFaults(xbar, { lrsProportion: 0.2, hrsProportion: 0.2, seed: 7 });
    const faulty = [...report.lrs, ...report.hrs];
    const held = faulty.map((c) => xbar.conductance[c]);
    const target = new Float64Array(30).fill(5e-3);
    const w = xbar.write(target);
    expect(w.stuckSkipped).toBe(faulty.length);
    expect(faulty.map((c) => xbar.conductance[c])).toEqual(held);
    xbar.write(new Float64Array(30).fill(4e-3), { transistor: false });
    expect(faulty.map((c) => xbar.conductance[c])).toEqual(held);
    program(xbar, new Float64Array(30).fill(3e-3));
    expect(faulty.map((c) => xbar.conductance[c])).toEqual(held);
    // healthy cells did move
    const healthy = Array.from({ length: 30 }, (_, c) => c).filter((c) => !faulty.includes(c));
    expect(healthy.some((c) => xbar.conductance[c] !== 5e-3)).toBe(true);
  });

  it('zero proportions change nothing and mark nothing stuck', () => {
    const xbar = makeCrossbar();
    const before = xbar.conductance.slice();
    const report = deviceFaults(xbar, { seed: 1 });
    expect(report.lrs.length + report.hrs.length + report.electroform.length).toBe(0);
    expect(xbar.stuck).toBeNull();
    expectClose(xbar.conductance, before, { rtol: 1e-14 }); // re-read from the unchanged devices
  });

  it('a second call draws only from healthy devices', () => {
    const xbar = makeCrossbar({ rows: 10, cols: 10 });
    const a = deviceFaults(xbar, { hrsProportion: 0.5, seed: 1 });
    const b = deviceFaults(xbar, { lrsProportion: 0.5, seed: 2 });
    expect(b.eligible).toBe(50);
    expect(b.lrs.length).toBe(25);
    const first = new Set(a.hrs);
    for (const c of b.lrs) expect(first.has(c)).toBe(false);
  });

  it('is reproducible: same seed or rng, same cells', () => {
    const a = deviceFaults(makeCrossbar(), { lrsProportion: 0.3, seed: 5 });
    const b = deviceFaults(makeCrossbar(), { lrsProportion: 0.3, rng: createRng(5) });
    expect(Array.from(a.lrs)).toEqual(Array.from(b.lrs));
  });

  it.each([
    [{ lrsProportion: -0.1, seed: 1 }, /lrsProportion/],
    [{ hrsProportion: 1.5, seed: 1 }, /hrsProportion/],
    [{ electroformProportion: Number.NaN, seed: 1 }, /electroformProportion/],
    [{ lrsProportion: 0.5, hrsProportion: 0.4, electroformProportion: 0.2, seed: 1 }, /at most 1/],
    [{ lrsProportion: 0.1 }, /seed/],
    [{ lrs: 0.1, seed: 1 }, /unknown key/],
  ])('rejects %o', (options, pattern) => {
    expect(() => deviceFaults(makeCrossbar(), options as never)).toThrow(InvalidParameterError);
    expect(() => deviceFaults(makeCrossbar(), options as never)).toThrow(pattern);
  });
});
