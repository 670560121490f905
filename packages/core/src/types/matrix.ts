/**
 * Any array of numbers memsim accepts as numeric input.
 *
 * @example
 * const values: NumericArray[] = [new Float32Array(2), new Float64Array(2), [0.5, 1]]; // all accepted as numbers
 */
export type NumericArray = Float32Array | Float64Array | number[];

/**
 * A dense row-major matrix. Crossbar orientation: rows = word lines = inputs, cols = bit lines = outputs.
 * Entry (i, j) is `data[i * cols + j]`.
 * @example
 * const w: Matrix = { rows: 2, cols: 3, data: [1, 2, 3, 4, 5, 6] }; // row-major: w[r][c] = data[r * cols + c]
 * w.data[1 * w.cols + 2]; // → 6
 */
export interface Matrix<D extends NumericArray = NumericArray> {
  readonly rows: number;
  readonly cols: number;
  readonly data: D;
}
