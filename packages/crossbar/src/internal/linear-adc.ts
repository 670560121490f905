/**
 * Allocation-free fast path of `@memsim/quantize`'s `linear` method for the case the tiled MVM hits tens of
 * thousands of times per call: Float32 data, `overflowRate` 0, no bounds, bits ≤ 24. It reproduces quantize's
 * arithmetic step by step (the full scale from max |x|, MemTorch's `ceil(log2(v + 1e-12f))` evaluated in float,
 * round-half-up of `x/δ + 0.5` in float); test/mvm/linear-adc.test.ts proves it bit-identical to `quantize`.
 */

/** MemTorch's guard against log2(0): the float literal `1e-12f`. */
const EPSILON_F = Math.fround(1e-12);
/** 0.5 + 2^−25: floor(x/δ + 0.5) with the sum rounded to float, for codes below 2^23 (see @memsim/quantize). */
const HALF_FLOAT = 0.5 + 2 ** -25;

/** `ceil(log2(v + 1e-12f))` in float arithmetic, exact near integers. */
function fullScaleExponent32(v: number): number {
  const w = Math.fround(v + EPSILON_F);
  const r = Math.log2(w);
  const k = Math.round(r);
  let rounded = r;
  if (Math.abs(r - k) < 1e-9) {
    const p = 2 ** k;
    rounded = k + Math.log1p((w - p) / p) / Math.LN2;
  }
  return Math.ceil(Math.fround(rounded));
}

/** True when {@link linearAdc32} applies to this ADC configuration. */
export function linearAdcApplies(bits: number, overflowRate: number, method: string): boolean {
  return method === 'linear' && overflowRate === 0 && bits >= 1 && bits <= 24;
}

/**
 * Linear ADC of `x` into `out` (may not alias), `bits` ≤ 24, overflow rate 0, finite data (unchecked).
 * A constant vector is copied unchanged, as quantize does.
 */
export function linearAdc32(x: Float32Array, bits: number, out: Float32Array): Float32Array {
  const n = x.length;
  let lo = x[0]!;
  let hi = lo;
  for (let i = 1; i < n; i++) {
    const v = x[i]!;
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
  }
  if (lo === hi) {
    out.set(x);
    return out;
  }
  const peak = Math.max(Math.abs(lo), Math.abs(hi));
  const delta = 2 ** (1 - bits + fullScaleExponent32(peak));
  const low = -(2 ** (bits - 1));
  const high = Math.fround(2 ** (bits - 1) - 1);
  const inv = 1 / delta;
  for (let i = 0; i < n; i++) out[i] = Math.max(low, Math.min(high, Math.floor(x[i]! * inv + HALF_FLOAT))) * delta;
  return out;
}
