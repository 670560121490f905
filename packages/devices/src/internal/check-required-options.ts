import { InvalidParameterError } from '@memsim/core';

/** A function whose options object is required (no defaults for its fields) must not get undefined or null. */
export function checkRequiredOptions(where: string, options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({ where, parameter: 'options', value: options, expected: 'an options object' });
}
