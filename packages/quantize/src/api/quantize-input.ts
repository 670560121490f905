import { InvalidParameterError, resolveOptions } from '@memsim/core';
import { DAC_CONFIG_SCHEMA } from '../config/dac-config';
import type { DacConfig } from '../config/dac-config';
import { resolveOut } from '../internal/check-out';
import { type FloatArray, isFloatArray } from '../internal/float-array';
import { magnitudeLimit, scanFinite } from '../internal/scan';

const WHERE = 'quantizeInput';

/**
 * A digital-to-analogue converter for crossbar inputs: uniform, symmetric and saturating. Entries are clamped to
 * [−range, range] and rounded (half away from zero) to the nearest of the 2^bits − 1 levels
 * `k·range/(2^(bits−1) − 1)`, k = −(2^(bits−1) − 1) … 2^(bits−1) − 1; 0 is a level, and ±range are the end levels.
 * The scale is fixed by `range`, never by the data, so every batch sees the same grid. MemTorch has no DAC.
 *
 * @param x - Inputs [V, or the unit of `range`]; every entry finite.
 * @param options - `bits`, an integer in [2, 53] [bit]; `range`, the full scale in (0, 2^960] [V].
 * @param out - Optional array to write into instead of allocating (same type and length as `x`, no shared memory).
 * @returns A new array of the same type as `x`, or `out` when given.
 * @throws {InvalidParameterError} when `x` is not a Float32Array or Float64Array, or holds NaN, ±Infinity or |x| > 2^960
 *   (2^126 for Float32Array)
 * @throws {InvalidParameterError} when `bits` is not an integer in [2, 53] (a symmetric DAC with a zero level needs 2)
 * @throws {InvalidParameterError} when `range` is not a number in (0, 2^960] ((0, 2^126] for Float32Array input)
 * @throws {InvalidParameterError} when `options` has an unknown key
 * @throws {InvalidParameterError} when `out` is not an array of the type of `x`, or shares memory with it
 * @throws {ShapeMismatchError} when `out.length !== x.length`
 *
 * @example
 * quantizeInput(new Float64Array([0.26, -2, 0.74]), { bits: 3, range: 1 }); // → Float64Array [0.3333333333333333, -1, 0.6666666666666666]
 */
export function quantizeInput<T extends FloatArray>(x: T, options: DacConfig, out?: T): T {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'options',
      value: options,
      expected: 'an options object { bits, range }',
    });
  const { bits, range } = resolveOptions(WHERE, options, DAC_CONFIG_SCHEMA);
  if (!isFloatArray(x))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'x',
      value: x,
      expected: 'a Float32Array or Float64Array',
    });
  // The shared rule says finite and > 0; the grid must also stay within the input's float range.
  if (!(range <= magnitudeLimit(x)))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'range',
      value: range,
      expected: x instanceof Float32Array ? 'a number in (0, 2^126] for Float32Array input' : 'a number in (0, 2^960]',
    });
  const target = resolveOut(WHERE, x, out);
  scanFinite(WHERE, x);
  dacKernel(x, target, 2 ** (bits - 1) - 1, range);
  return target;
}

/** Rounds |clamp(x)| half away from zero to k·range/top, k ≤ top (the end level is `range` exactly). */
function dacKernel(x: FloatArray, out: FloatArray, top: number, range: number): void {
  const step = range / top;
  const scale = top / range;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const k = Math.min(top, Math.floor(Math.abs(v) * scale + 0.5));
    const q = k === top ? range : k * step;
    out[i] = v < 0 && q !== 0 ? -q : q;
  }
}
