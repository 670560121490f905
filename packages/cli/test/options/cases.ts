import { InvalidParameterError } from '@memsim/core';
import { expect } from 'vitest';

/** One bad call of a converted boundary: a label, the call (sync or async) and the message it must give. */
export type OptionCase = [label: string, call: () => unknown, message: RegExp];

/** The error a call throws (or its promise rejects with); fails the test when it returns normally. */
export async function errorOf(call: () => unknown): Promise<Error> {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to throw, but it returned');
}

/**
 * Asserts what every rejected option must give (issue 20): an InvalidParameterError whose message starts with the
 * boundary's name and matches `message` (the key or parameter, the value, what is allowed).
 */
export async function expectRejected(where: string, call: () => unknown, message: RegExp): Promise<void> {
  const error = await errorOf(call);
  expect(InvalidParameterError.isInstance(error), `${error.name}: ${error.message}`).toBe(true);
  expect(error.message).toMatch(new RegExp(`^${where}[ :]`));
  expect(error.message).toMatch(message);
}

/** The "unknown key" message, with the near-miss hint when given and every allowed key, in the interface's order. */
export function unknownKey(where: string, key: string, allowed: readonly string[], hint?: string): RegExp {
  const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const list = allowed.map((k) => `\`${k}\``).join(', ');
  const middle = hint === undefined ? '; allowed keys' : `; did you mean \`${hint}\`\\? Allowed keys`;
  return new RegExp(`^${quote(where)}: unknown key \`${quote(key)}\`${middle} are ${quote(list)}\\.$`);
}
