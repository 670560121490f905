import { clamp } from './clamp';
import type { FloatArray } from './float-array';
import type { ResolvedQuantize } from './linear-method';

/**
 * The `tanh` method (pytorch-playground `tanh_quantize`): u = (tanh(x) + 1)/2 is rounded to one of n + 1 = 2^bits
 * levels j/n, then mapped back with atanh(2j/n − 1). The extreme codes j = 0 and j = n are ±1 in tanh space, whose
 * atanh is ±Infinity: they are clamped to the largest finite codes j = 1 and j = n − 1. With `bits = 1` (n = 1) no
 * finite code remains, so the two half-ranges map to the midpoints of their tanh intervals: ±atanh(1/2).
 */
export function quantizeTanh(x: FloatArray, out: FloatArray, o: ResolvedQuantize): void {
  const len = x.length;
  if (o.bits === 1) {
    const level = Math.atanh(0.5);
    for (let i = 0; i < len; i++) {
      const v = clamp(x[i]!, o.min, o.max);
      out[i] = v < 0 ? -level : level;
    }
    return;
  }
  const n = 2 ** o.bits - 1;
  for (let i = 0; i < len; i++) {
    const v = clamp(x[i]!, o.min, o.max);
    const u = (Math.tanh(v) + 1) / 2;
    let j = Math.floor(u * n + 0.5);
    if (j < 1) j = 1;
    if (j > n - 1) j = n - 1;
    out[i] = Math.atanh((2 * j) / n - 1);
  }
}
