import { NumericalError } from '@memsim/core';
import { type CompiledExpression, compileExpression, rawClosure } from '../expressions/compile-expression';

/**
 * A window function compiled from a user expression by {@link compileWindow}: F(x, p, i, j) with the state `x`, the
 * exponent `p`, the current `i` [A] and the scale `j`, the arguments of the built-in windows.
 *
 * @example
 * const window: WindowFunction = compileWindow('1 - (2x - 1)^(2p)');
 * window(0.25, 1, 0, 1); // → 0.75
 */
export interface WindowFunction {
  (x: number, p: number, i: number, j: number): number;
  /** The expression text as given (saved with a population or chip). */
  readonly expression: string;
}

/**
 * Variables a window expression may use, in call order: state `x` [1], exponent `p` [1], current `i` [A] (its sign
 * tells the direction, as in Biolek's window), scale `j` [1] (Prodromakis).
 *
 * @example
 * WINDOW_VARIABLES; // → ['x', 'p', 'i', 'j']
 */
export const WINDOW_VARIABLES: readonly string[] = Object.freeze(['x', 'p', 'i', 'j']);

/**
 * Compiles a window function from an expression in `x`, `p`, `i`, `j` (see {@link compileExpression} for what an
 * expression may hold): parsed by mathjs once, evaluated as a JS closure. Each value is checked: a NaN or ±Infinity
 * throws a NumericalError naming `x` (and p, i, j). LinearIonDrift takes the same text as its `window`.
 *
 * @param expression - e.g. Joglekar `'1 - (2x - 1)^(2p)'`, Biolek `'1 - (x - (i <= 0 ? 1 : 0))^(2p)'`.
 * @throws {InvalidParameterError} naming `window` when the expression holds anything but the allowed syntax.
 * @example
 * const biolekLike = compileWindow('1 - (x - (i <= 0 ? 1 : 0))^(2p)');
 * biolekLike(0, 1, 1e-3, 1); // → 1: a positive current moves a device away from x = 0
 */
export function compileWindow(expression: string): WindowFunction {
  return checked(
    compileExpression(expression, { variables: WINDOW_VARIABLES, where: 'compileWindow', parameter: 'window' }),
  );
}

// Compiled windows by text, so a model setting compiles once however many populations and steps use it.
const CACHE = new Map<string, WindowFunction>();
const CACHE_SIZE = 64;

/** @internal The compiled window of a LinearIonDrift `window` setting (cached by its text). */
export function windowFromSetting(expression: string, where: string): WindowFunction {
  let window = CACHE.get(expression);
  if (window === undefined) {
    window = checked(compileExpression(expression, { variables: WINDOW_VARIABLES, where, parameter: 'window' }));
    if (CACHE.size >= CACHE_SIZE) CACHE.delete(CACHE.keys().next().value!);
    CACHE.set(expression, window);
  }
  return window;
}

function checked(compiled: CompiledExpression): WindowFunction {
  const f = rawClosure(compiled);
  const window = ((x: number, p: number, i: number, j: number): number => {
    const value = f(x, p, i, j);
    if (!(value - value === 0))
      throw new NumericalError({
        where: 'window',
        step: -1,
        detail: `the window \`${compiled.expression}\` is ${value} at x = ${x} (p = ${p}, i = ${i}, j = ${j})`,
      });
    return value;
  }) as WindowFunction;
  Object.defineProperty(window, 'expression', { value: compiled.expression, enumerable: true });
  return Object.freeze(window);
}
