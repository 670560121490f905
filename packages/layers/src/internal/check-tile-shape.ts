import { checkPositiveInteger, InvalidParameterError } from '@memsim/core';

/**
 * The tile-shape rule of the patch configs (an option check): a pair of positive integers, each named in its error
 * (`tileShape[0]`). Returns a fresh tuple.
 */
export function checkTileShape(where: string, parameter: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2)
    throw new InvalidParameterError({ where, parameter, value, expected: 'a pair [rows, cols] of positive integers' });
  return [
    checkPositiveInteger(where, `${parameter}[0]`, value[0]),
    checkPositiveInteger(where, `${parameter}[1]`, value[1]),
  ];
}
