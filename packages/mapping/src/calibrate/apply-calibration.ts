import { ShapeMismatchError, checkFiniteArray } from '@memsim/core';
import { checkCalibration } from '../internal/check-calibration';
import { applyAffine } from '../internal/apply-affine';
import type { OutputCalibration } from './output-calibration';
import { checkFiniteOutput } from '../internal/check-finite-output';

/**
 * Applies an output calibration: out[i] = slope[c] · y[i] + intercept[c], with c = i mod k for a per-column
 * calibration of k columns (y is samples × k row-major) and c = 0 for a shared one. Returns a new Float64Array.
 *
 * @param y - raw outputs, finite.
 * @param calibration - from `calibrate` or `identityCalibration`.
 * @throws {InvalidParameterError} when y holds NaN or ±Infinity or the calibration is malformed.
 * @throws {ShapeMismatchError} when a per-column calibration's length does not divide y.length.
 * @example
 * applyCalibration([1, 2], { slope: new Float64Array([2]), intercept: new Float64Array([1]), r2: new Float64Array([1]) }); // → [3, 5]
 */
export function applyCalibration(y: ArrayLike<number>, calibration: OutputCalibration): Float64Array {
  const where = 'applyCalibration';
  const ys = checkFiniteArray(where, 'y', y);
  const k = checkCalibration(where, 'calibration', calibration);
  if (ys.length % k !== 0)
    throw new ShapeMismatchError({
      where,
      parameter: 'y',
      expectedShape: [Math.ceil(ys.length / k), k],
      actualShape: [ys.length],
      detail: `(a multiple of the ${k} calibrated columns)`,
    });
  return checkFiniteOutput('applyCalibration', applyAffine(ys, calibration, k), 'output');
}
