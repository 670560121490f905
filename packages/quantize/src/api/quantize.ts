import { InvalidParameterError, checkKnownKeys } from '@memsim/core';
import { ADC_CONFIG_SCHEMA } from '../config/adc-config';
import type { AdcConfig } from '../config/adc-config';
import { resolveOut } from '../internal/check-out';
import { type FloatArray, isFloatArray } from '../internal/float-array';
import { type ResolvedQuantize, quantizeLinear } from '../methods/linear-method';
import { quantizeLog } from '../methods/log-method';
import { quantizeLogMinmax } from '../methods/log-minmax-method';
import { quantizeMinmax } from '../methods/minmax-method';
import { finiteRule, magnitudeLimit, scanFinite } from '../internal/scan';
import { quantizeTanh } from '../methods/tanh-method';
import { QUANT_METHODS, type QuantMethod } from './quant-methods';

/**
 * Options of {@link quantize}: an {@link AdcConfig} plus optional clamp bounds.
 *
 * @example
 * const options: QuantizeOptions = { bits: 4, method: 'minmax', min: 0, max: 1e-3 };
 */
export interface QuantizeOptions extends AdcConfig {
  /** Lower bound [unit of x]: entries below are clamped to it first. A finite number ≤ `max`; 0 is a real bound. Default: none. */
  min?: number;
  /** Upper bound [unit of x]: entries above are clamped to it first. A finite number ≥ `min`; 0 is a real bound. Default: none. */
  max?: number;
}

/**
 * Defaults of the optional {@link QuantizeOptions}, applied in one place (MemTorch: `ADC_overflow_rate=0.0`; its
 * default `quant_method=None` means "no ADC", so the default method here is the one its layers use, `linear`).
 *
 * @example
 * DEFAULT_QUANTIZE_OPTIONS.overflowRate; // → 0
 */
export const DEFAULT_QUANTIZE_OPTIONS: Readonly<{ overflowRate: number; method: QuantMethod }> = Object.freeze({
  overflowRate: 0,
  method: 'linear',
});

/**
 * Largest accepted resolution [bit]: a double has a 53-bit significand.
 *
 * @example
 * const x = new Float64Array([0.1, -0.35, 0.8]);
 * quantize(x, { bits: MAX_BITS }); // the finest grid: within one step of x
 */
export const MAX_BITS = 53;

const WHERE = 'quantize';
// The keys of QuantizeOptions, tied to the interface (a missing or extra key fails to compile).
const KNOWN: { readonly [K in keyof Required<QuantizeOptions>]: true } = {
  bits: true,
  overflowRate: true,
  method: true,
  min: true,
  max: true,
};
const KEYS = Object.keys(KNOWN);

/**
 * Quantises `x` the way an ADC would, returning a new array of the same type (`x` is not touched).
 *
 * - `linear` (default): bit-exact MemTorch 1.1.6. A power-of-two step δ = 2^(1 − bits + ceil(log2(v + 1e-12))), where v is
 *   the ⌊overflowRate·N⌉-th largest |x| (raised to max(|min|, |max|) when bounds are given and the index is 0), and codes
 *   −2^(bits−1) … 2^(bits−1) − 1 with round-half-up: `q = clamp(floor(x/δ + 0.5), −2^(bits−1), 2^(bits−1) − 1)·δ`.
 *   Float32Array input is quantised in float32 arithmetic, as MemTorch does for float32 tensors.
 * - `log`: sign · exp of a (bits − 1)-bit linear quantisation of ln|x| (the intended quantiser, not MemTorch 1.1.6's,
 *   which returns ±1 for every |x| < 1); the lowest magnitude code is 0.
 * - `log_minmax`, `minmax`, `tanh`: the MemTorch 1.1.0 (pytorch-playground) formulas; `tanh` clamps its two infinite
 *   extreme codes to the largest finite ones.
 *
 * A constant array (all entries equal, including length 0 and 1) is returned unchanged, as in MemTorch.
 *
 * @param x - Values to quantise [any unit]; every entry finite.
 * @param options - `bits` [bit], `overflowRate` [1], `method`, `min`/`max` [unit of x] (see {@link QuantizeOptions}).
 * @param out - Optional array to write into instead of allocating (same type and length as `x`, no shared memory):
 *   for callers that quantise many short vectors, such as crossbar tiles.
 * @returns A new array of the same type as `x`, or `out` when given.
 * @throws {InvalidParameterError} when `x` is not a Float32Array or Float64Array
 * @throws {InvalidParameterError} when an entry of `x` is NaN, ±Infinity or beyond ±2^960 (±2^126 for Float32Array)
 * @throws {InvalidParameterError} when `bits` is not an integer in [1, 53]
 * @throws {InvalidParameterError} when `overflowRate` is outside [0, 1]
 * @throws {InvalidParameterError} when `method` is not one of {@link QUANT_METHODS}
 * @throws {InvalidParameterError} when `min` or `max` is not a number in [−2^960, 2^960] ([−2^126, 2^126] for
 *   Float32Array input), or `min > max`
 * @throws {InvalidParameterError} when `options` has an unknown key
 * @throws {InvalidParameterError} when `out` is not an array of the type of `x`, or shares memory with it
 * @throws {ShapeMismatchError} when `out.length !== x.length`
 *
 * @example
 * quantize(new Float64Array([0.3, -0.7, 0.1]), { bits: 4 }); // → Float64Array [0.25, -0.75, 0.125]
 */
export function quantize<T extends FloatArray>(x: T, options: QuantizeOptions, out?: T): T {
  const o = resolveQuantizeOptions(options, x);
  if (o.min > o.max)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'min',
      value: options.min,
      expected: `≤ \`max\` (${options.max})`,
    });
  const target = resolveOut(WHERE, x, out);
  const stats = scanFinite(WHERE, x);
  if (stats.constant) {
    target.set(x);
    return target;
  }
  switch (o.method) {
    case 'linear':
      quantizeLinear(x, target, o, stats.min, stats.max);
      break;
    case 'log':
      quantizeLog(x, target, o);
      break;
    case 'log_minmax':
      quantizeLogMinmax(x, target, o);
      break;
    case 'minmax':
      quantizeMinmax(x, target, o, stats.min, stats.max);
      break;
    case 'tanh':
      quantizeTanh(x, target, o);
      break;
  }
  return target;
}

// Hand-resolved rather than through core's resolveOptions: crossbar tiles call quantize once per partial-sum vector,
// and resolveOptions builds a key list and a frozen copy per call; the rules are still the ADC's, written once.
function resolveQuantizeOptions(options: QuantizeOptions, x: unknown): ResolvedQuantize & { method: QuantMethod } {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'options',
      value: options,
      expected: 'an options object { bits, overflowRate?, method?, min?, max? }',
    });
  // Crossbar tiles call this per partial-sum vector: the common all-known-keys case skips building the key list.
  if (!hasOnlyKnownKeys(options)) checkKnownKeys(WHERE, options, KEYS);
  if (!isFloatArray(x))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'x',
      value: x,
      expected: 'a Float32Array or Float64Array',
    });
  const { min, max } = options;
  // The ADC's own rules (ADC_CONFIG_SCHEMA), applied by hand: see the comment on this function.
  const adc = ADC_CONFIG_SCHEMA;
  const bits = adc.bits.check(WHERE, 'bits', options.bits);
  const overflowRate =
    options.overflowRate === undefined
      ? adc.overflowRate.default
      : adc.overflowRate.check(WHERE, 'overflowRate', options.overflowRate);
  const method = options.method === undefined ? adc.method.default : adc.method.check(WHERE, 'method', options.method);
  return {
    bits,
    overflowRate,
    method,
    min: min === undefined ? Number.NEGATIVE_INFINITY : checkBound('min', min, x),
    max: max === undefined ? Number.POSITIVE_INFINITY : checkBound('max', max, x),
    hasMin: min !== undefined,
    hasMax: max !== undefined,
  };
}

/** True when every own key of `options` is a key of QuantizeOptions (no allocation). */
function hasOnlyKnownKeys(options: object): boolean {
  for (const key in options) if (!Object.hasOwn(KNOWN, key)) return false;
  return true;
}

/**
 * A clamp bound: a number within the magnitude limit of `x` (2^960, or 2^126 for Float32Array input), rounded to
 * float for Float32Array input (MemTorch passes the bounds to its float32 kernel as C++ floats).
 */
function checkBound(parameter: 'min' | 'max', value: unknown, x: FloatArray): number {
  if (typeof value !== 'number' || !(Math.abs(value) <= magnitudeLimit(x)))
    throw new InvalidParameterError({ where: WHERE, parameter, value, expected: `${finiteRule(x)} or undefined` });
  return x instanceof Float32Array ? Math.fround(value) : value;
}
