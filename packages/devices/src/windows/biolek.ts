import { checkFiniteNumber } from '@memsim/core';
import { checkWindowArgs, finiteWindow, pow2p } from './check-window';

/**
 * Biolek window (Biolek et al. 2009): F(x, i) = 1 − (x − stp(−i))^(2p), stp(s) = 1 for s ≥ 0 else 0.
 * Unlike Joglekar it lets a device leave a bound: at x = 0 a positive current sees F = 1.
 * MemTorch's `Biolek(voltage, x, p)` is the same with the voltage's sign in place of the current's.
 *
 * @param x - normalised state, nominally in [0, 1] (any finite number is evaluated).
 * @param p - exponent > 0 [1].
 * @param i - the current (only its sign matters) [A].
 * @throws {InvalidParameterError} when `x` or `i` is not finite or `p` is not a finite number > 0.
 * @throws {NumericalError} when the value overflows.
 * @example
 * biolek(0, 1, 1e-3); // → 1
 */
export function biolek(x: number, p: number, i: number): number {
  checkWindowArgs('biolek', x, p);
  checkFiniteNumber('biolek', 'i', i);
  return finiteWindow('biolek', 1 - pow2p(x - (i <= 0 ? 1 : 0), p), x, p);
}
