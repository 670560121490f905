// MODULES //

import { checkMatrix, checkTileShape, option, requireOptions, resolveOptions, rule } from '@memsim/core';
import type { Matrix, OptionsSchema } from '@memsim/core';

// MAIN //

/**
 * Options of {@link tileMatrix}.
 *
 * @example
 * const options: TileMatrixOptions = { tileShape: [2, 2] };
 * tileMatrix({ rows: 3, cols: 3, data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, options).count; // → 4
 */
export interface TileMatrixOptions {
  /** Tile shape `[tileRows, tileCols]` (cells). Input mode uses only `tileRows`. */
  tileShape: [number, number];
  /**
   * Input (activation) mode: the matrix is `batch × rows` and only its columns are split, into chunks of width
   * `tileShape[0]` (one chunk per tile row of the crossbar). @default false
   */
  input?: boolean;
}

/**
 * Result of {@link tileMatrix}: zero-padded tiles and the map from tile position to tile index.
 *
 * @example
 * const tiled: TiledMatrix = tileMatrix({ rows: 3, cols: 3, data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, { tileShape: [2, 2] });
 * tiled.map.data; // → Int32Array [0, 1, 2, 3]: tile index per (tile row, tile column)
 */
export interface TiledMatrix {
  /** Tiles, row-major `[count, tileHeight, tileWidth]`, zero-padded at the bottom and right. */
  tiles: Float64Array;
  /** Number of tiles. */
  count: number;
  /** Shape of one tile: `[tileRows, tileCols]` (weight mode) or `[batch, tileRows]` (input mode). */
  tileShape: [number, number];
  /** Tile index of each block position: `[tileGridRows, tileGridCols]` (weight mode) or `[1, count]` (input mode). */
  map: { rows: number; cols: number; data: Int32Array };
}

/** The rules of {@link TileMatrixOptions}. */
const SCHEMA = {
  tileShape: option.requiredByRule(checkTileShape),
  input: option.withDefault(rule.boolean, false),
} satisfies OptionsSchema<TileMatrixOptions>;

/**
 * Splits a matrix into zero-padded tiles, as MemTorch's `gen_tiles` does.
 *
 * Weight mode (`[rows, cols]`): `TR = ceil(rows / tileRows)`, `TC = ceil(cols / tileCols)`; tile `i·TC + j` holds
 * block `(i, j)`. Input mode (`[batch, rows]`): `T = ceil(rows / tileRows)` tiles of shape `[batch, tileRows]`.
 *
 * @param matrix - the matrix to tile.
 * @param options - see {@link TileMatrixOptions}.
 * @throws {InvalidParameterError} when the matrix is malformed or `tileShape` is not a pair of positive integers.
 * @example
 * tileMatrix({ rows: 3, cols: 3, data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, { tileShape: [2, 2] }).count; // → 4
 */
export function tileMatrix(matrix: Matrix, options: TileMatrixOptions): TiledMatrix {
  const where = 'tileMatrix';
  requireOptions(where, options);
  const { tileShape, input } = resolveOptions(where, options, SCHEMA);
  const m = checkMatrix(where, 'matrix', matrix);
  const [tr, tc] = tileShape;
  const { rows, cols, data } = m;
  if (input) {
    const count = Math.ceil(cols / tr);
    const tiles = new Float64Array(count * rows * tr);
    for (let t = 0; t < count; t++) {
      const c0 = t * tr;
      const width = Math.min(tr, cols - c0);
      for (let p = 0; p < rows; p++) {
        const dst = (t * rows + p) * tr;
        const src = p * cols + c0;
        for (let k = 0; k < width; k++) tiles[dst + k] = data[src + k]!;
      }
    }
    const map = new Int32Array(count);
    for (let t = 0; t < count; t++) map[t] = t;
    return { tiles, count, tileShape: [rows, tr], map: { rows: 1, cols: count, data: map } };
  }
  const gridRows = Math.ceil(rows / tr);
  const gridCols = Math.ceil(cols / tc);
  const count = gridRows * gridCols;
  const tiles = new Float64Array(count * tr * tc);
  const map = new Int32Array(count);
  for (let i = 0; i < gridRows; i++) {
    const r0 = i * tr;
    const height = Math.min(tr, rows - r0);
    for (let j = 0; j < gridCols; j++) {
      const t = i * gridCols + j;
      map[t] = t;
      const c0 = j * tc;
      const width = Math.min(tc, cols - c0);
      for (let r = 0; r < height; r++) {
        const dst = (t * tr + r) * tc;
        const src = (r0 + r) * cols + c0;
        for (let k = 0; k < width; k++) tiles[dst + k] = data[src + k]!;
      }
    }
  }
  return { tiles, count, tileShape: [tr, tc], map: { rows: gridRows, cols: gridCols, data: map } };
}
