import { describe, expect, it } from 'vitest';
import { packColumnPanels } from '../../src/gemm/pack-panels';
import { markStable, writeColumnPanels } from '../../src/mvm/packed-operand';

/** The 8-column panels packColumnPanels writes for a rows × cols matrix. */
function panelsOf(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(((cols + 7) >> 3) * 8 * rows);
  packColumnPanels(m, cols, 0, cols, rows, 8, out, 0);
  return out;
}

describe('writeColumnPanels (packed B operand, kept for stable matrices)', () => {
  const [rows, cols] = [5, 11];
  const matrix = () => Float32Array.from({ length: rows * cols }, (_, i) => i * 0.5 - 7);

  it('writes the packed panels at the offset for a plain matrix, and packs it again after a change', () => {
    const m = matrix();
    const heap = new Float32Array(3 + 16 * rows);
    writeColumnPanels(m, rows, cols, heap, 3);
    expect(Array.from(heap.subarray(3))).toEqual(Array.from(panelsOf(m, rows, cols)));
    m[4] = 99; // not stable: the next call sees the change
    writeColumnPanels(m, rows, cols, heap, 3);
    expect(heap[3 + 4]).toBe(99);
  });

  it('gives a stable matrix the same panels on every call, and packs per shape', () => {
    const m = markStable(matrix());
    const first = new Float32Array(16 * rows);
    const second = new Float32Array(16 * rows);
    writeColumnPanels(m, rows, cols, first, 0);
    writeColumnPanels(m, rows, cols, second, 0);
    expect(Array.from(second)).toEqual(Array.from(panelsOf(m, rows, cols)));
    expect(Array.from(first)).toEqual(Array.from(second));
    // The same values read as an 11 × 5 matrix: packed again for that shape, not the cached 5 × 11 panels.
    const other = new Float32Array(8 * cols);
    writeColumnPanels(m, cols, rows, other, 0);
    expect(Array.from(other)).toEqual(Array.from(panelsOf(m, cols, rows)));
  });
});
