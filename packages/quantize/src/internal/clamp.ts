/** `v` limited to [lo, hi] (±Infinity bounds leave it unchanged). */
export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
