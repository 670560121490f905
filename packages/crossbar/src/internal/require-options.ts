import { InvalidParameterError } from '@memsim/core';

/**
 * Checks that a required options argument is a plain object.
 *
 * @throws {InvalidParameterError} when it is missing or not an object.
 */
export function requireOptions(where: string, options: unknown): asserts options is object {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({ where, parameter: 'options', value: options, expected: 'an options object' });
}
