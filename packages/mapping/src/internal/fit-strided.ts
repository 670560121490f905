import type { LinearFit } from '../calibrate/fit-linear';

/**
 * OLS on the `count` points at offset + i·stride of x and y. Returns null when those x are all equal.
 * No checks: callers validate.
 */
export function fitStrided(x: ArrayLike<number>, y: ArrayLike<number>, offset: number, stride: number, count: number): LinearFit | null {
  let mx = 0;
  let my = 0;
  for (let i = 0, p = offset; i < count; i++, p += stride) {
    mx += x[p]!;
    my += y[p]!;
  }
  mx /= count;
  my /= count;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0, p = offset; i < count; i++, p += stride) {
    const dx = x[p]! - mx;
    const dy = y[p]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0, p = offset; i < count; i++, p += stride) {
    const r = y[p]! - (slope * x[p]! + intercept);
    ssRes += r * r;
  }
  // sklearn's r2_score: 1 for a perfect prediction of constant y, else 0 when SS_tot = 0.
  const r2 = syy > 0 ? 1 - ssRes / syy : ssRes === 0 ? 1 : 0;
  return { slope, intercept, r2 };
}
