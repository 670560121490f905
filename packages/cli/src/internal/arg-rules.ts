import {
  InvalidParameterError,
  type OptionCheck,
  type OptionRule,
  type OptionsSchema,
  type ResolvedOptions,
  resolveOptions,
} from '@memsim/core';
import type { ParsedArgs } from './args';
import { parseQuantity, type Quantity } from './quantity';

/**
 * A library rule (`rule.positiveInteger`, `rule.integerRange(1, 64)`, …) applied to a command-line string: the text is
 * read as a number (with a unit when `quantity` is given: `--amplitude 300mV`), then checked by the same rule the
 * libraries use, so each rule is written once. Errors name the flag (`--seed`) and show the text as typed.
 */
export function numberArg(check: OptionCheck<number>, quantity?: Quantity): OptionCheck<number> {
  return (where, parameter, raw) => {
    const flag = `--${parameter}`;
    const text = typeof raw === 'string' ? raw.trim() : '';
    const value =
      text === ''
        ? Number.NaN
        : quantity === undefined
          ? Number(text)
          : parseQuantity(where.replace(/^memsim /, ''), flag, text, quantity);
    try {
      return check(where, flag, value);
    } catch (error) {
      // The rule saw the parsed number; the user typed text: report what they typed, in the rule's own words.
      if (!InvalidParameterError.isInstance(error)) throw error;
      throw new InvalidParameterError({ where, parameter: flag, value: raw, expected: error.expected });
    }
  };
}

/** The raw option texts a schema reads, by flag name. */
type ArgsOf<S> = { [K in keyof S]?: unknown };

/**
 * The numeric options of one command, resolved once by `resolveOptions` against the command's schema (keys are the
 * flag names). Commander has already rejected unknown flags, so only the schema's own flags are passed on.
 *
 * @throws {InvalidParameterError} naming the flag, the text given and what is allowed.
 */
export function resolveArgs<S extends Readonly<Record<string, OptionRule<unknown>>>>(
  command: string,
  values: ParsedArgs['values'],
  schema: S,
): ResolvedOptions<ArgsOf<S>, S> {
  const picked: ArgsOf<S> = {};
  for (const key of Object.keys(schema) as (keyof S)[])
    if (values[key as string] !== undefined) picked[key] = values[key as string];
  // Every rule takes unknown text, so S is a schema of ArgsOf<S>; TypeScript cannot see that through the generic.
  const checked = schema as unknown as OptionsSchema<ArgsOf<S>>;
  return resolveOptions(`memsim ${command}`, picked, checked) as unknown as ResolvedOptions<ArgsOf<S>, S>;
}
