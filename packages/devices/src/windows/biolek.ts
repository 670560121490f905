/**
 * Biolek window (Biolek et al. 2009): F(x, i) = 1 − (x − stp(−i))^(2p), stp(s) = 1 for s ≥ 0 else 0.
 * Unlike Joglekar it lets a device leave a bound: at x = 0 a positive current sees F = 1.
 * MemTorch's `Biolek(voltage, x, p)` is the same with the voltage's sign in place of the current's.
 *
 * @param x - normalised state in [0, 1].
 * @param p - positive exponent [1].
 * @param i - the current (only its sign matters) [A].
 * @example
 * biolek(0, 1, 1e-3); // → 1
 */
export function biolek(x: number, p: number, i: number): number {
  return 1 - (x - (i <= 0 ? 1 : 0)) ** (2 * p);
}
