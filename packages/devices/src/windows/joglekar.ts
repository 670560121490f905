import { checkWindowArgs, finiteWindow, pow2p } from './check-window';

/**
 * Joglekar window (Joglekar & Wolf 2009), the published formula: F(x) = 1 − (2x − 1)^(2p).
 * Zero at x = 0 and x = 1 (a device exactly at a bound never moves: the window's known terminal-state problem).
 * (2x − 1)^(2p) is evaluated as ((2x − 1)²)^p, so a fractional p is defined too (as in the LinearIonDrift kernel).
 *
 * @param x - normalised state, nominally in [0, 1] (any finite number is evaluated).
 * @param p - exponent > 0 [1].
 * @throws {InvalidParameterError} when `x` is not finite or `p` is not a finite number > 0.
 * @throws {NumericalError} when the value overflows (|2x − 1| > 1 with a huge p).
 * @example
 * joglekar(0.5, 1); // → 1
 */
export function joglekar(x: number, p: number): number {
  checkWindowArgs('joglekar', x, p);
  return finiteWindow('joglekar', 1 - pow2p(2 * x - 1, p), x, p);
}

/**
 * MemTorch's mis-parenthesised Joglekar window, F(x) = (1 − (2x − 1))^(2p) = (2 − 2x)^(2p) (a MemTorch bug).
 * Kept only for parity with MemTorch's LinearIonDrift (`window: 'memtorch-joglekar'`).
 *
 * @throws {InvalidParameterError} when `x` is not finite or `p` is not a finite number > 0.
 * @throws {NumericalError} when the value overflows.
 * @example
 * memtorchJoglekar(0, 1); // → 4
 */
export function memtorchJoglekar(x: number, p: number): number {
  checkWindowArgs('memtorchJoglekar', x, p);
  return finiteWindow('memtorchJoglekar', pow2p(1 - (2 * x - 1), p), x, p);
}
