import type { FloatArray } from './float-array';
import { fullScaleExponent, overflowIndex } from './full-scale';
import type { ResolvedQuantize } from './linear-method';
import { selectKth } from './select';

/**
 * The `log` method as intended (the pytorch-playground `log_linear_quantize` that MemTorch 1.1.0 wrapped): a sign bit
 * plus a (bits − 1)-bit power-of-two linear quantisation of L = ln|x|. The full scale comes from the
 * overflow-selected |L| over the non-zero entries, `2^ceil(log2(v + 1e-12))`, so codes m ∈ [−B, B − 1] with
 * B = 2^(bits − 2) and step δ = 2^(ceil(log2 v) − bits + 2). The lowest code −B stands for zero (a sign–magnitude ADC
 * has no other code for it): 0 stays 0, and magnitudes below e^(−(B − ½)·δ) flush to 0. `bits = 1` leaves no magnitude
 * code besides zero, so every entry becomes 0.
 */
export function quantizeLog(x: FloatArray, out: FloatArray, o: ResolvedQuantize): void {
  const n = x.length;
  if (o.bits === 1) {
    out.fill(0);
    return;
  }
  // ln|x| of every non-zero clamped entry, packed; `which` remembers where each came from.
  const logs = new Float64Array(n);
  const which = new Int32Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let v = x[i]!;
    if (v < o.min) v = o.min;
    if (v > o.max) v = o.max;
    if (v !== 0) {
      logs[count] = Math.log(Math.abs(v));
      which[count] = i;
      count++;
    }
  }
  out.fill(0);
  if (count === 0) return;
  const magnitudes = new Float64Array(count);
  for (let j = 0; j < count; j++) magnitudes[j] = Math.abs(logs[j]!);
  const index = overflowIndex(o.overflowRate, count, false);
  const v = selectKth(magnitudes, count - 1 - index);
  const integral = fullScaleExponent(v, false);
  const delta = 2 ** (integral - o.bits + 2);
  const bound = 2 ** (o.bits - 2);
  for (let j = 0; j < count; j++) {
    let c = Math.floor(logs[j]! / delta + 0.5);
    if (c > bound - 1) c = bound - 1;
    if (c <= -bound) continue; // the zero code
    const i = which[j]!;
    const magnitude = Math.exp(c * delta);
    let s = x[i]!;
    if (s < o.min) s = o.min;
    if (s > o.max) s = o.max;
    out[i] = s < 0 ? -magnitude : magnitude;
  }
}
