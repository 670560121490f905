import { InvalidParameterError } from '@memsim/core';

/** Binary parsers take a Uint8Array (a Node Buffer is one); anything else is a typed error naming the source. */
export function checkBytes(where: string, source: string, bytes: unknown): Uint8Array {
  if (!(bytes instanceof Uint8Array))
    throw new InvalidParameterError({ where, parameter: source, value: bytes, expected: 'file bytes (a Uint8Array)' });
  return bytes;
}
