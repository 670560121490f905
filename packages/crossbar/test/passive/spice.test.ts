import { createRng } from '@memsim/core';
import { expectClose } from '@memsim/core/testing';
import { describe, expect, it } from 'vitest';
import { solvePassive } from '../../src/index';
import { crossbarNetlist, hasNgspice, ngspiceCurrents, type Wiring } from './circuit-reference';

// The same circuit as a SPICE netlist (sources, source and line resistors, cell resistors; zero resistances as 0 V
// sources), solved by ngspice's operating-point analysis with gmin effectively off.
const NGSPICE = hasNgspice();
if (!NGSPICE)
  console.warn('passive SPICE tests skipped: `ngspice` is not on PATH (install it with `apt-get install -y ngspice`).');

const SHAPES: [number, number][] = [
  [1, 1],
  [1, 8],
  [8, 1],
  [16, 16],
  [32, 64],
];
const WIRINGS: [string, Wiring][] = [
  ['source 5 Ω, line 5 Ω', { sourceResistance: 5, wordLineResistance: 5, bitLineResistance: 5, accessResistance: 0 }],
  [
    'source 1 Ω, line 0.5 Ω',
    { sourceResistance: 1, wordLineResistance: 0.5, bitLineResistance: 0.5, accessResistance: 0 },
  ],
  [
    'source 0 (pinned), line 2 Ω',
    { sourceResistance: 0, wordLineResistance: 2, bitLineResistance: 2, accessResistance: 0 },
  ],
  [
    'source 10 Ω, line 0 (merged)',
    { sourceResistance: 10, wordLineResistance: 0, bitLineResistance: 0, accessResistance: 0 },
  ],
  [
    'word 3 Ω, bit 0.1 Ω, access 200 Ω',
    { sourceResistance: 0.5, wordLineResistance: 3, bitLineResistance: 0.1, accessResistance: 200 },
  ],
];

describe.skipIf(!NGSPICE).each(WIRINGS)('solvePassive vs ngspice, %s', (_name, w) => {
  it.each(SHAPES)('%i×%i: bit-line currents to 1e-9 relative', (m, n) => {
    const rng = createRng(m * 1000 + n);
    // rOn = 100 Ω … rOff = 1000 Ω, word lines 0…1 V, bit lines 0…0.2 V
    const g = Float64Array.from({ length: m * n }, () => 1e-3 + 9e-3 * rng.uniform());
    const vwl = Float64Array.from({ length: m }, () => rng.uniform());
    const vbl = Float64Array.from({ length: n }, () => 0.2 * rng.uniform());
    const got = solvePassive({ rows: m, cols: n, data: g }, vwl, vbl, {
      sourceResistance: w.sourceResistance,
      lineResistance: w.wordLineResistance,
      bitLineResistance: w.bitLineResistance,
      accessResistance: w.accessResistance,
    }).currents;
    const spice = ngspiceCurrents(crossbarNetlist(g, m, n, vwl, vbl, w), n);
    expect(spice.length).toBe(n);
    expectClose(got, spice, {
      rtol: 1e-9,
      atol: 1e-12 * Math.max(...Array.from(spice, Math.abs)),
      label: `${m}×${n} currents vs ngspice`,
    });
  });
});
