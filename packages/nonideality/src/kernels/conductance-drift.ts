import {
  InvalidParameterError,
  checkFiniteArray,
  checkKnownKeys,
  checkInRange,
  checkNonNegativeNumber,
  checkPositiveNumber,
} from '@memsim/core';
import { asNumericArray } from '../internal/as-numeric-array';

/**
 * Options of {@link driftFactor} and {@link conductanceDrift} (Boybat et al. 2018 power-law drift).
 *
 * @example
 * const options: DriftOptions = { time: 1e3, initialTime: 1e-12, driftCoefficient: 0.1 }; // initialTime, driftCoefficient: defaults
 * driftFactor(options); // → 0.0316228 = (1e3 / 1e-12)^−0.1
 */
export interface DriftOptions {
  /** Time at which the conductance is read, measured from programming [s]; must exceed `initialTime`. */
  time: number;
  /**
   * Reference time t₀ at which the programmed conductance holds [s], > 0. MemTorch silently replaced 0 by 1e-12; memsim
   * rejects 0. @default 1e-12
   */
  initialTime?: number;
  /** Drift coefficient ν [1], in [0, 1]. @default 0.1 */
  driftCoefficient?: number;
}

/**
 * Defaults of {@link DriftOptions}.
 *
 * @example
 * DEFAULT_DRIFT_OPTIONS; // → { initialTime: 1e-12, driftCoefficient: 0.1 }
 */
export const DEFAULT_DRIFT_OPTIONS: Readonly<{ initialTime: number; driftCoefficient: number }> = Object.freeze({
  initialTime: 1e-12,
  driftCoefficient: 0.1,
});

const KEYS = ['time', 'initialTime', 'driftCoefficient'] as const;

/** Validated, defaulted drift options. */
export interface ResolvedDriftOptions {
  time: number;
  initialTime: number;
  driftCoefficient: number;
}

/**
 * Validates drift options (extra keys are allowed when `extraKeys` lists them).
 *
 * @throws {InvalidParameterError} when `time` is negative or not above `initialTime`, `initialTime` is not > 0,
 * `driftCoefficient` is outside [0, 1], or a key is unknown.
 */
export function resolveDriftOptions(
  where: string,
  options: DriftOptions,
  extraKeys: readonly string[] = [],
): ResolvedDriftOptions {
  checkKnownKeys(where, options, [...KEYS, ...extraKeys]);
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object with `time`',
    });
  const time = checkNonNegativeNumber(where, 'time', options.time);
  const initialTime =
    options.initialTime === undefined
      ? DEFAULT_DRIFT_OPTIONS.initialTime
      : checkPositiveNumber(where, 'initialTime', options.initialTime);
  const driftCoefficient =
    options.driftCoefficient === undefined
      ? DEFAULT_DRIFT_OPTIONS.driftCoefficient
      : checkInRange(where, 'driftCoefficient', options.driftCoefficient, 0, 1);
  if (!(time > initialTime))
    throw new InvalidParameterError({
      where,
      parameter: 'time',
      value: time,
      expected: `greater than \`initialTime\` (${initialTime} s)`,
    });
  return { time, initialTime, driftCoefficient };
}

/**
 * The power-law drift factor G(t)/G(t₀) = (t/t₀)^(−ν) (Boybat et al., Nature Communications 9, 2514, 2018).
 *
 * @throws {InvalidParameterError} when `time`, `initialTime` or `driftCoefficient` is invalid (see {@link DriftOptions}).
 * @example
 * driftFactor({ time: 1e4, initialTime: 1e-12, driftCoefficient: 0.1 }); // → 0.0251189
 */
export function driftFactor(options: DriftOptions): number {
  const o = resolveDriftOptions('driftFactor', options);
  return driftFactorKernel(o.time, o.initialTime, o.driftCoefficient);
}

/** Unchecked (t/t₀)^(−ν). */
export function driftFactorKernel(time: number, initialTime: number, driftCoefficient: number): number {
  return (time / initialTime) ** -driftCoefficient;
}

/**
 * Applies power-law drift to conductances: returns a new array `g · (t/t₀)^(−ν)`.
 *
 * @param g - conductances [S].
 * @throws {InvalidParameterError} when `g` holds a non-finite value or the options are invalid (see {@link DriftOptions}).
 * @example
 * conductanceDrift(Float64Array.of(0.01), { time: 1e3, initialTime: 1 }); // → Float64Array [0.00501187]
 */
export function conductanceDrift(g: Float64Array | ArrayLike<number>, options: DriftOptions): Float64Array {
  const where = 'conductanceDrift';
  const values = checkFiniteArray(where, 'g', asNumericArray(g));
  const o = resolveDriftOptions(where, options);
  const f = driftFactorKernel(o.time, o.initialTime, o.driftCoefficient);
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = values[i]! * f;
  return out;
}
