import {
  InvalidParameterError,
  type OptionsSchema,
  checkFiniteArray,
  option,
  resolveOptions,
  rule,
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

/**
 * @internal The rules of {@link DriftOptions}, each written once (driftFactor, conductanceDrift and retention's drift
 * model spread them into their schemas); `time > initialTime` is checked by {@link checkDriftTimes}.
 */
export const DRIFT_RULES = {
  time: option.requiredByRule(rule.nonNegative),
  initialTime: option.withDefault(rule.positive, DEFAULT_DRIFT_OPTIONS.initialTime),
  driftCoefficient: option.withDefault(rule.range(0, 1), DEFAULT_DRIFT_OPTIONS.driftCoefficient),
} satisfies OptionsSchema<DriftOptions>;

/** Validated, defaulted drift options. */
export interface ResolvedDriftOptions {
  time: number;
  initialTime: number;
  driftCoefficient: number;
}

/** @internal Checks the one rule across keys: the read time comes after the reference time. */
export function checkDriftTimes<T extends ResolvedDriftOptions>(where: string, o: T): T {
  if (!(o.time > o.initialTime))
    throw new InvalidParameterError({
      where,
      parameter: 'time',
      value: o.time,
      expected: `greater than \`initialTime\` (${o.initialTime} s)`,
    });
  return o;
}

/**
 * Validates drift options.
 *
 * @throws {InvalidParameterError} when `time` is negative or not above `initialTime`, `initialTime` is not > 0,
 * `driftCoefficient` is outside [0, 1], a key is unknown, or `options` is not an object.
 */
export function resolveDriftOptions(where: string, options: DriftOptions): ResolvedDriftOptions {
  if (typeof options !== 'object' || options === null)
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object with `time`',
    });
  return checkDriftTimes(where, resolveOptions(where, options, DRIFT_RULES));
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
