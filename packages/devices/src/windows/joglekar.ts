/**
 * Joglekar window (Joglekar & Wolf 2009), the published formula: F(x) = 1 − (2x − 1)^(2p).
 * Zero at x = 0 and x = 1 (a device exactly at a bound never moves: the window's known terminal-state problem).
 *
 * @param x - normalised state in [0, 1].
 * @param p - positive integer exponent [1].
 * @example
 * joglekar(0.5, 1); // → 1
 */
export function joglekar(x: number, p: number): number {
  return 1 - (2 * x - 1) ** (2 * p);
}

/**
 * MemTorch's mis-parenthesised Joglekar window, F(x) = (1 − (2x − 1))^(2p) = (2 − 2x)^(2p) (§12.1 bug 1).
 * Kept only for parity with MemTorch's LinearIonDrift (`window: 'memtorch-joglekar'`).
 *
 * @example
 * memtorchJoglekar(0, 1); // → 4
 */
export function memtorchJoglekar(x: number, p: number): number {
  return (1 - (2 * x - 1)) ** (2 * p);
}
