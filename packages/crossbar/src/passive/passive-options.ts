// MODULES //

import { InvalidParameterError, option, resolveOptions, rule } from '@memsim/core';
import type { OptionsSchema, ResolvedOptions } from '@memsim/core';

// TYPES //

/**
 * The resistances of a passive (0T1R) crossbar's wiring. Every field is in ohms.
 *
 * @example
 * const options: PassiveOptions = { sourceResistance: 5, lineResistance: 1, accessResistance: 0 }; // [Ω]
 * factorPassive({ rows: 1, cols: 1, data: [1e-3] }, options);
 */
export interface PassiveOptions {
  /**
   * Resistance between each word line's driver and its first cell, and between each bit line's last cell and its
   * terminal [Ω]. Required, finite, ≥ 0. `0` pins the driven node to its source voltage.
   */
  sourceResistance: number;
  /**
   * Resistance of each wire segment between neighbouring cells, on word and bit lines alike [Ω]. Required, finite,
   * ≥ 0. `0` merges each line into one node. Overridden per line kind by `wordLineResistance` and `bitLineResistance`.
   */
  lineResistance: number;
  /** Segment resistance of the word lines (rows) [Ω]. Default: `lineResistance`. Finite, ≥ 0. */
  wordLineResistance?: number;
  /** Segment resistance of the bit lines (columns) [Ω]. Default: `lineResistance`. Finite, ≥ 0. */
  bitLineResistance?: number;
  /**
   * On-resistance of an access transistor in series with every cell (1T1R with wire resistance) [Ω]. Default 0.
   * Finite, ≥ 0.
   */
  accessResistance?: number;
}

/**
 * Options of `solvePassive`: the wiring plus what to return.
 *
 * @example
 * const options: SolvePassiveOptions = { sourceResistance: 0, lineResistance: 0, returnCellVoltages: true };
 * solvePassive({ rows: 1, cols: 1, data: [1e-3] }, [1], [0], options).cellVoltages; // → [1]
 */
export interface SolvePassiveOptions extends PassiveOptions {
  /** Also return the voltage across every device (rows × cols). Default false. */
  returnCellVoltages?: boolean;
}

/**
 * The wiring with every default applied (frozen).
 *
 * @example
 * const f = factorPassive({ rows: 1, cols: 1, data: [1e-3] }, { sourceResistance: 5, lineResistance: 1 });
 * const resolved: ResolvedPassiveOptions = f.options; // lineResistance split into word- and bit-line values
 * resolved.wordLineResistance; // → 1
 */
export interface ResolvedPassiveOptions {
  readonly sourceResistance: number;
  readonly wordLineResistance: number;
  readonly bitLineResistance: number;
  readonly accessResistance: number;
}

// MAIN //

/**
 * Defaults of the optional fields of {@link PassiveOptions} and {@link SolvePassiveOptions}.
 *
 * @example
 * DEFAULT_PASSIVE_OPTIONS; // → { accessResistance: 0, returnCellVoltages: false }
 */
export const DEFAULT_PASSIVE_OPTIONS: Readonly<{ accessResistance: number; returnCellVoltages: boolean }> =
  Object.freeze({
    accessResistance: 0,
    returnCellVoltages: false,
  });

/**
 * The rules of {@link PassiveOptions}, each written once: every resistance finite and ≥ 0 [Ω]. The word- and bit-line
 * values stay absent here and default to `lineResistance` in {@link passiveWiring}. Callers with more options spread
 * it into their own schema.
 */
export const PASSIVE_RULES = {
  sourceResistance: option.requiredByRule(rule.nonNegative),
  lineResistance: option.requiredByRule(rule.nonNegative),
  wordLineResistance: option.optional(rule.nonNegative),
  bitLineResistance: option.optional(rule.nonNegative),
  accessResistance: option.withDefault(rule.nonNegative, DEFAULT_PASSIVE_OPTIONS.accessResistance),
} satisfies OptionsSchema<PassiveOptions>;

/** Option keys of {@link PassiveOptions} (the schema's keys, so the list cannot drift from the interface). */
export const PASSIVE_OPTION_KEYS = Object.freeze(Object.keys(PASSIVE_RULES) as (keyof PassiveOptions)[]);

/** The wiring of options resolved by {@link PASSIVE_RULES} (alone or spread into a larger schema), frozen. */
export function passiveWiring(o: ResolvedOptions<PassiveOptions, typeof PASSIVE_RULES>): ResolvedPassiveOptions {
  return Object.freeze({
    sourceResistance: o.sourceResistance,
    wordLineResistance: o.wordLineResistance ?? o.lineResistance,
    bitLineResistance: o.bitLineResistance ?? o.lineResistance,
    accessResistance: o.accessResistance,
  });
}

/**
 * Checks the wiring options (known keys, finite and ≥ 0) and applies the defaults.
 *
 * @throws {InvalidParameterError} when `options` is not an object, has an unknown key, or a resistance is missing,
 *   negative, NaN or infinite
 */
export function resolvePassiveOptions(where: string, options: unknown): ResolvedPassiveOptions {
  checkPassiveObject(where, options);
  return passiveWiring(resolveOptions(where, options as PassiveOptions, PASSIVE_RULES));
}

/** Rejects a missing or non-object options argument with a message that says what it must hold. */
export function checkPassiveObject(where: string, options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { sourceResistance, lineResistance, ... }',
    });
}
