import { InvalidParameterError } from '../errors/invalid-parameter-error';
import {
  checkBoolean,
  checkFiniteNumber,
  checkInRange,
  checkNonNegativeInteger,
  checkNonNegativeNumber,
  checkOneOf,
  checkPositiveInteger,
  checkPositiveNumber,
  checkProportion,
} from './check';
import { checkKnownKeys } from './check-known-keys';
import { isRng, type Rng } from '../rng/rng';

/**
 * A check of one option: returns the (typed, possibly normalised) value or throws a memsim error.
 *
 * @example
 * const even: OptionCheck<number> = (where, parameter, value) => {
 *   const n = rule.nonNegativeInteger(where, parameter, value);
 *   if (n % 2 !== 0) throw new InvalidParameterError({ where, parameter, value, expected: 'an even integer' });
 *   return n;
 * };
 * even('tile', 'rows', 4); // → 4
 */
export type OptionCheck<T> = (where: string, parameter: string, value: unknown) => T;

/**
 * How one option is resolved: its check, and either a default or whether it must be given.
 *
 * @example
 * const bits: OptionRule<number> = { check: rule.positiveInteger, default: 8 };
 * const same = option.withDefault(rule.positiveInteger, 8); // the builder makes the same rule
 * bits.check('quantize', 'bits', 4); // → 4
 */
export interface OptionRule<T> {
  /** Validates a given value (never called with `undefined`). */
  readonly check: OptionCheck<T>;
  /** Used when the option is absent (`undefined`); the default itself is not checked. */
  readonly default?: T;
  /** When true, an absent option throws `InvalidParameterError`. */
  readonly required?: boolean;
  /** With `required`: an absent option is put to `check` (as `undefined`), so its error says what is allowed. */
  readonly absentByRule?: boolean;
}

/**
 * A schema for the options interface `O`: one rule per key of `O`, no more and no fewer (checked by TypeScript), so
 * the schema cannot drift from the interface it resolves.
 *
 * @example
 * interface AdcOptions { bits?: number; overflowRate?: number }
 * const schema = {
 *   bits: option.withDefault(rule.positiveInteger, 8),
 *   overflowRate: option.optional(rule.proportion),
 * } satisfies OptionsSchema<AdcOptions>; // a missing or extra key fails to compile
 * const given: AdcOptions = {};
 * resolveOptions('adc', given, schema).bits; // → 8
 */
export type OptionsSchema<O extends object> = { readonly [K in keyof O]-?: OptionRule<Exclude<O[K], undefined>> };

/**
 * The frozen result of {@link resolveOptions}: each key typed by what its rule returns; keys with a default or
 * `required` are no longer optional.
 *
 * @example
 * interface Read { voltage?: number; cycles?: number }
 * const schema = { voltage: option.withDefault(rule.positive, 0.1), cycles: option.optional(rule.positiveInteger) };
 * const given: Read = {};
 * const o: ResolvedOptions<Read, typeof schema> = resolveOptions('read', given, schema);
 * o.voltage; // → 0.1 (typed number: it has a default)
 * o.cycles; // → undefined (typed number | undefined)
 */
// Written out rather than through helper aliases so the API reference shows the whole type: a key is present
// when its rule has a default or is required; each value is what its rule's check returns.
export type ResolvedOptions<O extends object, S> = Readonly<
  {
    [K in keyof O & keyof S as S[K] extends { readonly default: unknown } | { readonly required: true }
      ? K
      : never]-?: S[K] extends OptionRule<infer T> ? T : never;
  } & {
    [K in keyof O & keyof S as S[K] extends { readonly default: unknown } | { readonly required: true }
      ? never
      : K]?: S[K] extends OptionRule<infer T> ? T : never;
  }
>;

/**
 * Validates an options object against its schema, once, at a public boundary (style rule 9): unknown keys are
 * rejected (with a "did you mean" hint), every given value goes through its rule, absent values take their default or
 * throw when required. Returns a new frozen object holding only the schema's keys; the caller's object is not read
 * again nor modified. `undefined` options resolve as `{}`; `null` and non-objects are rejected.
 *
 * With `parameter` (the name of a config nested in a larger call, e.g. `'adc'` in `mvm`'s options), messages name
 * each key as `adc.bits` and unknown keys are reported for `` `${where} adc` ``.
 *
 * @throws {InvalidParameterError} when `options` is not an object, has an unknown key, misses a required key, or a
 *   value breaks its rule (the message names `where`, the key, the value and the rule).
 * @example
 * interface Quant { bits: number; method?: 'linear' | 'log' }
 * const given: Quant = { bits: 8 };
 * const o = resolveOptions('quantize', given, {
 *   bits: option.required(rule.positiveInteger),
 *   method: option.withDefault(rule.oneOf(['linear', 'log'] as const), 'linear'),
 * });
 * o.method; // → 'linear'
 * resolveOptions('mvm', { bits: 8 }, { bits: option.required(rule.positiveInteger) }, 'adc').bits; // → 8 (errors name `adc.bits`)
 */
export function resolveOptions<O extends object, S extends OptionsSchema<O>>(
  where: string,
  options: O | undefined,
  schema: S,
  parameter?: string,
): ResolvedOptions<O, S> {
  const keys = Object.keys(schema);
  checkKnownKeys(parameter === undefined ? where : `${where} ${parameter}`, options, keys);
  const given = (options ?? {}) as Record<string, unknown>;
  const resolved: Record<string, unknown> = {};
  for (const key of keys) {
    const spec = (schema as Record<string, OptionRule<unknown>>)[key]!;
    const name = parameter === undefined ? key : `${parameter}.${key}`;
    const value = given[key];
    if (value !== undefined) resolved[key] = spec.check(where, name, value);
    else if ('default' in spec) resolved[key] = spec.default;
    else if (spec.required === true) {
      if (spec.absentByRule === true) spec.check(where, name, value); // throws in the rule's own words
      throw new InvalidParameterError({ where, parameter: name, value, expected: 'given (a required option)' });
    }
  }
  return Object.freeze(resolved) as ResolvedOptions<O, S>;
}

/**
 * Builders of {@link OptionRule}s.
 *
 * @example
 * const bits = option.withDefault(rule.positiveInteger, 8); // absent → 8, given → checked
 */
export const option = Object.freeze({
  /** An option that must be given. */
  required<T>(check: OptionCheck<T>): OptionRule<T> & { readonly required: true } {
    return { check, required: true };
  },
  /**
   * An option that must be given, whose absence is reported by its own rule ("`bits` must be a positive integer;
   * received undefined") rather than as "must be given".
   */
  requiredByRule<T>(check: OptionCheck<T>): OptionRule<T> & { readonly required: true } {
    return { check, required: true, absentByRule: true };
  },
  /** An option with a default used when it is absent. */
  withDefault<T, D extends T>(check: OptionCheck<T>, value: D): OptionRule<T> & { readonly default: T } {
    return { check, default: value };
  },
  /** An option that may stay absent (resolved as absent). */
  optional<T>(check: OptionCheck<T>): OptionRule<T> {
    return { check };
  },
});

/**
 * The shared rules, each written once (the wording of the `check*` functions of this package).
 *
 * @example
 * rule.positive('crossbar', 'rOn', 100); // → 100
 */
export const rule = Object.freeze({
  /** A finite number. */
  finite: checkFiniteNumber as OptionCheck<number>,
  /** A finite number > 0. */
  positive: checkPositiveNumber as OptionCheck<number>,
  /** A finite number ≥ 0. */
  nonNegative: checkNonNegativeNumber as OptionCheck<number>,
  /** An integer ≥ 1. */
  positiveInteger: checkPositiveInteger as OptionCheck<number>,
  /** An integer ≥ 0. */
  nonNegativeInteger: checkNonNegativeInteger as OptionCheck<number>,
  /** A number in [0, 1]. */
  proportion: checkProportion as OptionCheck<number>,
  /** true or false. */
  boolean: checkBoolean as OptionCheck<boolean>,
  /** A finite number in the closed interval [min, max]. */
  range(min: number, max: number): OptionCheck<number> {
    return (where, parameter, value) => checkInRange(where, parameter, value, min, max);
  },
  /** An integer in the closed interval [min, max]. */
  integerRange(min: number, max: number): OptionCheck<number> {
    return (where, parameter, value) => {
      if (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
        throw new InvalidParameterError({ where, parameter, value, expected: `an integer in [${min}, ${max}]` });
      return value as number;
    };
  },
  /** One of a closed set of strings (the runtime list of a string union). */
  oneOf<T extends string>(allowed: readonly T[]): OptionCheck<T> {
    return (where, parameter, value) => checkOneOf(where, parameter, value, allowed);
  },
  /** A generator from `createRng()` (duck-typed, as {@link isRng}). */
  rng: ((where, parameter, value) => {
    if (!isRng(value))
      throw new InvalidParameterError({ where, parameter, value, expected: 'an Rng from createRng()' });
    return value;
  }) as OptionCheck<Rng>,
  /** Any value, unchecked (for values checked later by their own owner, such as a nested config). */
  any<T>(): OptionCheck<T> {
    return (_where, _parameter, value) => value as T;
  },
});
