import { InvalidParameterError, type OptionCheck, type OptionsSchema, resolveOptions, rule } from '@memsim/core';

/**
 * The option rules the CLI's programmatic API shares beside core's `rule` (paths, streams, sample limits, sweep
 * points, nested configs), each written once. Every rule throws `InvalidParameterError` naming the function, the
 * option, the value and what is allowed.
 */
export const cliRule = Object.freeze({
  /** The libraries' seed: an integer in [0, 2^53 − 1] (as `--seed`). */
  seed: rule.nonNegativeInteger,

  /** A string that is not empty (a path, a label); `expected` says what it stands for. */
  text(expected = 'a non-empty string'): OptionCheck<string> {
    return (where, parameter, value) => {
      if (typeof value !== 'string' || value === '')
        throw new InvalidParameterError({ where, parameter, value, expected });
      return value;
    };
  },

  /** A sample count: a positive integer, or `Infinity` for all samples. */
  limit: ((where, parameter, value) => {
    if (value === Number.POSITIVE_INFINITY) return value;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
      throw new InvalidParameterError({
        where,
        parameter,
        value,
        expected: 'a positive integer (or Infinity: every sample)',
      });
    return value;
  }) as OptionCheck<number>,

  /** A progress stream (anything with `write`), or null for silence. */
  stream: ((where, parameter, value) => {
    if (value === null) return null;
    if (typeof value !== 'object' || typeof (value as { write?: unknown }).write !== 'function')
      throw new InvalidParameterError({
        where,
        parameter,
        value,
        expected: 'a writable stream (e.g. process.stderr), or null for no progress',
      });
    return value as NodeJS.WritableStream;
  }) as OptionCheck<NodeJS.WritableStream | null>,

  /** A function (a callback). */
  fn<F>(expected = 'a function'): OptionCheck<F> {
    return (where, parameter, value) => {
      if (typeof value !== 'function') throw new InvalidParameterError({ where, parameter, value, expected });
      return value as F;
    };
  },

  /** A non-empty array whose every entry passes `check` (errors name the entry: `sigmas[2]`). */
  list<T>(check: OptionCheck<T>, expected: string): OptionCheck<T[]> {
    return (where, parameter, value) => {
      if (!Array.isArray(value) || value.length === 0)
        throw new InvalidParameterError({ where, parameter, value, expected });
      return value.map((v, i) => check(where, `${parameter}[${i}]`, v));
    };
  },

  /**
   * A nested config resolved by its own schema: an object (else the error names the option), unknown keys rejected
   * for `` `${where} ${parameter}` ``, each value's error naming `parameter.key`.
   */
  nested<O extends object>(schema: OptionsSchema<O>, expected: string): OptionCheck<O> {
    return (where, parameter, value) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new InvalidParameterError({ where, parameter, value, expected });
      return resolveOptions(where, value as O, schema, parameter) as unknown as O;
    };
  },
});

/**
 * An object of named values, numbers or strings (a parameter name → its value); with `finite`, numbers must be finite.
 * `expected` says what the object stands for.
 */
export function valueRecordRule(expected: string, finite: boolean): OptionCheck<Record<string, number | string>> {
  return (where, parameter, value) => {
    const ok =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every(
        (v) => typeof v === 'string' || (typeof v === 'number' && (!finite || Number.isFinite(v))),
      );
    if (!ok) throw new InvalidParameterError({ where, parameter, value, expected });
    return value as Record<string, number | string>;
  };
}

/** One point of a sweep: an object of parameter values (finite numbers or strings). */
export const sweepPointRule = valueRecordRule(
  'a sweep point: an object of parameter values (finite numbers or strings), e.g. { sigma: 50 }',
  true,
);
