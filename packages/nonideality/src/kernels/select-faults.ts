import type { Rng, OptionsSchema } from '@memsim/core';
import {
  InvalidParameterError,
  ShapeMismatchError,
  checkNonNegativeInteger,
  resolveRng,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { checkMemory } from '@memsim/core';

/**
 * Options of {@link selectFaults}.
 *
 * @example
 * const options: SelectFaultsOptions = { lrsProportion: 0.1, hrsProportion: 0, electroformProportion: 0, exclude: null, seed: 1 }; // 0, 0, null: defaults
 * selectFaults(100, options).lrs.length; // → 10
 */
export interface SelectFaultsOptions {
  /** Fraction of eligible devices stuck at their low-resistance state (1/rOn) [1], in [0, 1]. @default 0 */
  lrsProportion?: number;
  /** Fraction of eligible devices stuck at their high-resistance state (1/rOff) [1], in [0, 1]. @default 0 */
  hrsProportion?: number;
  /**
   * Fraction of eligible devices that failed to electroform, hence also stuck at 1/rOff [1], in [0, 1].
   * The three proportions must sum to at most 1. @default 0
   */
  electroformProportion?: number;
  /** Elements that can never be chosen (1 = excluded), e.g. tile padding or devices already stuck. */
  exclude?: Uint8Array | null;
  /** Seed of a fresh generator (give `seed` or `rng`). */
  seed?: number;
  /** Generator to draw from (wins over `seed`). */
  rng?: Rng;
}

/**
 * Result of {@link selectFaults}: three disjoint, ascending index sets.
 *
 * @example
 * const exclude = new Uint8Array(100).fill(1, 80); // the last 20 elements are padding
 * const faults: FaultSelection = selectFaults(100, { hrsProportion: 0.25, exclude, seed: 1 });
 * [faults.eligible, faults.hrs.length, faults.lrs.length]; // → [80, 20, 0]
 */
export interface FaultSelection {
  /** Indices stuck at LRS; length `floor(eligible · lrsProportion)`. */
  lrs: Int32Array;
  /** Indices stuck at HRS; length `floor(eligible · hrsProportion)`. */
  hrs: Int32Array;
  /** Indices that failed to electroform (stuck at HRS); length `floor(eligible · electroformProportion)`. */
  electroform: Int32Array;
  /** Number of elements that could be chosen (size minus excluded). */
  eligible: number;
}

/** The three fault proportions, each in [0, 1] and absent = 0 (shared by `selectFaults` and `deviceFaults`). @internal */
export const FAULT_PROPORTION_RULES = {
  lrsProportion: option.withDefault(rule.proportion, 0),
  hrsProportion: option.withDefault(rule.proportion, 0),
  electroformProportion: option.withDefault(rule.proportion, 0),
};

const SCHEMA = {
  ...FAULT_PROPORTION_RULES,
  exclude: option.optional(rule.any<Uint8Array | null>()), // checked against `size` below
  seed: option.optional(rule.any<number>()), // seed and rng: resolveRng's rules
  rng: option.optional(rule.any<Rng>()),
} satisfies OptionsSchema<SelectFaultsOptions>;

/**
 * Draws exact numbers of faulty elements out of `size`, without replacement, into three disjoint sets (LRS, HRS,
 * failed electroforming), so the realised fractions equal the requested ones (up to the floor of the count).
 * Excluded elements are neither chosen nor counted.
 *
 * @param size - number of elements (devices).
 * @throws {InvalidParameterError} when `size` is not a non-negative integer, a proportion is outside [0, 1], the
 * proportions sum to more than 1, neither `seed` nor `rng` is given, or an option is unknown.
 * @throws {ShapeMismatchError} when `exclude` does not have length `size`.
 * @example
 * const f = selectFaults(100, { lrsProportion: 0.1, hrsProportion: 0.2, seed: 1 });
 * f.lrs.length; // → 10
 */
export function selectFaults(size: number, options: SelectFaultsOptions): FaultSelection {
  const where = 'selectFaults';
  const o = resolveOptions(where, options, SCHEMA);
  checkNonNegativeInteger(where, 'size', size);
  // The shuffle's index array (4 bytes per cell) plus the three sorted sets (at most 4 more per cell).
  checkMemory(where, 'size', size, 8);
  const p = checkFaultProportions(where, o);
  const exclude = o.exclude ?? null;
  if (exclude !== null) {
    if (!(exclude instanceof Uint8Array))
      throw new InvalidParameterError({
        where,
        parameter: 'exclude',
        value: exclude,
        expected: 'a Uint8Array (1 = excluded) or null',
      });
    if (exclude.length !== size)
      throw new ShapeMismatchError({
        where,
        parameter: 'exclude',
        expectedShape: [size],
        actualShape: [exclude.length],
      });
  }
  const rng = resolveRng(where, o);
  return selectFaultsKernel(size, p.lrs, p.hrs, p.electroform, exclude, rng);
}

/**
 * Checks that the three fault proportions (each already resolved by {@link FAULT_PROPORTION_RULES}) sum to ≤ 1.
 *
 * @throws {InvalidParameterError} when the sum exceeds 1.
 */
export function checkFaultProportions(
  where: string,
  options: { lrsProportion: number; hrsProportion: number; electroformProportion: number },
): { lrs: number; hrs: number; electroform: number } {
  const { lrsProportion: lrs, hrsProportion: hrs, electroformProportion: electroform } = options;
  const sum = lrs + hrs + electroform;
  if (sum > 1 + 1e-12)
    throw new InvalidParameterError({
      where,
      parameter: 'lrsProportion + hrsProportion + electroformProportion',
      value: sum,
      expected: 'at most 1 (the three fault sets are disjoint)',
    });
  return { lrs, hrs, electroform };
}

/**
 * Unchecked kernel of {@link selectFaults}: a partial Fisher–Yates shuffle over the eligible indices, then the
 * first counts are split into the three sets (each sorted ascending).
 */
export function selectFaultsKernel(
  size: number,
  lrs: number,
  hrs: number,
  electroform: number,
  exclude: Uint8Array | null,
  rng: Rng,
): FaultSelection {
  let eligible = size;
  if (exclude !== null) for (let i = 0; i < size; i++) eligible -= exclude[i] === 0 ? 0 : 1;
  const pool = new Int32Array(eligible);
  if (exclude === null) for (let i = 0; i < size; i++) pool[i] = i;
  else for (let i = 0, j = 0; i < size; i++) if (exclude[i] === 0) pool[j++] = i;
  const nLrs = countOf(eligible, lrs);
  const nHrs = countOf(eligible, hrs);
  const nEf = Math.min(countOf(eligible, electroform), eligible - nLrs - nHrs);
  const total = nLrs + nHrs + nEf;
  for (let i = 0; i < total; i++) {
    const j = i + rng.integer(eligible - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return {
    lrs: pool.slice(0, nLrs).sort(),
    hrs: pool.slice(nLrs, nLrs + nHrs).sort(),
    electroform: pool.slice(nLrs + nHrs, total).sort(),
    eligible,
  };
}

/** floor(n·p), robust to the rounding of n·p just below an integer (0.29·100 = 28.999…). */
function countOf(n: number, p: number): number {
  return Math.min(n, Math.floor(n * p * (1 + 1e-12)));
}
