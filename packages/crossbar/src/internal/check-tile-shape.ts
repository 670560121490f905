import { InvalidParameterError } from '@memsim/core';

/**
 * Checks a tile shape `[tileRows, tileCols]` (both positive integers) and returns it as a fresh tuple.
 *
 * @throws {InvalidParameterError} when it is not a two-element array of positive integers.
 */
export function checkTileShape(where: string, parameter: string, value: unknown): [number, number] {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1);
  if (!ok)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'a pair [tileRows, tileCols] of positive integers',
    });
  return [value[0] as number, value[1] as number];
}
