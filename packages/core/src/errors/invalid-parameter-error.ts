import { formatValue } from './format-value';
import { MemsimError } from './memsim-error';

const BRAND = Symbol.for('memsim.error.InvalidParameterError');

/**
 * Options of {@link InvalidParameterError}.
 *
 * @example
 * const options: InvalidParameterErrorOptions = { where: 'quantize', parameter: 'bits', value: 0, expected: 'a positive integer' };
 * new InvalidParameterError(options).message; // → "quantize: `bits` must be a positive integer; received 0."
 */
export interface InvalidParameterErrorOptions {
  /** Function, constructor or model that rejected the value, e.g. `'quantize'` or `'VTEAM params'`. */
  where: string;
  /** Name of the parameter or option, e.g. `'bits'`. */
  parameter: string;
  /** The value received. */
  value: unknown;
  /** What is allowed, phrased to follow "must be", e.g. `'a positive integer'`. */
  expected: string;
  /** Replaces the generated message entirely (rarely needed). */
  message?: string;
}

/**
 * A parameter or option has a wrong type, range or value.
 * Message: ``where: `parameter` must be expected; received value.``
 * @example
 * const error = new InvalidParameterError({ where: 'quantize', parameter: 'bits', value: 0, expected: 'a positive integer' });
 * error.message; // → "quantize: `bits` must be a positive integer; received 0."
 * InvalidParameterError.isInstance(error); // → true
 */
export class InvalidParameterError extends MemsimError {
  private readonly [BRAND] = true;
  readonly parameter: string;
  readonly value: unknown;
  readonly expected: string;

  constructor(options: InvalidParameterErrorOptions) {
    super(
      options.message ??
        `${options.where}: \`${options.parameter}\` must be ${options.expected}; received ${formatValue(options.value)}.`,
    );
    this.name = 'InvalidParameterError';
    this.parameter = options.parameter;
    this.value = options.value;
    this.expected = options.expected;
  }

  static override isInstance(error: unknown): error is InvalidParameterError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}
