import { checkFiniteNumber, checkPositiveNumber, NumericalError } from '@memsim/core';

/** Checks the state `x` (any finite number: MemTorch's records probe x outside [0, 1]) and exponent `p` (> 0). */
export function checkWindowArgs(where: string, x: unknown, p: unknown): void {
  checkFiniteNumber(where, 'x', x);
  checkPositiveNumber(where, 'p', p);
}

/**
 * b^(2p) computed as (b²)^p: equal to b^(2p) for integer p, and defined (never NaN) for every p > 0 when b < 0,
 * exactly as the LinearIonDrift kernel evaluates its windows.
 */
export function pow2p(b: number, p: number): number {
  const b2 = b * b;
  return p === 1 ? b2 : b2 ** p;
}

/** Returns `value`, or throws a NumericalError naming the window when it overflowed (huge p or |x|). */
export function finiteWindow(where: string, value: number, x: number, p: number): number {
  if (!(value - value === 0))
    throw new NumericalError({
      where,
      step: -1,
      detail: `the window value overflowed to ${value} at x = ${x}, p = ${p} (use a smaller p or x closer to [0, 1])`,
    });
  return value;
}
