import { MemsimError } from './memsim-error';

const BRAND = Symbol.for('memsim.error.ShapeMismatchError');

/**
 * Options of {@link ShapeMismatchError}.
 *
 * @example
 * const options: ShapeMismatchErrorOptions = { where: 'mvm', parameter: 'input', expectedShape: [4], actualShape: [3] };
 * ShapeMismatchError.isInstance(new ShapeMismatchError(options)); // → true
 */
export interface ShapeMismatchErrorOptions {
  where: string;
  parameter: string;
  expectedShape: readonly number[];
  actualShape: readonly number[];
  /** Extra explanation appended to the message, e.g. `'(rows = word lines = inputs)'`. */
  detail?: string;
}

/**
 * Two arrays (or an array and its declared shape) do not agree.
 *
 * @example
 * const error = new ShapeMismatchError({ where: 'mvm', parameter: 'input', expectedShape: [4], actualShape: [3] });
 * ShapeMismatchError.isInstance(error); // → true
 * error.parameter; // → 'input'
 */
export class ShapeMismatchError extends MemsimError {
  private readonly [BRAND] = true;
  readonly parameter: string;
  readonly expectedShape: readonly number[];
  readonly actualShape: readonly number[];

  constructor(options: ShapeMismatchErrorOptions) {
    super(
      `${options.where}: \`${options.parameter}\` must have shape [${options.expectedShape.join(', ')}]; received shape [${options.actualShape.join(', ')}]${options.detail ? ` ${options.detail}` : ''}.`,
    );
    this.name = 'ShapeMismatchError';
    this.parameter = options.parameter;
    this.expectedShape = options.expectedShape;
    this.actualShape = options.actualShape;
  }

  static override isInstance(error: unknown): error is ShapeMismatchError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}
