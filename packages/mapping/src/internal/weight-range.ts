import { InvalidParameterError } from '@memsim/core';
import type { NumericArray } from '@memsim/core';
import { selectDescending } from './select-magnitude';

/**
 * w_max of a set of weights [weight units]: max |w| without `pL`, else MemTorch's percentile
 * sorted(|w|, descending)[⌊pL·(N − 1)⌋]. Reads `data[offset + i·stride]` for i < count (a whole matrix with
 * stride 1, or one column with stride = cols). Returns 0 only when every weight read is 0.
 *
 * @throws {InvalidParameterError} when `pL` selects a zero magnitude while some weight is non-zero (MemTorch
 * divides by zero there).
 */
export function weightRange(
  where: string,
  data: NumericArray,
  offset: number,
  stride: number,
  count: number,
  pL: number | undefined,
  work: Float64Array,
): number {
  let maxAbs = 0;
  for (let i = 0, p = offset; i < count; i++, p += stride) {
    const a = Math.abs(data[p]!);
    if (a > maxAbs) maxAbs = a;
  }
  if (pL === undefined || maxAbs === 0) return maxAbs;
  const k = Math.floor(pL * (count - 1));
  if (k === 0) return maxAbs;
  for (let i = 0, p = offset; i < count; i++, p += stride) work[i] = Math.abs(data[p]!);
  const wMax = selectDescending(work.subarray(0, count), k);
  if (wMax === 0)
    throw new InvalidParameterError({
      where,
      parameter: 'pL',
      value: pL,
      expected: `small enough that the ⌊pL·(N − 1)⌋-th largest |w| is non-zero (it is 0 here, with ${count} weights); w_max = 0 cannot be mapped`,
    });
  return wMax;
}

/** max |w[:, j]| for every column j of a row-major rows × cols matrix, in one cache-friendly pass. */
export function columnMaxAbs(data: NumericArray, rows: number, cols: number): Float64Array {
  const m = new Float64Array(cols);
  for (let i = 0, p = 0; i < rows; i++)
    for (let j = 0; j < cols; j++, p++) {
      const a = Math.abs(data[p]!);
      if (a > m[j]!) m[j] = a;
    }
  return m;
}
