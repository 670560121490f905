import { InvalidParameterError } from '@memsim/core';

const BRAND = Symbol.for('memsim.error.ChipFormatError');

/**
 * Options of {@link ChipFormatError}.
 *
 * @example
 * const options: ChipFormatErrorOptions = { where: 'loadChip', file: 'chip.json', field: 'chip.layers[0].sets[0].gain', value: 'xyz', expected: 'base64 of Float64 values' };
 * new ChipFormatError(options).message; // → "loadChip: chip.json: `chip.layers[0].sets[0].gain` must be base64 of Float64 values; received 'xyz'."
 */
export interface ChipFormatErrorOptions {
  /** Function that rejected the chip, e.g. `'loadChip'`. */
  where: string;
  /** File (or artifact section) the bad field is in, e.g. `'chip.json'`, `'weights.bin'` or `'artifact'`. */
  file: string;
  /** Path of the bad field, e.g. `'chip.layers[0].sets[0].gain'` or `'checksums.weights'`. */
  field: string;
  /** The value received (or a short description of it). */
  value: unknown;
  /** What is allowed, phrased to follow "must be". */
  expected: string;
}

/**
 * A saved chip is corrupt, truncated, tampered with or not a memsim chip. Message:
 * ``loadChip: chip.json: `chip.layers[0].sets[0].gain` must be …; received ….`` A subclass of
 * `InvalidParameterError` (so existing handlers keep working), with the `file` and `field` it names.
 *
 * @example
 * // (typechecked, not run: needs a damaged chip)
 * async function open(artifact: ChipArtifact) {
 *   try {
 *     return await loadChip(artifact);
 *   } catch (error) {
 *     if (error instanceof ChipFormatError) console.error(`${error.file}: ${error.field} is damaged`);
 *     throw error;
 *   }
 * }
 */
export class ChipFormatError extends InvalidParameterError {
  private readonly [BRAND] = true;
  /** File or artifact section of the bad field. */
  readonly file: string;
  /** Path of the bad field. */
  readonly field: string;

  constructor(options: ChipFormatErrorOptions) {
    super({
      where: `${options.where}: ${options.file}`,
      parameter: options.field,
      value: options.value,
      expected: options.expected,
    });
    this.name = 'ChipFormatError';
    this.file = options.file;
    this.field = options.field;
  }

  /** True when `error` is a ChipFormatError, whichever copy of the library threw it. */
  static override isInstance(error: unknown): error is ChipFormatError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  }
}
