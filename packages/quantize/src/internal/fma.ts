const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split)

/**
 * `a·j + c` rounded once, for an integer `0 ≤ j < 2^26`: emulates the fused multiply-add that GCC contracts
 * `start + step * idx` into inside `torch.linspace` (Dekker product + Knuth two-sum; exact except in rare
 * double-rounding ties).
 */
export function fmaSmallInt(a: number, j: number, c: number): number {
  const p = a * j;
  const t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  const e = aHi * j - p + aLo * j; // p + e = a·j exactly
  const s = p + c;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb); // s + err = p + c exactly
  return s + (err + e);
}
