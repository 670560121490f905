import { InvalidParameterError } from '../errors/invalid-parameter-error';

/**
 * A crossbar tile shape `[tileRows, tileCols]`, both positive integers, returned as a fresh tuple (the caller's array
 * can change later without touching it). Lives here, below every package that tiles (crossbar, layers), so the rule
 * is written once.
 *
 * @throws {InvalidParameterError} when it is not a two-element array of positive integers.
 * @example
 * checkTileShape('mvm', 'tileShape', [128, 64]); // → [128, 64]
 * // checkTileShape('mvm', 'tileShape', [128]) throws "mvm: `tileShape` must be a pair [tileRows, tileCols] of positive integers; …"
 */
export function checkTileShape(where: string, parameter: string, value: unknown): [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 1);
  if (!ok)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'a pair [tileRows, tileCols] of positive integers',
    });
  return [value[0] as number, value[1] as number];
}
