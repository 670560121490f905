import { checkPositiveNumber, InvalidParameterError } from '@memsim/core';

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
  const n = Math.ceil((duration + dt) / dt);
  if (!(n <= Number.MAX_SAFE_INTEGER))
    throw new InvalidParameterError({
      where: 'sampleCount',
      parameter: 'duration',
      value: duration,
      expected: `at most 2^53 - 1 samples of dt = ${dt} s (duration / dt is ${duration / dt})`,
    });
  return n;
}
