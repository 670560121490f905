import type { FloatArray } from '../internal/float-array';
import { fullScaleExponent, overflowIndex, selectMagnitude } from '../internal/full-scale';
import { linearKernel32, linearKernel64 } from './linear-kernel';

/** Resolved options every method kernel receives (already validated). */
export interface ResolvedQuantize {
  bits: number;
  overflowRate: number;
  /** Lower clamp bound, `-Infinity` when not given. */
  min: number;
  /** Upper clamp bound, `+Infinity` when not given. */
  max: number;
  hasMin: boolean;
  hasMax: boolean;
}

/**
 * The step δ = 2^sf of the linear method, bit-exact with MemTorch 1.1.6 `det_sf`: the overflow-selected magnitude of
 * the (clamped) input, raised to max(|min|, |max|) of the given bounds when that is larger and the index is 0,
 * then `sf = 1 − bits + ceil(log2(v + 1e-12))`.
 */
function linearStep(x: FloatArray, o: ResolvedQuantize, dataMin: number, dataMax: number): number {
  const float32 = x instanceof Float32Array;
  const index = overflowIndex(o.overflowRate, x.length, float32);
  let v = selectMagnitude(x, index, o.min, o.max, dataMin, dataMax);
  if (index === 0 && (o.hasMin || o.hasMax)) {
    const bound = Math.max(o.hasMin ? Math.abs(o.min) : 0, o.hasMax ? Math.abs(o.max) : 0);
    if (bound > v) v = bound;
  }
  const integral = fullScaleExponent(v, float32);
  return 2 ** (1 - o.bits + integral);
}

/** The `linear` method: codes −2^(bits−1) … 2^(bits−1) − 1 of the power-of-two step from {@link linearStep}. */
export function quantizeLinear(
  x: FloatArray,
  out: FloatArray,
  o: ResolvedQuantize,
  dataMin: number,
  dataMax: number,
): void {
  const delta = linearStep(x, o, dataMin, dataMax);
  const bound = 2 ** (o.bits - 1);
  if (x instanceof Float32Array)
    linearKernel32(x, out as Float32Array, delta, -bound, Math.fround(bound - 1), o.min, o.max);
  else linearKernel64(x, out as Float64Array, delta, -bound, bound - 1, o.min, o.max);
}
