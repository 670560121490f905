import type { QuantMethod } from '../api/quant-methods';

/**
 * A durable, serialisable description of an analogue-to-digital converter: the options `quantize` needs besides
 * the optional clamp bounds. Crossbar tiles apply it to every partial-sum vector (MemTorch `ADC_resolution`,
 * `ADC_overflow_rate`, `quant_method`).
 *
 * @example
 * const partialSums = new Float64Array([1.2e-4, -3e-5, 8e-4]); // bit-line currents [A]
 * const adc: AdcConfig = { bits: 8, overflowRate: 0.01, method: 'linear' };
 * quantize(partialSums, adc); // an AdcConfig is valid `quantize` options as it is
 */
export interface AdcConfig {
  /** Resolution [bit]: an integer in [1, 53]. */
  bits: number;
  /**
   * Fraction of the largest magnitudes allowed to saturate when the full scale is chosen [1], in [0, 1].
   * Used by `linear` and `log` only. Default 0 (full scale covers the largest magnitude).
   */
  overflowRate?: number;
  /** Quantisation method. Default `'linear'`. */
  method?: QuantMethod;
}
