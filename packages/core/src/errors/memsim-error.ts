// MODULES //

const BRAND = Symbol.for('memsim.error');

// MAIN //

/**
 * Base class of every error memsim throws for bad input or a failed computation.
 *
 * Use `MemsimError.isInstance(e)` rather than `instanceof`: dual ESM/CJS builds and per-package versions can load
 * two copies of this class, and a symbol brand survives that.
 * @example
 * try {
 *   checkPositiveInteger('quantize', 'bits', 0);
 * } catch (error) {
 *   MemsimError.isInstance(error); // → true (every memsim error; works across copies of the package)
 * }
 */
export class MemsimError extends Error {
  private readonly [BRAND] = true;

  constructor(message: string) {
    super(message);
    this.name = 'MemsimError';
  }

  /** True when `error` is any memsim error, whichever copy of the library threw it. */
  static isInstance(error: unknown): error is MemsimError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}
