// MODULES //

const BRAND = Symbol.for('memsim.error');

// MAIN //

/**
 * Base class of every error memsim throws for bad input or a failed computation.
 *
 * Use `MemsimError.isInstance(e)` rather than `instanceof`: dual ESM/CJS builds and per-package versions can load
 * two copies of this class, and a symbol brand survives that.
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
