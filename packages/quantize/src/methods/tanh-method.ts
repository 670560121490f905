import { clamp } from '../internal/clamp';
import type { FloatArray } from '../internal/float-array';
import type { ResolvedQuantize } from './linear-method';

/**
 * The `tanh` method (pytorch-playground `tanh_quantize`): u = (tanh(x) + 1)/2 is rounded to one of n + 1 = 2^bits
 * levels j/n, then mapped back with atanh(2j/n − 1). The extreme codes j = 0 and j = n are ±1 in tanh space, whose
 * atanh is ±Infinity: they are clamped to the largest finite codes j = 1 and j = n − 1. With `bits = 1` (n = 1) no
 * finite code remains, so the two half-ranges map to the midpoints of their tanh intervals: ±atanh(1/2).
 */
export function quantizeTanh(x: FloatArray, out: FloatArray, o: ResolvedQuantize): void {
  if (o.bits === 1) tanhOneBit(x, out, o.min, o.max);
  else tanhCodes(x, out, 2 ** o.bits - 1, o.min, o.max);
}

function tanhOneBit(x: FloatArray, out: FloatArray, min: number, max: number): void {
  const level = Math.atanh(0.5);
  const n = x.length;
  for (let i = 0; i < n; i++) out[i] = clamp(x[i]!, min, max) < 0 ? -level : level;
}

function tanhCodes(x: FloatArray, out: FloatArray, n: number, min: number, max: number): void {
  const len = x.length;
  const half = n / 2;
  // atanh(2j/n − 1) for every finite code, computed once when the code book is small (same numbers, no atanh per entry)
  let table: Float64Array | null = null;
  if (n <= TABLE_LIMIT && n < len) {
    table = new Float64Array(n);
    for (let j = 1; j < n; j++) table[j] = Math.atanh((2 * j) / n - 1);
  }
  for (let i = 0; i < len; i++) {
    // (tanh(v) + 1)/2·n + ½, with the two extreme codes clamped to the finite ones.
    const j = Math.min(n - 1, Math.max(1, Math.floor((Math.tanh(clamp(x[i]!, min, max)) + 1) * half + 0.5)));
    out[i] = table === null ? Math.atanh((2 * j) / n - 1) : table[j]!;
  }
}

/** Largest code count n whose output table {@link tanhCodes} builds. */
const TABLE_LIMIT = 1 << 17;
