/**
 * An affine output correction out = slope · y + intercept, shared by every output (arrays of length 1) or one per
 * output column (arrays of length cols). Plain data: serialise it with JSON after `Array.from`.
 * @example
 * const c: OutputCalibration = calibrate([1, 2, 3], [3, 5, 7]);
 * applyCalibration([4], c); // → [9]
 */
export interface OutputCalibration {
  /** Slope per column, or one shared slope [output units per raw unit]. */
  readonly slope: Float64Array;
  /** Intercept per column, or one shared intercept [output units]. */
  readonly intercept: Float64Array;
  /** R² of the fit per column (1 for the identity). */
  readonly r2: Float64Array;
}
