import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naiveMapping, perColumnMapping } from '../../src/index';

const rOn = 100;
const rOff = 1000;

/** MemTorch's w_max by a full sort (independent of memsim's quickselect). */
function sortedPercentile(values: ArrayLike<number>, pL: number): number {
  const sorted = Array.from(values, Math.abs).sort((a, b) => b - a);
  return sorted[Math.floor(pL * (sorted.length - 1))]!;
}

// Small integer-valued weights give many ties, the hard case for selection.
const weights = fc
  .array(fc.integer({ min: -6, max: 6 }), { minLength: 1, maxLength: 60 })
  .filter((a) => a.some((v) => v !== 0));

describe('pL percentile (quickselect) against a full sort', () => {
  it('naive: g_on / gain = sorted(|w|)[⌊pL·(N − 1)⌋] (double-column with pL)', () => {
    fc.assert(
      fc.property(weights, fc.double({ min: 0, max: 1, noNaN: true }), (w, pL) => {
        const wMax = sortedPercentile(w, pL);
        fc.pre(wMax > 0);
        const r = naiveMapping({ rows: 1, cols: w.length, data: w }, { rOn, rOff, scheme: 'double-column', pL });
        expect(1 / rOn / r.gain[0]!).toBeCloseTo(wMax, 12);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('per-column: each column uses its own percentile', () => {
    fc.assert(
      fc.property(weights, fc.double({ min: 0, max: 1, noNaN: true }), (w, pL) => {
        const rows = w.length;
        const data = [...w, ...w.map((v) => 2 * v)]; // column-major source: col 0 = w, col 1 = 2w
        const rowMajor = Array.from({ length: rows * 2 }, (_, p) => data[(p % 2) * rows + Math.floor(p / 2)]!);
        const wMax = sortedPercentile(w, pL);
        fc.pre(wMax > 0);
        const r = perColumnMapping({ rows, cols: 2, data: rowMajor }, { rOn, rOff, scheme: 'single-column', pL });
        const delta = 1 / rOn - 1 / rOff;
        expect(delta / (2 * r.gain[0]!)).toBeCloseTo(wMax, 12);
        expect(delta / (2 * r.gain[1]!)).toBeCloseTo(2 * wMax, 12);
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});
