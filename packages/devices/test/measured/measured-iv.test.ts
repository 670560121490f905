import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { VTEAM, createPopulation, measuredIV } from '../../src/index';

// A sinh-like device measured on both branches, with a slight asymmetry the odd part averages out.
const volts = [-1, -0.5, -0.1, 0, 0.1, 0.5, 1];
const current = (v: number) => 1e-3 * Math.sinh(2 * v) + (v < 0 ? 1e-6 : 0);
const csv = `voltage,current\n${volts.map((v) => `${v},${current(v)}`).join('\n')}\n`;

describe('measuredIV', () => {
  it('builds the odd I(V) table from 0 V and scales it per device', () => {
    const iv = measuredIV(csv, { file: 'iv.csv' });
    expect(Array.from(iv.voltages)).toEqual([0, 0.1, 0.5, 1]);
    for (const [k, v] of [0.1, 0.5, 1].entries())
      expect(iv.currents[k + 1]).toBeCloseTo((current(v) - current(-v)) / 2, 15);
    expect(iv.readConductance).toBeCloseTo(iv.currents[1]! / 0.1, 15);
    const pop = createPopulation(VTEAM, 3);
    pop.model.setConductance(pop, Float64Array.from([1e-3, 2e-3, 0.01]));
    const table = iv.lookupFor(pop);
    expect(table.currents.length).toBe(3 * 4);
    // Each device reads its own conductance at 0.1 V.
    expect(table.currents[1 * 4 + 1]! / 0.1).toBeCloseTo(2e-3, 12);
    expect(table.currents[2 * 4 + 3]! / table.currents[2 * 4 + 1]!).toBeCloseTo(iv.currents[3]! / iv.currents[1]!, 12);
  });

  it.each([
    ['a missing column', 'voltage,i\n0.1,1\n', /iv\.csv, line 1.*missing column `current`/],
    ['a non-numeric value', 'voltage,current\n0.1,x\n0.2,1\n', /iv\.csv, line 2.*`current`/],
    ['a single voltage', 'voltage,current\n0.1,1e-4\n', /iv\.csv, line 2.*2 distinct/],
    ['a zero read current', 'voltage,current\n0.1,0\n0.2,0\n', /iv\.csv, line 3.*positive current/],
  ])('rejects %s naming the file and line', (_n, text, pattern) => {
    expect(() => measuredIV(text, { file: 'iv.csv' })).toThrow(InvalidParameterError);
    expect(() => measuredIV(text, { file: 'iv.csv' })).toThrow(pattern);
  });
});
