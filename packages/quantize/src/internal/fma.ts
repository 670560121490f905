const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)

/**
 * `a·j + c` rounded once, for an integer `0 ≤ j < 2^26`: emulates the fused multiply-add that GCC contracts
 * `start + step * idx` into inside `torch.linspace`. a·j is split exactly into high + low (Veltkamp split of `a`; each
 * half times j is exact), then c + high is summed without error (Knuth two-sum) and the low parts are added last —
 * exact except in rare double-rounding ties. The per-element level kernel inlines the same steps.
 */
export function fmaSmallInt(a: number, j: number, c: number): number {
  const t = SPLITTER * a;
  const aHi = t - (t - a);
  const high = aHi * j;
  const low = (a - aHi) * j;
  const s = c + high;
  const bb = s - c;
  return s + (c - (s - bb) + (high - bb) + low);
}
