// MODULES //

import { checkKnownKeys, checkNonNegativeNumber, InvalidParameterError } from '@memsim/core';

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

/** Option keys of {@link PassiveOptions}. */
export const PASSIVE_OPTION_KEYS = Object.freeze([
  'sourceResistance',
  'lineResistance',
  'wordLineResistance',
  'bitLineResistance',
  'accessResistance',
] as const);

/**
 * Checks the wiring options (known keys, finite and ≥ 0) and applies the defaults.
 *
 * @throws {InvalidParameterError} when `options` is not an object, has an unknown key, or a resistance is missing,
 *   negative, NaN or infinite
 */
export function resolvePassiveOptions(
  where: string,
  options: unknown,
  extraKeys: readonly string[] = [],
): ResolvedPassiveOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { sourceResistance, lineResistance, ... }',
    });
  checkKnownKeys(where, options, [...PASSIVE_OPTION_KEYS, ...extraKeys]);
  const o = options as Partial<PassiveOptions>;
  const sourceResistance = checkNonNegativeNumber(where, 'sourceResistance', o.sourceResistance);
  const lineResistance = checkNonNegativeNumber(where, 'lineResistance', o.lineResistance);
  const wordLineResistance =
    o.wordLineResistance === undefined
      ? lineResistance
      : checkNonNegativeNumber(where, 'wordLineResistance', o.wordLineResistance);
  const bitLineResistance =
    o.bitLineResistance === undefined
      ? lineResistance
      : checkNonNegativeNumber(where, 'bitLineResistance', o.bitLineResistance);
  const accessResistance =
    o.accessResistance === undefined
      ? DEFAULT_PASSIVE_OPTIONS.accessResistance
      : checkNonNegativeNumber(where, 'accessResistance', o.accessResistance);
  return Object.freeze({ sourceResistance, wordLineResistance, bitLineResistance, accessResistance });
}
