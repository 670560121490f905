import { checkPositiveInteger } from '@memsim/core';
import type { OutputCalibration } from './output-calibration';

/**
 * The identity calibration (slope 1, intercept 0): what a layer starts from and what every fit is measured against.
 *
 * @param cols - number of columns (1 = one shared line). @default 1
 * @throws {InvalidParameterError} when cols is not a positive integer.
 * @example
 * identityCalibration(2); // → { slope: [1, 1], intercept: [0, 0], r2: [1, 1] }
 */
export function identityCalibration(cols = 1): OutputCalibration {
  checkPositiveInteger('identityCalibration', 'cols', cols);
  return {
    slope: new Float64Array(cols).fill(1),
    intercept: new Float64Array(cols),
    r2: new Float64Array(cols).fill(1),
  };
}
