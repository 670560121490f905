/**
 * Returns the k-th largest value (k = 0 → the maximum) of `work`, reordering `work` in place (quickselect,
 * expected O(n)). `work` must hold non-negative finite numbers and 0 ≤ k < work.length.
 */
export function selectDescending(work: Float64Array, k: number): number {
  // k-th largest = (n − 1 − k)-th smallest.
  const target = work.length - 1 - k;
  let lo = 0;
  let hi = work.length - 1;
  while (hi > lo) {
    // Median of three as pivot.
    const mid = (lo + hi) >>> 1;
    const a = work[lo]!;
    const b = work[mid]!;
    const c = work[hi]!;
    const pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (work[i]! < pivot) i++;
      while (work[j]! > pivot) j--;
      if (i <= j) {
        const t = work[i]!;
        work[i] = work[j]!;
        work[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return work[target]!;
  }
  return work[target]!;
}
