import { InvalidParameterError, checkFiniteArray } from '@memsim/core';
import type { OutputCalibration } from '../calibrate/output-calibration';

/** Checks an {@link OutputCalibration}: three finite arrays of one common length ≥ 1. Returns that length. */
export function checkCalibration(where: string, parameter: string, value: unknown): number {
  const c = value as OutputCalibration;
  if (typeof value !== 'object' || value === null)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'an OutputCalibration { slope, intercept, r2 }',
    });
  checkFiniteArray(where, `${parameter}.slope`, c.slope);
  checkFiniteArray(where, `${parameter}.intercept`, c.intercept);
  checkFiniteArray(where, `${parameter}.r2`, c.r2);
  const n = c.slope.length;
  if (n === 0 || c.intercept.length !== n || c.r2.length !== n)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: `slope, intercept and r2 of one common length >= 1 (got ${n}, ${c.intercept.length}, ${c.r2.length})`,
    });
  return n;
}
