import { InvalidParameterError } from '../errors/invalid-parameter-error';

/**
 * A required options argument (a function with no defaults for its fields) must be a plain object: undefined, null,
 * an array or a primitive is rejected before any field is read.
 *
 * @throws {InvalidParameterError} when it is missing or not an object.
 * @example
 * const options: unknown = { mode: 'ideal' };
 * requireOptions('mvm', options); // passes; `options` is now typed `object`
 * // requireOptions('mvm', undefined) throws "mvm: `options` must be an options object; received undefined."
 */
export function requireOptions(where: string, options: unknown): asserts options is object {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({ where, parameter: 'options', value: options, expected: 'an options object' });
}
