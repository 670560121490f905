import type { FloatArray } from '../internal/float-array';
import { fmaSmallInt } from '../internal/fma';

/**
 * Level `j` of `torch.linspace(lo, hi, count)` as torch 2.x computes it on the CPU (GCC contracts to FMA): the first
 * half counts up from `lo`, the second half down from `hi`, so both ends are exact. `step = (hi − lo)/(count − 1)`.
 */
function level64(lo: number, hi: number, step: number, count: number, j: number): number {
  return j < count >> 1 ? fmaSmallInt(step, j, lo) : fmaSmallInt(-step, count - 1 - j, hi);
}

/** Float32 form of {@link level64} (fmaf: the exact a·j + c rounded once to float). */
function level32(lo: number, hi: number, step: number, count: number, j: number): number {
  return Math.fround(j < count >> 1 ? fmaSmallInt(step, j, lo) : fmaSmallInt(-step, count - 1 - j, hi));
}

/**
 * MemTorch's `quantize_element`: a binary search over the levels that keeps the first level with a strictly smaller
 * distance along its path (this fixes which level wins an exact tie). Its upper bound starts one past the end; that
 * phantom level is skipped here instead of read out of bounds.
 */
function search(v: number, lo: number, hi: number, step: number, count: number, float32: boolean): number {
  let l = 0;
  let h = count;
  let best = lo;
  let difference = Number.POSITIVE_INFINITY;
  while (l <= h) {
    const m = l + ((h - l) >> 1);
    if (m >= count) {
      h = m - 1;
      continue;
    }
    const q = float32 ? level32(lo, hi, step, count, m) : level64(lo, hi, step, count, m);
    const d = float32 ? Math.abs(Math.fround(v - q)) : Math.abs(v - q);
    if (d < difference) {
      difference = d;
      best = q;
    }
    if (q < v) l = m + 1;
    else h = m - 1;
  }
  return best;
}

/**
 * Nearest of `count` evenly spaced levels in [lo, hi] for one value. The common case is one division and one
 * rounded index; values within 1e-6 of a half-way point (or grids too fine for that test to be safe) take
 * MemTorch's search, so ties resolve exactly as MemTorch resolves them. `count === 1` is the midpoint.
 */
function nearest(v: number, lo: number, hi: number, count: number, float32: boolean): number {
  if (count === 1) return float32 ? Math.fround((lo + hi) / 2) : (lo + hi) / 2;
  const span = float32 ? Math.fround(hi - lo) : hi - lo;
  if (span === 0) return lo;
  const step = float32 ? Math.fround(span / (count - 1)) : span / (count - 1);
  const t = (v - lo) / step;
  let j = Math.floor(t + 0.5);
  if (j < 0) j = 0;
  else if (j > count - 1) j = count - 1;
  const r = t - j;
  if (r > -0.499999 && r < 0.499999 && step * 1e9 > Math.abs(lo) + Math.abs(hi)) {
    return float32 ? level32(lo, hi, step, count, j) : level64(lo, hi, step, count, j);
  }
  if (j === 0 && t < 0) return lo; // below the grid: the bottom level (MemTorch's search agrees)
  if (j === count - 1 && t > count - 1) return hi; // above the grid (MemTorch reads out of bounds here)
  return search(v, lo, hi, step, count, float32);
}

/** Largest level count whose table {@link levelsScalar} precomputes (bigger grids compute each level on demand). */
const TABLE_LIMIT = 1 << 16;

/**
 * Every entry to the nearest of `count` levels in the scalar range [lo, hi]. The levels are computed once into a
 * table (the exact torch.linspace values); each entry then costs one rounded index and one lookup, and only
 * entries within 1e-6 of a half-way point take MemTorch's search.
 */
export function levelsScalar(x: FloatArray, out: FloatArray, count: number, lo: number, hi: number): void {
  const float32 = x instanceof Float32Array;
  const n = x.length;
  const span = float32 ? Math.fround(hi - lo) : hi - lo;
  if (count === 1 || span === 0 || count > TABLE_LIMIT || count >= n) {
    for (let i = 0; i < n; i++) out[i] = nearest(x[i]!, lo, hi, count, float32);
    return;
  }
  const step = float32 ? Math.fround(span / (count - 1)) : span / (count - 1);
  const table = new Float64Array(count);
  for (let j = 0; j < count; j++)
    table[j] = float32 ? level32(lo, hi, step, count, j) : level64(lo, hi, step, count, j);
  if (!(step * 1e9 > Math.abs(lo) + Math.abs(hi))) {
    // a grid this fine relative to its offset: the rounded index is not trustworthy, search every entry
    for (let i = 0; i < n; i++) out[i] = search(x[i]!, lo, hi, step, count, float32);
    return;
  }
  tableLookup(x, out, table, lo, step, lo, hi, count, float32);
}

function tableLookup(
  x: FloatArray,
  out: FloatArray,
  table: Float64Array,
  origin: number,
  step: number,
  lo: number,
  hi: number,
  count: number,
  float32: boolean,
): void {
  const n = x.length;
  const last = count - 1;
  const inv = 1 / step; // the index only needs to be right to within the 1e-6 margin below
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const t = (v - origin) * inv;
    const j = Math.max(0, Math.min(last, Math.floor(t + 0.5)));
    out[i] = Math.abs(t - j) < 0.499999 ? table[j]! : nearest(v, lo, hi, count, float32);
  }
}

/** Every entry to the nearest of `count` levels in its own range [lo[i], hi[i]]. */
export function levelsPerElement(
  x: FloatArray,
  out: FloatArray,
  count: number,
  lo: ArrayLike<number> | number,
  hi: ArrayLike<number> | number,
): void {
  if (x instanceof Float64Array && count > 1 && typeof lo !== 'number' && typeof hi !== 'number') {
    levelsPerElementChecked64(x, out as Float64Array, count, lo, hi, Number.POSITIVE_INFINITY); // already validated
    return;
  }
  const float32 = x instanceof Float32Array;
  const n = x.length;
  const loScalar = typeof lo === 'number';
  const hiScalar = typeof hi === 'number';
  for (let i = 0; i < n; i++) {
    const a = loScalar ? lo : (lo as ArrayLike<number>)[i]!;
    const b = hiScalar ? hi : (hi as ArrayLike<number>)[i]!;
    out[i] = nearest(x[i]!, float32 ? Math.fround(a) : a, float32 ? Math.fround(b) : b, count, float32);
  }
}

/**
 * The hot Float64Array form of {@link levelsPerElement} (finite conductance states): the fast path of {@link nearest}
 * inlined, with the FMA emulation of {@link fmaSmallInt} spelled out, fused with the input checks of
 * `quantizeLevels` (every |x|, |lo|, |hi| ≤ `limit`, and lo ≤ hi): one pass over the three arrays instead of two,
 * which matters because this loop is bound by memory traffic. Returns false when any entry fails; the caller then
 * runs the separate checks, which throw naming the first offender, so `out` (the caller's fresh array) is never
 * returned. Already-validated callers pass `limit = Infinity`.
 */
export function levelsPerElementChecked64(
  x: Float64Array,
  out: Float64Array,
  count: number,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  limit: number,
): boolean {
  const n = x.length;
  const last = count - 1;
  const half = count >> 1;
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const a = lo[i]!;
    const b = hi[i]!;
    valid += +(Math.abs(v) <= limit && Math.abs(a) <= limit && Math.abs(b) <= limit && a <= b);
    const span = b - a;
    const step = span / last;
    const t = ((v - a) * last) / span; // only picks the index; the 1e-6 margin covers its rounding
    const j = Math.max(0, Math.min(last, Math.floor(t + 0.5)));
    if (Math.abs(t - j) < 0.499999 && step * 1e9 > Math.abs(a) + Math.abs(b)) {
      // level j = fma(step, j, a) below the middle, fma(−step, last − j, b) from the middle up. The end and the sign
      // are selected arithmetically (×0 and ×±1 are exact) to avoid a mispredicted branch.
      const down = +(j >= half);
      const c = a * (1 - down) + b * down;
      const m = step * (1 - 2 * down);
      const k = j + down * (last - 2 * j);
      // k·m = high + low exactly (Veltkamp split of m; k < 2^26), then c + high + low rounded once (Knuth two-sum).
      const s0 = 134217729 * m;
      const mHi = s0 - (s0 - m);
      const high = mHi * k;
      const low = (m - mHi) * k;
      const s = c + high;
      const bb = s - c;
      out[i] = s + (c - (s - bb) + (high - bb) + low);
    } else out[i] = valid === i + 1 ? nearest(v, a, b, count, false) : 0; // bad input: the caller throws
  }
  return valid === n;
}
