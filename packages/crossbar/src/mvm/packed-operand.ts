// MODULES //

import { packColumnPanels } from '../gemm/pack-panels';

// VARIABLES //

/** Matrices their owner never modifies (the version-keyed effective matrices): their packed panels may be kept. */
const stable = new WeakSet<Float32Array>();

/** Packed 8-column panels of a stable matrix, with the shape they were packed for. */
const packed = new WeakMap<Float32Array, { rows: number; cols: number; panels: Float32Array }>();

// MAIN //

/**
 * Marks `matrix` as never modified after this call (the caller's cache hands out the same array until the
 * crossbars' version changes, then a new one), so {@link writeColumnPanels} may keep its packed panels. Returns it.
 */
export function markStable(matrix: Float32Array): Float32Array {
  stable.add(matrix);
  return matrix;
}

/**
 * Writes the rows × cols row-major `matrix` as 8-column panels (the B layout of src/gemm/pack-panels.ts) into `heap`
 * from `offset`. A stable matrix is packed once and then copied (one memcpy): why — packing is a strided, single
 * threaded pass over every weight of the layer on every call, ≈ 10 % of a tiled VGG forward and the largest serial
 * part of a threaded one. The packed copy lives as long as the matrix does (a WeakMap).
 * Kernel: no checks.
 */
export function writeColumnPanels(
  matrix: Float32Array,
  rows: number,
  cols: number,
  heap: Float32Array,
  offset: number,
): void {
  if (!stable.has(matrix)) {
    packColumnPanels(matrix, cols, 0, cols, rows, 8, heap, offset);
    return;
  }
  let hit = packed.get(matrix);
  if (hit === undefined || hit.rows !== rows || hit.cols !== cols) {
    const panels = new Float32Array(((cols + 7) >> 3) * 8 * rows);
    packColumnPanels(matrix, cols, 0, cols, rows, 8, panels, 0);
    hit = { rows, cols, panels };
    packed.set(matrix, hit);
  }
  heap.set(hit.panels, offset);
}
