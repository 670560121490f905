import { checkPositiveNumber } from '@memsim/core';

/**
 * Number of samples of `t = 0, dt, 2·dt, …` up to `duration` inclusive, exactly as numpy's
 * `arange(0, duration + dt, dt)` counts them: `ceil((duration + dt) / dt)`.
 *
 * @throws {InvalidParameterError} when `duration` or `dt` is not a finite number > 0.
 * @example
 * sampleCount(4, 1e-4); // → 40001
 */
export function sampleCount(duration: number, dt: number): number {
  checkPositiveNumber('sampleCount', 'duration', duration);
  checkPositiveNumber('sampleCount', 'dt', dt);
  return Math.ceil((duration + dt) / dt);
}
