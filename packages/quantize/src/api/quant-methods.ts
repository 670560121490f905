/**
 * A quantisation method: the names of the MemTorch 1.1.0 documentation (`min-max` is spelled `minmax`).
 * MemTorch 1.1.6 itself accepts only `linear` and `log`.
 * @example
 * const method: QuantMethod = 'log'; // one of QUANT_METHODS
 * quantize(new Float64Array([2e-6, -5e-5, 1e-3]), { bits: 8, method });
 */
export type QuantMethod = 'linear' | 'log' | 'log_minmax' | 'minmax' | 'tanh';

/**
 * Every {@link QuantMethod}, in documentation order (a frozen runtime list, for validation and UIs).
 *
 * @example
 * QUANT_METHODS.includes('tanh'); // → true
 */
export const QUANT_METHODS: readonly QuantMethod[] = Object.freeze([
  'linear',
  'log',
  'log_minmax',
  'minmax',
  'tanh',
] as const);
