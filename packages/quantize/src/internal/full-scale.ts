import type { FloatArray } from './float-array';
import { selectKth } from './select';
import { selectMagnitudeByHistogram } from './select-by-histogram';

/** MemTorch's guard against log2(0): the float literal `1e-12f`, widened to double. */
const EPSILON_F = Math.fround(1e-12);

/**
 * `ceil(log2(v + 1e-12f))` exactly as MemTorch's C++ evaluates it in type T (float for Float32Array input, double
 * for Float64Array): the sum is rounded to T, the logarithm is the correctly rounded log2 in T, then ceil.
 * Near an integer a plain `Math.log2` could land on the wrong side, so there the result is rebuilt from
 * `k + log2(w / 2^k)` with an exact quotient.
 */
export function fullScaleExponent(v: number, float32: boolean): number {
  const w = float32 ? Math.fround(v + EPSILON_F) : v + EPSILON_F;
  const r = Math.log2(w);
  const k = Math.round(r);
  let rounded = r;
  if (Math.abs(r - k) < 1e-9) {
    const p = 2 ** k;
    // (w − p) is exact (Sterbenz) and the division by a power of two is exact, so d is accurate to ~1 ulp of d.
    const d = Math.log1p((w - p) / p) / Math.LN2;
    rounded = k + d;
  }
  if (float32) rounded = Math.fround(rounded);
  return Math.ceil(rounded);
}

/**
 * Index into the descending |x| order that MemTorch reads: `min(round(overflowRate·N), N − 1)`, with the product
 * evaluated in T (float for Float32Array input).
 */
export function overflowIndex(overflowRate: number, n: number, float32: boolean): number {
  const product = float32 ? Math.fround(Math.fround(overflowRate) * Math.fround(n)) : overflowRate * n;
  return Math.min(Math.round(product), n - 1);
}

/**
 * The magnitude that sets the full scale: the `index`-th largest |x| (0 = the largest), by selection in O(n)
 * instead of a full sort: a bit-pattern histogram for long unclamped data, Floyd–Rivest on a (clamped) copy otherwise. `x` is read through `clampMin`/`clampMax` (±Infinity when no bound is given).
 * `dataMin`/`dataMax` are the extremes of `x`: clamping is monotone, so the largest clamped magnitude needs no pass.
 */
export function selectMagnitude(
  x: FloatArray,
  index: number,
  clampMin: number,
  clampMax: number,
  dataMin: number,
  dataMax: number,
): number {
  const n = x.length;
  if (index === 0) {
    const lo = Math.min(Math.max(dataMin, clampMin), clampMax);
    const hi = Math.min(Math.max(dataMax, clampMin), clampMax);
    return Math.max(Math.abs(lo), Math.abs(hi));
  }
  // the histogram's 2^15 counters only pay off on long inputs; short ones (crossbar tiles) take Floyd–Rivest
  if (n >= 1 << 14 && clampMin === Number.NEGATIVE_INFINITY && clampMax === Number.POSITIVE_INFINITY)
    return selectMagnitudeByHistogram(x, index);
  const scratch = x instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = x[i]!;
    if (v < clampMin) v = clampMin;
    if (v > clampMax) v = clampMax;
    scratch[i] = v < 0 ? -v : v;
  }
  // The index-th largest is the (n − 1 − index)-th smallest.
  return selectKth(scratch, n - 1 - index);
}
