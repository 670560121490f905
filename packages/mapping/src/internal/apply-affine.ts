import type { OutputCalibration } from '../calibrate/output-calibration';

/** out[i] = slope[i mod k] · y[i] + intercept[i mod k] (the kernel of applyCalibration); no checks. */
export function applyAffine(y: ArrayLike<number>, c: OutputCalibration, k: number): Float64Array {
  const out = new Float64Array(y.length);
  const { slope, intercept } = c;
  for (let i = 0, j = 0; i < y.length; i++, j = j + 1 === k ? 0 : j + 1) out[i] = slope[j]! * y[i]! + intercept[j]!;
  return out;
}
