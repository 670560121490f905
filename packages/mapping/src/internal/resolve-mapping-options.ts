import { InvalidParameterError, checkKnownKeys, checkOneOf, checkProportion, checkResistancePair } from '@memsim/core';
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

/** Keys a mapping call accepts besides `routine`. */
export const MAPPING_OPTION_KEYS: readonly string[] = Object.freeze(['rOn', 'rOff', 'scheme', 'pL', 'levels']);

/**
 * Checks mapping options once at the public boundary. `allowed` lists the keys the caller accepts.
 *
 * @throws {InvalidParameterError} on unknown keys, rOn ≥ rOff, non-positive or non-finite resistances, an unknown
 * scheme, pL outside [0, 1], or levels not an integer ≥ 2.
 */
export function resolveMappingOptions(
  where: string,
  options: unknown,
  allowed: readonly string[] = MAPPING_OPTION_KEYS,
): ResolvedMappingOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { rOn, rOff, scheme }',
    });
  checkKnownKeys(where, options, allowed);
  const o = options as Record<string, unknown>;
  const { rOn, rOff } = checkResistancePair(where, o.rOn, o.rOff);
  const scheme = checkOneOf(where, 'scheme', o.scheme, SCHEMES);
  const pL = o.pL === undefined ? undefined : checkProportion(where, 'pL', o.pL);
  const levels = o.levels === undefined ? undefined : checkLevels(where, o.levels);
  return Object.freeze({ rOn, rOff, gOn: 1 / rOn, gOff: 1 / rOff, scheme, pL, levels });
}

/** An integer number of conductance levels ≥ 2. */
export function checkLevels(where: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 2)
    throw new InvalidParameterError({ where, parameter: 'levels', value, expected: 'an integer >= 2 and <= 2^53 - 1' });
  return value;
}
