import type { QuantMethod } from '../quantize/quant-methods';

/**
 * A durable, serialisable description of an analogue-to-digital converter: the options `quantize` needs besides
 * the optional clamp bounds. Crossbar tiles apply it to every partial-sum vector (MemTorch `ADC_resolution`,
 * `ADC_overflow_rate`, `quant_method`).
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
