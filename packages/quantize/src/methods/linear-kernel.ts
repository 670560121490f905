/**
 * 0.5 + 2^−25. MemTorch rounds `x/δ + 0.5` to float; for codes below 2^23 that rounding changes the floor for one
 * value only, x/δ = 0.5 − 2^−25 (the float below 0.5, whose sum ties up to 1). Adding 2^−25 more in double moves
 * exactly that value to 1 and no other float (every other x/δ + 0.5 is at least 2^−24 below the next integer).
 */
const HALF_FLOAT = 0.5 + 2 ** -25;

/**
 * The power-of-two linear quantiser of MemTorch 1.1.6 (`linear_quantize`) on float32 data:
 * `out = clamp(floor(x/δ + 0.5), lowCode, highCode) · δ`, after clamping x to [clampMin, clampMax].
 * MemTorch rounds `x/δ + 0.5` to float (x/δ itself is exact, δ being a power of two); {@link HALF_FLOAT} reproduces
 * that without a `Math.fround` per element. Wider codes (bits > 24) take the `Math.fround` loop.
 * No checks: the caller validated everything.
 */
export function linearKernel32(
  x: Float32Array,
  out: Float32Array,
  delta: number,
  lowCode: number,
  highCode: number,
  clampMin: number,
  clampMax: number,
): void {
  const inv = 1 / delta;
  const n = x.length;
  if (highCode >= 2 ** 23) {
    for (let i = 0; i < n; i++) {
      const v = Math.min(clampMax, Math.max(clampMin, x[i]!));
      out[i] = Math.max(lowCode, Math.min(highCode, Math.floor(Math.fround(v * inv + 0.5)))) * delta;
    }
    return;
  }
  if (clampMin === Number.NEGATIVE_INFINITY && clampMax === Number.POSITIVE_INFINITY) {
    // No bounds: the common ADC case.
    for (let i = 0; i < n; i++) {
      out[i] = Math.max(lowCode, Math.min(highCode, Math.floor(x[i]! * inv + HALF_FLOAT))) * delta;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = Math.min(clampMax, Math.max(clampMin, x[i]!));
    out[i] = Math.max(lowCode, Math.min(highCode, Math.floor(v * inv + HALF_FLOAT))) * delta;
  }
}

/** Float64Array form of {@link linearKernel32}: all arithmetic in double, as MemTorch's float64 path. */
export function linearKernel64(
  x: Float64Array,
  out: Float64Array,
  delta: number,
  lowCode: number,
  highCode: number,
  clampMin: number,
  clampMax: number,
): void {
  const inv = 1 / delta;
  const n = x.length;
  if (clampMin === Number.NEGATIVE_INFINITY && clampMax === Number.POSITIVE_INFINITY) {
    for (let i = 0; i < n; i++) out[i] = Math.max(lowCode, Math.min(highCode, Math.floor(x[i]! * inv + 0.5))) * delta;
    return;
  }
  for (let i = 0; i < n; i++) {
    const v = Math.min(clampMax, Math.max(clampMin, x[i]!));
    out[i] = Math.max(lowCode, Math.min(highCode, Math.floor(v * inv + 0.5))) * delta;
  }
}
