import { MemsimError } from './memsim-error';

const BRAND = Symbol.for('memsim.error.NumericalError');

/**
 * Options of {@link NumericalError}.
 *
 * @example
 * const options: NumericalErrorOptions = { where: 'solvePassive', step: -1, detail: 'CG did not converge in 500 iterations' };
 * new NumericalError(options).detail; // → 'CG did not converge in 500 iterations'
 */
export interface NumericalErrorOptions {
  where: string;
  /** Step, iteration or index at which the computation failed (-1 when not applicable). */
  step: number;
  /** What went wrong, e.g. `'state became NaN'` or `'CG did not converge in 500 iterations'`. */
  detail: string;
}

/**
 * A computation blew up or did not converge (integration overflow, NaN state, solver failure).
 *
 * @example
 * const error = new NumericalError({ where: 'VTEAM.step', step: 12, detail: 'state became NaN' });
 * error.message; // → 'VTEAM.step: state became NaN (at step 12).'
 */
export class NumericalError extends MemsimError {
  private readonly [BRAND] = true;
  readonly step: number;
  readonly detail: string;

  constructor(options: NumericalErrorOptions) {
    super(`${options.where}: ${options.detail}${options.step >= 0 ? ` (at step ${options.step})` : ''}.`);
    this.name = 'NumericalError';
    this.step = options.step;
    this.detail = options.detail;
  }

  static override isInstance(error: unknown): error is NumericalError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}
