import { InvalidParameterError, checkResistancePair, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import type { MappingOptions } from '../map/mapping-types';
import { SCHEMES } from '../map/scheme';
import type { Scheme } from '../map/scheme';

/** Validated mapping options with the derived conductances, frozen. */
export interface ResolvedMappingOptions {
  readonly rOn: number;
  readonly rOff: number;
  /** 1/rOn [S]. */
  readonly gOn: number;
  /** 1/rOff [S]. */
  readonly gOff: number;
  readonly scheme: Scheme;
  readonly pL: number | undefined;
  readonly levels: number | undefined;
}

/** The rules of {@link MappingOptions} (rOn and rOff are checked as a pair, rOn < rOff, by checkResistancePair). */
export const MAPPING_OPTIONS_SCHEMA = {
  rOn: option.optional(rule.any<number>()),
  rOff: option.optional(rule.any<number>()),
  scheme: option.requiredByRule(rule.oneOf(SCHEMES)),
  pL: option.optional(rule.proportion),
  levels: option.optional((where: string, _parameter: string, value: unknown) => checkLevels(where, value)),
} satisfies OptionsSchema<MappingOptions>;

/** The same without `levels`, for the routines that take no level count. */
const { levels: _levels, ...WITHOUT_LEVELS } = MAPPING_OPTIONS_SCHEMA;
export const CONTINUOUS_MAPPING_SCHEMA = WITHOUT_LEVELS satisfies OptionsSchema<Omit<MappingOptions, 'levels'>>;

/**
 * Checks mapping options once at the public boundary, with the schema of the keys the caller accepts.
 *
 * @throws {InvalidParameterError} on unknown keys, rOn ≥ rOff, non-positive or non-finite resistances, an unknown
 * scheme, pL outside [0, 1], or levels not an integer ≥ 2.
 */
export function resolveMappingOptions(
  where: string,
  options: unknown,
  schema: typeof CONTINUOUS_MAPPING_SCHEMA | typeof MAPPING_OPTIONS_SCHEMA = MAPPING_OPTIONS_SCHEMA,
): ResolvedMappingOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { rOn, rOff, scheme }',
    });
  // Typed as the full schema: a schema without `levels` only rejects that key (and leaves it absent).
  const o = resolveOptions(where, options as MappingOptions, schema as typeof MAPPING_OPTIONS_SCHEMA);
  const { rOn, rOff } = checkResistancePair(where, o.rOn, o.rOff);
  return Object.freeze({ rOn, rOff, gOn: 1 / rOn, gOff: 1 / rOff, scheme: o.scheme, pL: o.pL, levels: o.levels });
}

/** An integer number of conductance levels ≥ 2. */
export function checkLevels(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 2)
    throw new InvalidParameterError({ where, parameter: 'levels', value, expected: 'an integer >= 2 and <= 2^53 - 1' });
  return value;
}
