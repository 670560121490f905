/** Any array of numbers memsim accepts as numeric input. */
export type NumericArray = Float32Array | Float64Array | number[];

/**
 * A dense row-major matrix. Crossbar orientation: rows = word lines = inputs, cols = bit lines = outputs.
 * Entry (i, j) is `data[i * cols + j]`.
 */
export interface Matrix<D extends NumericArray = NumericArray> {
  readonly rows: number;
  readonly cols: number;
  readonly data: D;
}
