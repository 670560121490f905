import type { NumericArray } from '@memsim/core';
import type { MappingResult } from '../map/mapping-types';
import type { ResolvedMappingOptions } from './resolve-mapping-options';

/**
 * Maps validated weights to conductances with one w_max per output column (`wMax[j]`, 0 for an all-zero column).
 * Double-column follows MemTorch's `naive_map` exactly (with its dead zone when `pL` is set); single-column maps
 * [−w_max, w_max] linearly onto [g_off, g_on] around g_m. No checks: callers validate at the boundary.
 */
export function mapKernel(
  data: NumericArray,
  rows: number,
  cols: number,
  wMax: Float64Array,
  o: ResolvedMappingOptions,
): MappingResult {
  const { gOn, gOff, scheme } = o;
  const delta = gOn - gOff;
  const n = rows * cols;
  const gain = new Float64Array(cols);
  if (scheme === 'double-column') {
    // L(u) = g_off + (u − w_min)·Δ/(w_max − w_min), u = clamp(max(±w, 0), w_min, w_max).
    // w_min = 0 without pL; w_min = w_max·rOn/rOff with pL (MemTorch's dead zone). An all-zero column keeps g_off.
    const lo = new Float64Array(cols);
    const hi = new Float64Array(cols);
    const slope = new Float64Array(cols);
    for (let j = 0; j < cols; j++) {
      const w = wMax[j]!;
      if (w === 0) {
        gain[j] = delta; // nominal w_max = 1: any gain satisfies 0 · gain = G⁺ − G⁻ = 0
        continue;
      }
      const wMin = o.pL === undefined ? 0 : w / (o.rOff / o.rOn);
      lo[j] = wMin;
      hi[j] = w;
      slope[j] = delta / (w - wMin);
      gain[j] = slope[j]!;
    }
    const pos = new Float64Array(n);
    const neg = new Float64Array(n);
    if (isUniform(wMax)) doubleUniform(data, pos, neg, lo[0]!, hi[0]!, slope[0]!, gOff);
    else doublePerColumn(data, pos, neg, rows, cols, lo, hi, slope, gOff);
    return {
      conductances: [
        { rows, cols, data: pos },
        { rows, cols, data: neg },
      ],
      gain,
    };
  }
  // Single-column: G = g_m + clamp(w, −w_max, w_max)·Δ/(2·w_max), so G − g_m ∝ w and signs are kept.
  const gM = (gOn + gOff) / 2;
  const hi = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    const w = wMax[j]!;
    hi[j] = w;
    gain[j] = w === 0 ? delta / 2 : delta / (2 * w);
  }
  const g = new Float64Array(n);
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const h = hi[j]!;
      const w = data[p]!;
      g[p] = gM + Math.min(Math.max(w, -h), h) * gain[j]!;
    }
  }
  return { conductances: [{ rows, cols, data: g }], gain, referenceConductance: gM };
}

/** Column-wise w_max filled with one value. */
export function uniformRange(cols: number, wMax: number): Float64Array {
  return new Float64Array(cols).fill(wMax);
}

/** True when every entry equals the first. */
function isUniform(a: Float64Array): boolean {
  for (let j = 1; j < a.length; j++) if (a[j] !== a[0]) return false;
  return true;
}

/** Double-column map with one range (the naive map): scalars in the hot loop. */
function doubleUniform(
  data: NumericArray,
  pos: Float64Array,
  neg: Float64Array,
  l: number,
  h: number,
  s: number,
  gOff: number,
): void {
  const n = pos.length;
  for (let p = 0; p < n; p++) {
    const w = data[p]!;
    pos[p] = gOff + (Math.min(Math.max(w, l), h) - l) * s;
    neg[p] = gOff + (Math.min(Math.max(-w, l), h) - l) * s;
  }
}

/** Double-column map with one range per output column. */
function doublePerColumn(
  data: NumericArray,
  pos: Float64Array,
  neg: Float64Array,
  rows: number,
  cols: number,
  lo: Float64Array,
  hi: Float64Array,
  slope: Float64Array,
  gOff: number,
): void {
  for (let i = 0, p = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++, p++) {
      const w = data[p]!;
      const l = lo[j]!;
      const h = hi[j]!;
      pos[p] = gOff + (Math.min(Math.max(w, l), h) - l) * slope[j]!;
      neg[p] = gOff + (Math.min(Math.max(-w, l), h) - l) * slope[j]!;
    }
  }
}
