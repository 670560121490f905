import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { type FloatArray, isFloatArray, newLike } from '../internal/float-array';
import { levelsPerElement, levelsPerElementChecked64, levelsScalar } from '../methods/levels-kernel';
import { MAX_MAGNITUDE, finiteRule, magnitudeLimit, scanFinite } from '../internal/scan';

const WHERE = 'quantizeLevels';

/**
 * A bound of {@link quantizeLevels} (in the unit of x): one number for every entry, or one number per entry.
 *
 * @example
 * const gMin: LevelBound = new Float64Array([1e-4, 1.1e-4]); // per device [S]
 */
export type LevelBound = number | ArrayLike<number>;

/**
 * Replaces every entry of `x` by the nearest of `levels` evenly spaced values in [min, max] (both ends included),
 * returning a new array of the same type. This is MemTorch's "n quantisation levels" mode
 * (`quantize(tensor, n, min, max)` with `quant_method=None`): the levels are `torch.linspace(min, max, levels)`
 * reproduced to the last bit, and exact ties go where MemTorch's binary search sends them.
 *
 * `min`/`max` may be per-element arrays (the finite-conductance-states case: each device has its own
 * [gMin, gMax]); `0` is a real bound; `undefined` means the data's own minimum/maximum. Entries outside [min, max]
 * go to the nearest end level. `levels = 1` gives the midpoint (min + max)/2.
 *
 * @param x - Values to quantise [any unit]; every entry finite.
 * @param levels - Number of levels [1]: a positive integer.
 * @param min - Lowest level [unit of x]: a finite number, a per-element array of finite numbers, or undefined.
 * @param max - Highest level [unit of x]: like `min`, and ≥ `min` element-wise.
 * @returns A new array of the same type as `x`.
 * @throws {InvalidParameterError} when `x` is not a Float32Array or Float64Array, or holds NaN, ±Infinity or |x| > 2^960
 *   (2^126 for Float32Array)
 * @throws {InvalidParameterError} when `levels` is not a positive integer
 * @throws {InvalidParameterError} when a bound is not a number in [−2^960, 2^960] ([−2^126, 2^126] with Float32Array
 *   input), or `min > max` somewhere
 * @throws {ShapeMismatchError} when a per-element bound's length differs from `x.length`
 *
 * @example
 * quantizeLevels(new Float64Array([0.1, 0.4, 0.9]), 3, 0, 1); // → Float64Array [0, 0.5, 1]
 */
export function quantizeLevels<T extends FloatArray>(x: T, levels: number, min?: LevelBound, max?: LevelBound): T {
  if (!isFloatArray(x))
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'x',
      value: x,
      expected: 'a Float32Array or Float64Array',
    });
  if (typeof levels !== 'number' || !Number.isInteger(levels) || levels < 1 || levels > 2 ** 26)
    throw new InvalidParameterError({
      where: WHERE,
      parameter: 'levels',
      value: levels,
      expected: 'an integer in [1, 2^26]',
    });
  const out = newLike(x);
  if (isFloatArray(min) && isFloatArray(max) && min.length === x.length && max.length === x.length) {
    // The finite-conductance-states case. Float64 data with per-device bounds: checks fused into the kernel pass.
    if (
      x instanceof Float64Array &&
      min instanceof Float64Array &&
      max instanceof Float64Array &&
      levels > 1 &&
      !looksUniform(min, max)
    ) {
      if (levelsPerElementChecked64(x, out as Float64Array, levels, min, max, MAX_MAGNITUDE)) return out;
    }
    // Otherwise one validation pass that also notices identical bounds (which can be tabulated once).
    const verdict = perElementVerdict(x, min, max, magnitudeLimit(x));
    if (verdict === UNIFORM) {
      const float32 = x instanceof Float32Array;
      levelsScalar(x, out, levels, float32 ? Math.fround(min[0]!) : min[0]!, float32 ? Math.fround(max[0]!) : max[0]!);
      return out;
    }
    if (verdict === VALID) {
      levelsPerElement(x, out, levels, min, max);
      return out;
    }
  }
  checkBound('min', min, x);
  checkBound('max', max, x);
  const stats = scanFinite(WHERE, x);
  const lo = min === undefined ? stats.min : min;
  const hi = max === undefined ? stats.max : max;
  checkOrder(lo, hi, x.length);
  if (x.length === 0) return out;
  if (typeof lo === 'number' && typeof hi === 'number') {
    const float32 = x instanceof Float32Array;
    levelsScalar(x, out, levels, float32 ? Math.fround(lo) : lo, float32 ? Math.fround(hi) : hi);
  } else levelsPerElement(x, out, levels, lo, hi);
  return out;
}

function checkBound(parameter: string, bound: unknown, x: FloatArray): void {
  const length = x.length;
  const limit = magnitudeLimit(x);
  const rule = finiteRule(x);
  if (bound === undefined) return;
  if (typeof bound === 'number') {
    if (!(Math.abs(bound) <= limit))
      throw new InvalidParameterError({
        where: WHERE,
        parameter,
        value: bound,
        expected: `${rule}, an array of such numbers, or undefined`,
      });
    return;
  }
  const isArrayLike = isFloatArray(bound) || Array.isArray(bound);
  if (!isArrayLike)
    throw new InvalidParameterError({
      where: WHERE,
      parameter,
      value: bound,
      expected: `${rule}, an array of such numbers, or undefined`,
    });
  const a = bound as ArrayLike<unknown>;
  if (a.length !== length)
    throw new ShapeMismatchError({
      where: WHERE,
      parameter,
      expectedShape: [length],
      actualShape: [a.length],
      detail: '(one bound per entry of `x`)',
    });
  if (isFloatArray(bound) && withinMagnitude(bound, limit)) return; // typed arrays hold numbers: one branch-free pass
  for (let i = 0; i < length; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !(Math.abs(v) <= limit))
      throw new InvalidParameterError({ where: WHERE, parameter: `${parameter}[${i}]`, value: v, expected: rule });
  }
}

/** A cheap hint that per-element bounds might all be equal: first, middle and last agree. */
function looksUniform(lo: FloatArray, hi: FloatArray): boolean {
  const n = lo.length;
  if (n === 0) return true;
  const m = n >> 1;
  return lo[0] === lo[m] && lo[0] === lo[n - 1] && hi[0] === hi[m] && hi[0] === hi[n - 1];
}

const INVALID = 0;
const VALID = 1;
const UNIFORM = 2;

/**
 * One pass over x and per-element bounds: INVALID unless every entry of all three is finite with magnitude ≤ `limit`
 * and lo ≤ hi everywhere (the separate checks then run to name the first offender); UNIFORM when, moreover, every
 * bound equals the first (the levels can then be tabulated once); VALID otherwise.
 */
function perElementVerdict(x: FloatArray, lo: FloatArray, hi: FloatArray, limit: number): number {
  let ok = 0;
  let same = 0;
  const n = x.length;
  if (n === 0) return VALID;
  const a0 = lo[0]!;
  const b0 = hi[0]!;
  for (let i = 0; i < n; i++) {
    const a = lo[i]!;
    const b = hi[i]!;
    ok += +(Math.abs(x[i]!) <= limit && Math.abs(a) <= limit && Math.abs(b) <= limit && a <= b);
    same += +(a === a0 && b === b0);
  }
  if (ok !== n) return INVALID;
  return same === n ? UNIFORM : VALID;
}

/** True when every entry is finite with |v| ≤ `limit` (NaN fails the comparison). */
function withinMagnitude(a: FloatArray, limit: number): boolean {
  let ok = 0;
  const n = a.length;
  for (let i = 0; i < n; i++) ok += +(Math.abs(a[i]!) <= limit);
  return ok === n;
}

function checkOrder(lo: LevelBound, hi: LevelBound, length: number): void {
  if (typeof lo === 'number' && typeof hi === 'number') {
    if (lo > hi)
      throw new InvalidParameterError({ where: WHERE, parameter: 'min', value: lo, expected: `≤ \`max\` (${hi})` });
    return;
  }
  if (isFloatArray(lo) && isFloatArray(hi) && inOrder(lo, hi)) return; // the common per-element case: one tight pass
  for (let i = 0; i < length; i++) {
    const a = typeof lo === 'number' ? lo : lo[i]!;
    const b = typeof hi === 'number' ? hi : hi[i]!;
    if (a > b)
      throw new InvalidParameterError({
        where: WHERE,
        parameter: `min[${i}]`,
        value: a,
        expected: `≤ \`max[${i}]\` (${b})`,
      });
  }
}

/** True when lo[i] ≤ hi[i] everywhere (branch-free count, so the pass stays fast). */
function inOrder(lo: FloatArray, hi: FloatArray): boolean {
  let bad = 0;
  const n = lo.length;
  for (let i = 0; i < n; i++) bad += +(lo[i]! > hi[i]!);
  return bad === 0;
}
