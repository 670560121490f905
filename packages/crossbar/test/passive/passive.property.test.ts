import fc from 'fast-check';
import { expectClose } from '@memsim/core/testing';
import { describe, it } from 'vitest';
import { factorPassive } from '../../src/index';
import { mnaCurrents } from './circuit-reference';

// Random shapes (1…6 × 1…6), conductances over three decades, and wirings including every zero case, against the
// dense MNA of the same netlist.
const resistance = fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 50, noNaN: true }));

describe('passive properties', () => {
  it('factorPassive(...).solve equals the dense MNA for random circuits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        resistance,
        resistance,
        resistance,
        fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1000, noNaN: true })),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (m, n, rs, rw, rb, ra, seed) => {
          let s = seed;
          const next = () => {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            return s / 2 ** 32;
          };
          const g = Float64Array.from({ length: m * n }, () => 10 ** (-5 + 3 * next()));
          const vwl = Float64Array.from({ length: m }, () => 2 * next() - 1);
          const vbl = Float64Array.from({ length: n }, () => 0.4 * next() - 0.2);
          const got = factorPassive(
            { rows: m, cols: n, data: g },
            { sourceResistance: rs, lineResistance: rw, bitLineResistance: rb, accessResistance: ra },
          ).solve(vwl, vbl).currents;
          const want = mnaCurrents(g, m, n, vwl, vbl, {
            sourceResistance: rs,
            wordLineResistance: rw,
            bitLineResistance: rb,
            accessResistance: ra,
          });
          const scale = Math.max(...Array.from(want, Math.abs), 1e-30);
          expectClose(got, want, { rtol: 0, atol: 1e-9 * scale });
        },
      ),
      { numRuns: 150, seed: 6 },
    );
  });
});
