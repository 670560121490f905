import { clamp } from './clamp';
import type { FloatArray } from './float-array';
import type { ResolvedQuantize } from './linear-method';

/**
 * The `log_minmax` method (pytorch-playground `log_minmax_quantize`), done as a sign–magnitude code: a sign bit and
 * bits − 1 magnitude bits whose lowest code stands for 0. The other m = 2^(bits−1) − 1 magnitudes are evenly spaced in
 * ln|x| from the smallest to the largest non-zero |x| (both exact grid points); m = 1 (2 bits) keeps their geometric
 * mean; m = 0 (1 bit) leaves only the zero code. Zeros stay 0 and do not stretch the range (the playground's
 * ln(|x| + 1e-20) let a single 0 pull the bottom of the range to −46).
 */
export function quantizeLogMinmax(x: FloatArray, out: FloatArray, o: ResolvedQuantize): void {
  const n = x.length;
  out.fill(0);
  const m = 2 ** (o.bits - 1) - 1;
  if (m === 0) return;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = clamp(x[i]!, o.min, o.max);
    if (v === 0) continue;
    const l = Math.log(Math.abs(v));
    if (l < lo) lo = l;
    if (l > hi) hi = l;
  }
  if (lo > hi) return; // every entry is 0
  const span = hi - lo;
  for (let i = 0; i < n; i++) {
    const v = clamp(x[i]!, o.min, o.max);
    if (v === 0) continue;
    let level: number;
    if (m === 1 || !(span > 0)) level = m === 1 ? lo + span / 2 : lo;
    else {
      const intervals = m - 1;
      let j = Math.floor(((Math.log(Math.abs(v)) - lo) / span) * intervals + 0.5);
      if (j < 0) j = 0;
      level = j >= intervals ? hi : lo + j * (span / intervals);
    }
    const magnitude = Math.exp(level);
    out[i] = v < 0 ? -magnitude : magnitude;
  }
}
