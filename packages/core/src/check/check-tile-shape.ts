import { InvalidParameterError } from '../errors/invalid-parameter-error';

const DIMENSIONS = ['tileRows', 'tileCols'] as const;

/**
 * A crossbar tile shape `[tileRows, tileCols]`, both positive integers, returned as a fresh tuple (the caller's array
 * can change later without touching it). Lives here, below every package that tiles (crossbar, layers), so the rule
 * is written once. A pair with a bad element names that element (`tileShape[0]`), so a nested config's message
 * points at the exact entry.
 *
 * @throws {InvalidParameterError} when it is not a two-element array, or an element is not a positive integer.
 * @example
 * checkTileShape('mvm', 'tileShape', [128, 64]); // → [128, 64]
 * // checkTileShape('mvm', 'tileShape', [128]) throws "mvm: `tileShape` must be a pair [tileRows, tileCols] of positive integers; …"
 * // checkTileShape('mvm', 'tileShape', [0, 64]) throws "mvm: `tileShape[0]` must be a positive integer (tileRows) …"
 */
export function checkTileShape(where: string, parameter: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2)
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'a pair [tileRows, tileCols] of positive integers',
    });
  for (let i = 0; i < 2; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1)
      throw new InvalidParameterError({
        where,
        parameter: `${parameter}[${i}]`,
        value: v,
        expected: `a positive integer <= 2^53 - 1 (${DIMENSIONS[i]})`,
      });
  }
  return [value[0] as number, value[1] as number];
}
