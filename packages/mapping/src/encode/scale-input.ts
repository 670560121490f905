import {
  InvalidParameterError,
  NumericalError,
  ShapeMismatchError,
  checkFiniteArray,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';

/**
 * How {@link scaleInput} picks the scale: from the peak |x| of the whole batch (MemTorch's Linear/Conv1d), of each
 * sample (MemTorch's Conv2d/Conv3d), or a fixed scale `maxInputVoltage / inputRange` independent of the data.
 * @example
 * const per: ScalePer = 'sample'; // one scale per input vector: batch-independent results
 * scaleInput(new Float64Array([2, -4, 1, 1]), { maxInputVoltage: 1, per, batch: 2 }).scale; // → [0.25, 1]
 */
export type ScalePer = 'batch' | 'sample' | 'fixed';

/**
 * Every {@link ScalePer} value.
 *
 * @example
 * SCALE_PERS; // → ['batch', 'sample', 'fixed']
 */
export const SCALE_PERS: readonly ScalePer[] = Object.freeze(['batch', 'sample', 'fixed'] as const);

/**
 * Options of {@link scaleInput}.
 *
 * @example
 * const options: ScaleInputOptions = { maxInputVoltage: 0.3, per: 'batch' };
 * scaleInput(new Float64Array([2, -4]), options).voltages; // → [0.15, -0.3]
 */
export interface ScaleInputOptions {
  /** Largest voltage magnitude applied to a word line [V]; finite, > 0. */
  maxInputVoltage: number;
  /** Scale from the peak of the whole batch, of each sample, or a fixed scale. */
  per: ScalePer;
  /**
   * Scale even when the peak |x| is already ≤ `maxInputVoltage` (so the peak always maps to `maxInputVoltage`).
   * Only for `'batch'` and `'sample'`. @default false
   */
  forceScale?: boolean;
  /** Number of samples in `x` (x is batch × features, row-major); must divide x.length. @default 1 */
  batch?: number;
  /**
   * Input magnitude that maps to `maxInputVoltage` with `per: 'fixed'` [input units]; finite, > 0. Only for `'fixed'`.
   * Caution: inputs beyond ±inputRange give voltages beyond ±maxInputVoltage (nothing is clipped). @default 1
   */
  inputRange?: number;
}

/**
 * Defaults of {@link scaleInput}.
 *
 * @example
 * DEFAULT_SCALE_INPUT_OPTIONS.forceScale; // → false
 */
export const DEFAULT_SCALE_INPUT_OPTIONS: Readonly<{ forceScale: boolean; batch: number; inputRange: number }> =
  Object.freeze({
    forceScale: false,
    batch: 1,
    inputRange: 1,
  });

/**
 * Result of {@link scaleInput}.
 *
 * @example
 * const scaled: ScaledInput<Float64Array> = scaleInput(new Float64Array([2, -4]), { maxInputVoltage: 1, per: 'batch' });
 * scaled.scale; // → [0.25] (voltages = inputs × scale)
 */
export interface ScaledInput<T extends Float32Array | Float64Array> {
  /** x · scale[sample] [V]; Float32Array for Float32Array input, else Float64Array. */
  voltages: T;
  /** Per sample [V per input unit]; divide that sample's crossbar outputs by it (see `unscaleOutput`). */
  scale: Float64Array;
}

// forceScale and inputRange belong to some `per` only, so their defaults apply after the check of which was given.
const SCHEMA = {
  maxInputVoltage: option.requiredByRule(rule.positive),
  per: option.requiredByRule(rule.oneOf(SCALE_PERS)),
  forceScale: option.optional(rule.boolean),
  batch: option.withDefault(rule.positiveInteger, DEFAULT_SCALE_INPUT_OPTIONS.batch),
  inputRange: option.optional(rule.positive),
} satisfies OptionsSchema<ScaleInputOptions>;

/**
 * Encodes inputs as word-line voltages: voltages = x · scale, with scale = maxInputVoltage / r where r is the peak |x|
 * of the batch or of each sample (unchanged, scale 1, when r ≤ maxInputVoltage unless `forceScale`), or
 * scale = maxInputVoltage / inputRange for `per: 'fixed'`. The scale used is returned so a layer can undo it on its
 * outputs (output / scale[sample], see `unscaleOutput`): the layer's gain then never depends on the peak of its input,
 * which MemTorch's `naive_scale` gets wrong. An all-zero sample or batch keeps scale 1.
 *
 * @param x - inputs, batch × features row-major.
 * @param options - `maxInputVoltage` [V], `per`, `forceScale` (default false), `batch` (default 1), `inputRange`
 * (default 1, `'fixed'` only).
 * @throws {InvalidParameterError} when x holds NaN or ±Infinity, maxInputVoltage or inputRange is not a finite number
 * > 0, per is unknown, batch is not a positive integer, or forceScale / inputRange is given with a `per` that does
 * not use it.
 * @throws {ShapeMismatchError} when batch does not divide x.length.
 * @example
 * const { voltages, scale } = scaleInput(new Float64Array([2, -4]), { maxInputVoltage: 1, per: 'batch' });
 * // voltages → [0.5, -1]; scale → [0.25]
 */
export function scaleInput(x: Float32Array, options: ScaleInputOptions): ScaledInput<Float32Array>;
export function scaleInput(x: Float64Array | number[], options: ScaleInputOptions): ScaledInput<Float64Array>;
export function scaleInput(
  x: Float32Array | Float64Array | number[],
  options: ScaleInputOptions,
): ScaledInput<Float32Array | Float64Array>;
export function scaleInput(
  x: Float32Array | Float64Array | number[],
  options: ScaleInputOptions,
): ScaledInput<Float32Array | Float64Array> {
  const where = 'scaleInput';
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where,
      parameter: 'options',
      value: options,
      expected: 'an options object { maxInputVoltage, per }',
    });
  const o = resolveOptions(where, options, SCHEMA);
  const data = checkFiniteArray(where, 'x', x);
  const { maxInputVoltage: vMax, per, batch } = o;
  const forceScale = o.forceScale ?? DEFAULT_SCALE_INPUT_OPTIONS.forceScale;
  const inputRange = o.inputRange ?? DEFAULT_SCALE_INPUT_OPTIONS.inputRange;
  if (per === 'fixed' && o.forceScale !== undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'forceScale',
      value: o.forceScale,
      expected: "omitted with per 'fixed' (the scale never depends on the data)",
    });
  if (per !== 'fixed' && o.inputRange !== undefined)
    throw new InvalidParameterError({
      where,
      parameter: 'inputRange',
      value: o.inputRange,
      expected: `omitted with per '${per}' (only per 'fixed' uses it)`,
    });
  if (data.length % batch !== 0)
    throw new ShapeMismatchError({
      where,
      parameter: 'x',
      expectedShape: [batch * Math.ceil(data.length / batch)],
      actualShape: [data.length],
      detail: `(x.length must be a multiple of batch = ${batch})`,
    });

  const n = data.length;
  const width = n / batch;
  const scale = new Float64Array(batch);
  const peakToScale = (r: number) => (r === 0 || (!forceScale && r <= vMax) ? 1 : vMax / r);
  if (per === 'fixed') scale.fill(vMax / inputRange);
  else if (per === 'batch') scale.fill(peakToScale(peak(data, 0, n)));
  else for (let b = 0; b < batch; b++) scale[b] = peakToScale(peak(data, b * width, (b + 1) * width));

  const voltages = data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  for (let b = 0, p = 0; b < batch; b++) {
    const s = scale[b]!;
    // maxInputVoltage / (a subnormal peak or inputRange) overflows: a scale of Infinity would give NaN/±Infinity volts.
    if (!(s > 0 && s < Number.POSITIVE_INFINITY))
      throw new NumericalError({
        where,
        step: -1,
        detail: `the input scale of sample ${b} is ${s} (maxInputVoltage ${vMax} V over a peak or inputRange too small for a double)`,
      });
    for (let i = 0; i < width; i++, p++) {
      voltages[p] = data[p]! * s;
      // Read back: a float32 output can overflow even with a finite float64 product (a forced scale-up).
      if (!(voltages[p]! - voltages[p]! === 0))
        throw new NumericalError({
          where,
          step: -1,
          detail: `voltage x[${p}]·scale = ${data[p]}·${s} overflowed the output array's range`,
        });
    }
  }
  return { voltages, scale };
}

function peak(data: ArrayLike<number>, from: number, to: number): number {
  let r = 0;
  for (let i = from; i < to; i++) {
    const a = Math.abs(data[i]!);
    if (a > r) r = a;
  }
  return r;
}
