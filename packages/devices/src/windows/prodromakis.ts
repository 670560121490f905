import { checkPositiveNumber, InvalidParameterError } from '@memsim/core';
import { checkWindowArgs, finiteWindow } from './check-window';

/**
 * Prodromakis window (Prodromakis et al. 2011), the published formula: F(x) = j·(1 − ((x − 0.5)² + 0.75)^p).
 * Zero at x = 0 and x = 1 for every p; its maximum j·(1 − 0.75^p) is at x = 0.5.
 *
 * @param x - normalised state, nominally in [0, 1] (any finite number is evaluated).
 * @param p - exponent > 0 [1].
 * @param j - scale > 0 [1].
 * @throws {InvalidParameterError} when `x` is not finite or `p`, `j` are not finite numbers > 0.
 * @throws {NumericalError} when the value overflows.
 * @example
 * prodromakis(0, 1, 1); // → 0
 */
export function prodromakis(x: number, p: number, j: number): number {
  checkWindowArgs('prodromakis', x, p);
  checkPositiveNumber('prodromakis', 'j', j);
  return finiteWindow('prodromakis', j * (1 - ((x - 0.5) ** 2 + 0.75) ** p), x, p);
}

/**
 * MemTorch's mis-parenthesised Prodromakis window, j·(1 − (x − 0.5)² + 0.75)^p = j·(1.75 − (x − 0.5)²)^p
 * (a MemTorch bug; never zero at the bounds). Kept for parity records only. A negative base (|x − 0.5| > √1.75) with a
 * fractional p has no real value: that is an InvalidParameterError naming `x`.
 *
 * @throws {InvalidParameterError} when `x` is not finite (or outside the real domain), `p`, `j` not finite > 0.
 * @throws {NumericalError} when the value overflows.
 * @example
 * memtorchProdromakis(0.5, 1, 1); // → 1.75
 */
export function memtorchProdromakis(x: number, p: number, j: number): number {
  checkWindowArgs('memtorchProdromakis', x, p);
  checkPositiveNumber('memtorchProdromakis', 'j', j);
  const base = 1 - (x - 0.5) ** 2 + 0.75;
  if (base < 0 && !Number.isInteger(p))
    throw new InvalidParameterError({
      where: 'memtorchProdromakis',
      parameter: 'x',
      value: x,
      expected: `within 0.5 ± √1.75 when \`p\` (${p}) is fractional (the base 1.75 − (x − 0.5)² is negative)`,
    });
  return finiteWindow('memtorchProdromakis', j * base ** p, x, p);
}
