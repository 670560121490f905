import { clamp } from './clamp';
import type { FloatArray } from './float-array';
import type { ResolvedQuantize } from './linear-method';

/**
 * The `minmax` method (pytorch-playground `min_max_quantize`): 2^bits levels evenly spaced from `lo` to `hi`,
 * `q = lo + round((x − lo)/(hi − lo)·n)·(hi − lo)/n` with n = 2^bits − 1. `lo`/`hi` are the given `min`/`max`, else the
 * data's own extremes (after clamping). The top level is `hi` exactly, so re-quantising reproduces the grid.
 */
export function quantizeMinmax(x: FloatArray, out: FloatArray, o: ResolvedQuantize, dataMin: number, dataMax: number): void {
  // the data's extremes are clamped too: with only `max` given and every entry above it, lo = hi = max
  const lo = o.hasMin ? o.min : clamp(dataMin, o.min, o.max);
  const hi = o.hasMax ? o.max : clamp(dataMax, o.min, o.max);
  const n = 2 ** o.bits - 1;
  levelGrid(x, out, lo, hi, n, o.min, o.max);
}

/**
 * Rounds every clamped `x` to the nearest of the n + 1 levels `lo + j·(hi − lo)/n` (j = n gives `hi` exactly;
 * half-way values go up). `hi === lo` maps everything to `lo`.
 */
export function levelGrid(x: FloatArray, out: FloatArray, lo: number, hi: number, n: number, clampMin: number, clampMax: number): void {
  const span = hi - lo;
  const len = x.length;
  if (!(span > 0)) {
    out.fill(lo);
    return;
  }
  const scale = n / span;
  const step = span / n;
  for (let i = 0; i < len; i++) {
    let v = x[i]!;
    if (v < clampMin) v = clampMin;
    if (v > clampMax) v = clampMax;
    let j = Math.floor((v - lo) * scale + 0.5);
    if (j < 0) j = 0;
    if (j >= n) out[i] = hi;
    else out[i] = lo + j * step;
  }
}
