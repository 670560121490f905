import { InvalidParameterError } from '../errors/invalid-parameter-error';
import type { MemsimError } from '../errors/memsim-error';

/**
 * Throws the error built by `makeError` when `condition` is false. The error (and its message) is only built on
 * failure, so a passing check costs one branch.
 * @example
 * const bits = 4;
 * check(bits <= 32, () => new InvalidParameterError({ where: 'adc', parameter: 'bits', value: bits, expected: '≤ 32' }));
 */
export function check(condition: boolean, makeError: () => MemsimError): asserts condition {
  if (!condition) throw makeError();
}

function fail(where: string, parameter: string, value: unknown, expected: string): never {
  throw new InvalidParameterError({ where, parameter, value, expected });
}

/**
 * A finite number (no NaN, no ±Infinity). Returns it typed.
 *
 * @example
 * checkFiniteNumber('signal', 'amplitude', 0.5); // → 0.5
 * // checkFiniteNumber('signal', 'amplitude', NaN) throws "signal: `amplitude` must be a finite number; received NaN."
 */
export function checkFiniteNumber(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(where, parameter, value, 'a finite number');
  return value;
}

/**
 * A finite number > 0.
 *
 * @example
 * checkPositiveNumber('VTEAM params', 'rOn', 50); // → 50
 */
export function checkPositiveNumber(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(where, parameter, value, 'a finite number > 0');
  return value;
}

/**
 * A finite number >= 0.
 *
 * @example
 * checkNonNegativeNumber('retention', 'time', 0); // → 0
 */
export function checkNonNegativeNumber(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(where, parameter, value, 'a finite number >= 0');
  return value;
}

// Integers above 2^53 are not exact in a double (2^53 + 1 === 2^53), so counts and seeds stop at MAX_SAFE_INTEGER.

/**
 * An integer in [1, 2^53 − 1].
 *
 * @example
 * checkPositiveInteger('quantize', 'bits', 8); // → 8
 */
export function checkPositiveInteger(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
    fail(where, parameter, value, 'a positive integer <= 2^53 - 1');
  return value;
}

/**
 * An integer in [0, 2^53 − 1].
 *
 * @example
 * checkNonNegativeInteger('sweep', 'seed', 0); // → 0
 */
export function checkNonNegativeInteger(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(where, parameter, value, 'a non-negative integer <= 2^53 - 1');
  return value;
}

/**
 * A proportion in the closed interval [0, 1].
 *
 * @example
 * checkProportion('deviceFaults', 'lrsProportion', 0.05); // → 0.05
 */
export function checkProportion(where: string, parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(where, parameter, value, 'a number in [0, 1]');
  return value;
}

/**
 * A finite number in [min, max] (closed).
 *
 * @example
 * checkInRange('adc', 'overflowRate', 0.1, 0, 1); // → 0.1
 */
export function checkInRange(where: string, parameter: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    fail(where, parameter, value, `a number in [${min}, ${max}]`);
  return value;
}

/**
 * A boolean.
 *
 * @example
 * checkBoolean('write', 'transistor', true); // → true
 */
export function checkBoolean(where: string, parameter: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(where, parameter, value, 'true or false');
  return value;
}

/**
 * One of a closed set of strings (the runtime list of a string union).
 *
 * @example
 * const scheme = checkOneOf('naiveMap', 'scheme', 'double-column', ['double-column', 'single-column'] as const);
 * scheme; // → 'double-column' (typed as the union)
 */
export function checkOneOf<T extends string>(
  where: string,
  parameter: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    fail(where, parameter, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  return value as T;
}

/**
 * A resistance pair with 0 < rOn < rOff, both finite.
 *
 * @example
 * checkResistancePair('VTEAM params', 50, 1000); // → { rOn: 50, rOff: 1000 }
 * // checkResistancePair('VTEAM params', 1000, 50) throws: `rOn` must be smaller than `rOff` (50)
 */
export function checkResistancePair(where: string, rOn: unknown, rOff: unknown): { rOn: number; rOff: number } {
  const on = checkPositiveNumber(where, 'rOn', rOn);
  const off = checkPositiveNumber(where, 'rOff', rOff);
  if (!(on < off)) fail(where, 'rOn', on, `smaller than \`rOff\` (${off})`);
  return { rOn: on, rOff: off };
}
