import { InvalidParameterError } from '@memsim/core';
import { conductanceRange, normal } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { deviceFaults, finiteConductanceStates } from '../../src/index';
import { makeCrossbar, paddingSlots, readDevices } from './make-crossbar';

const variable = { rOn: normal({ mean: 50, std: 5, min: 20 }), rOff: normal({ mean: 1000, std: 100, min: 500 }) };

describe('finiteConductanceStates', () => {
  it.each([
    ['conductance', 2],
    ['conductance', 5],
    ['resistance', 4],
  ] as const)(
    '%s spacing, %i states, device-to-device variability: each cell is the nearest of its own levels',
    (spacing, states) => {
      const xbar = makeCrossbar({ rows: 10, cols: 9, params: variable, seed: 3 });
      const before = xbar.conductance.slice();
      const { gMin, gMax } = conductanceRange(xbar.population);
      const report = finiteConductanceStates(xbar, { states, spacing });
      let moved = 0;
      for (let r = 0; r < xbar.rows; r++)
        for (let c = 0; c < xbar.cols; c++) {
          const cell = r * xbar.cols + c;
          const d = xbar.deviceIndex(r, c);
          const lo = gMin[d]!;
          const hi = gMax[d]!;
          const levels = Array.from({ length: states }, (_, k) =>
            spacing === 'conductance'
              ? lo + ((hi - lo) * k) / (states - 1)
              : 1 / (1 / lo - ((1 / lo - 1 / hi) * k) / (states - 1)),
          );
          const dist = levels.map((l) => Math.abs(l - before[cell]!));
          const best = dist.indexOf(Math.min(...dist));
          expect(Math.abs(xbar.conductance[cell]! - levels[best]!)).toBeLessThan(1e-12 * levels[best]!);
          expect(report.levels[cell]).toBe(best);
          if (xbar.conductance[cell] !== before[cell]) moved++;
        }
      expect(report.changed).toBe(moved);
    },
  );

  it('without variability the matrix holds at most `states` distinct values, and the state persists', () => {
    const xbar = makeCrossbar({ rows: 16, cols: 16 });
    finiteConductanceStates(xbar, { states: 3 });
    const after = xbar.conductance.slice();
    const distinct = new Set(Array.from(after, (g) => g.toPrecision(12)));
    expect(distinct.size).toBeLessThanOrEqual(3);
    xbar.update({ fromDevices: true });
    expect(Array.from(xbar.conductance)).toEqual(Array.from(after));
    // the devices themselves hold the levels
    const dev = readDevices(xbar);
    for (let cell = 0; cell < after.length; cell++) expect(dev[cell]).toBe(after[cell]);
  });

  it('states = 1 sets every cell to the matrix mean', () => {
    const xbar = makeCrossbar({ rows: 5, cols: 4 });
    const mean = xbar.conductance.reduce((a, b) => a + b, 0) / xbar.conductance.length;
    const report = finiteConductanceStates(xbar, { states: 1 });
    for (const g of xbar.conductance) expect(Math.abs(g - mean)).toBeLessThan(1e-12 * mean);
    expect(report.clamped).toBe(0);
  });

  it('leaves tile padding and stuck cells alone', () => {
    const xbar = makeCrossbar({ rows: 10, cols: 6, tileShape: [4, 4] });
    const faults = deviceFaults(xbar, { lrsProportion: 0.1, seed: 2 });
    const padBefore = paddingSlots(xbar).map((d) => readDevices(xbar)[d]);
    const report = finiteConductanceStates(xbar, { states: 3, spacing: 'resistance' });
    expect(report.stuckSkipped).toBe(faults.lrs.length);
    const dev = readDevices(xbar);
    expect(paddingSlots(xbar).map((d) => dev[d])).toEqual(padBefore);
    const { gMax } = conductanceRange(xbar.population);
    for (const cell of faults.lrs)
      expect(xbar.conductance[cell]).toBe(gMax[xbar.deviceIndex(Math.floor(cell / 6), cell % 6)]);
  });

  it.each([0, -2, 1.5, Number.NaN, '4', null])('rejects states = %s', (states) => {
    const xbar = makeCrossbar();
    expect(() => finiteConductanceStates(xbar, { states: states as number })).toThrow(InvalidParameterError);
    expect(() => finiteConductanceStates(xbar, { states: states as number })).toThrow(/states/);
  });

  it('rejects a non-crossbar and unknown options', () => {
    expect(() => finiteConductanceStates({} as never, { states: 2 })).toThrow(/xbar/);
    expect(() => finiteConductanceStates(makeCrossbar(), { states: 2, levels: 3 } as never)).toThrow(/unknown key/);
  });
});
