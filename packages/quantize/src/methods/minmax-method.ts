import { clamp } from '../internal/clamp';
import type { FloatArray } from '../internal/float-array';
import type { ResolvedQuantize } from './linear-method';

/**
 * The `minmax` method (pytorch-playground `min_max_quantize`): 2^bits levels evenly spaced from `lo` to `hi`,
 * `q = round((x − lo)/(hi − lo)·n)/n·(hi − lo) + lo` with n = 2^bits − 1. `lo`/`hi` are the given `min`/`max`, else the
 * data's own extremes (after clamping). The top level is `hi` exactly, so re-quantising reproduces the grid.
 */
export function quantizeMinmax(
  x: FloatArray,
  out: FloatArray,
  o: ResolvedQuantize,
  dataMin: number,
  dataMax: number,
): void {
  // the data's extremes are clamped too: with only `max` given and every entry above it, lo = hi = max
  const lo = o.hasMin ? o.min : clamp(dataMin, o.min, o.max);
  const hi = o.hasMax ? o.max : clamp(dataMax, o.min, o.max);
  const n = 2 ** o.bits - 1;
  levelGrid(x, out, lo, hi, n, o.min, o.max);
}

/**
 * Rounds every clamped `x` to the nearest of the n + 1 levels `(j/n)·(hi − lo) + lo` (the playground's order of
 * operations; j = n gives `hi` exactly, half-way values go up). `hi === lo` maps everything to `lo`. Levels are
 * tabulated once for n ≤ 2^16.
 */
function levelGrid(
  x: FloatArray,
  out: FloatArray,
  lo: number,
  hi: number,
  n: number,
  clampMin: number,
  clampMax: number,
): void {
  const span = hi - lo;
  if (!(span > 0)) {
    out.fill(lo);
    return;
  }
  // a table pays off only when there are more entries than levels (short vectors compute each level directly)
  const table = n <= TABLE_LIMIT && n < x.length ? gridTable(lo, hi, span, n) : null;
  const scale = n / span;
  if (table !== null && Number.isFinite(scale)) gridLookup(x, out, table, lo, scale, n, clampMin, clampMax);
  else gridDirect(x, out, lo, hi, span, n, clampMin, clampMax);
}

/** Largest interval count n whose levels {@link levelGrid} tabulates. */
const TABLE_LIMIT = 1 << 16;

function gridTable(lo: number, hi: number, span: number, n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) table[j] = (j / n) * span + lo;
  table[n] = hi;
  return table;
}

function gridLookup(
  x: FloatArray,
  out: FloatArray,
  table: Float64Array,
  lo: number,
  scale: number,
  n: number,
  clampMin: number,
  clampMax: number,
): void {
  const len = x.length;
  for (let i = 0; i < len; i++) {
    const v = Math.min(clampMax, Math.max(clampMin, x[i]!));
    out[i] = table[Math.min(n, Math.max(0, Math.floor((v - lo) * scale + 0.5)))]!;
  }
}

/** Without a table, and dividing by the span per entry (safe when n/span overflows for a subnormal span). */
function gridDirect(
  x: FloatArray,
  out: FloatArray,
  lo: number,
  hi: number,
  span: number,
  n: number,
  clampMin: number,
  clampMax: number,
): void {
  const len = x.length;
  for (let i = 0; i < len; i++) {
    const v = Math.min(clampMax, Math.max(clampMin, x[i]!));
    const j = Math.max(0, Math.floor(((v - lo) / span) * n + 0.5));
    out[i] = j >= n ? hi : (j / n) * span + lo;
  }
}
