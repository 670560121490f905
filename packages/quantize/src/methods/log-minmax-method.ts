import { clamp } from '../internal/clamp';
import type { FloatArray } from '../internal/float-array';
import type { ResolvedQuantize } from './linear-method';

/**
 * The `log_minmax` method (pytorch-playground `log_minmax_quantize`), done as a sign–magnitude code: a sign bit and
 * bits − 1 magnitude bits whose lowest code stands for 0. The other m = 2^(bits−1) − 1 magnitudes are evenly spaced in
 * ln|x| from the smallest to the largest non-zero |x| (both exact grid points); m = 1 (2 bits) keeps their geometric
 * mean; m = 0 (1 bit) leaves only the zero code. Zeros stay 0 and do not stretch the range (the playground's
 * ln(|x| + 1e-20) let a single 0 pull the bottom of the range to −46).
 */
export function quantizeLogMinmax(x: FloatArray, out: FloatArray, o: ResolvedQuantize): void {
  out.fill(0);
  const m = 2 ** (o.bits - 1) - 1;
  if (m === 0) return;
  const range = logRange(x, o.min, o.max);
  if (range.lo > range.hi) return; // every entry is 0
  writeLogMinmax(x, out, range.lo, range.hi, m, o.min, o.max);
}

/** Smallest and largest ln|clamp(x)| over the non-zero entries (lo > hi when there are none). */
function logRange(x: FloatArray, min: number, max: number): { lo: number; hi: number } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    const v = clamp(x[i]!, min, max);
    if (v === 0) continue;
    const l = Math.log(Math.abs(v));
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  }
  return { lo, hi };
}

function writeLogMinmax(
  x: FloatArray,
  out: FloatArray,
  lo: number,
  hi: number,
  m: number,
  min: number,
  max: number,
): void {
  const n = x.length;
  const span = hi - lo;
  const intervals = m - 1;
  const single = m === 1 || !(span > 0);
  const singleMagnitude = Math.exp(m === 1 ? lo + span / 2 : lo);
  const scale = intervals / span;
  // e^level for every level, computed once when the code book is small (same numbers, no exp per entry)
  const table = !single && intervals <= TABLE_LIMIT && intervals < n ? levelTable(lo, hi, span, intervals) : null;
  for (let i = 0; i < n; i++) {
    const v = clamp(x[i]!, min, max);
    if (v === 0) continue;
    let magnitude = singleMagnitude;
    if (!single) {
      const j = Math.min(intervals, Math.max(0, Math.floor((Math.log(Math.abs(v)) - lo) * scale + 0.5)));
      magnitude = table === null ? Math.exp(j === intervals ? hi : (j / intervals) * span + lo) : table[j]!;
    }
    out[i] = v < 0 ? -magnitude : magnitude;
  }
}

/** Largest interval count whose magnitude table {@link writeLogMinmax} builds. */
const TABLE_LIMIT = 1 << 16;

function levelTable(lo: number, hi: number, span: number, intervals: number): Float64Array {
  const table = new Float64Array(intervals + 1);
  for (let j = 0; j < intervals; j++) table[j] = Math.exp((j / intervals) * span + lo); // the minmax order of operations
  table[intervals] = Math.exp(hi);
  return table;
}
