/**
 * Rearranges `a` so that `a[k]` is the k-th smallest entry (0-based), every entry before it is ≤ and every entry
 * after it is ≥ (Floyd–Rivest selection, expected O(n); the same algorithm as the `quickselect` package). Mutates `a`,
 * which must be a scratch copy.
 */
export function selectKth(a: Float32Array | Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    if (right - left > 600) {
      // Sample a small range around k and recurse on it to pick good pivots.
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      selectRange(a, k, newLeft, newRight);
    }
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
  return a[k]!;
}

function selectRange(a: Float32Array | Float64Array, k: number, left: number, right: number): void {
  const saved = a.subarray(left, right + 1);
  selectKth(saved, k - left);
}

function swap(a: Float32Array | Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
