import { InvalidParameterError, checkInRange, checkPositiveInteger, option, resolveOptions, rule } from '@memsim/core';
import type { OptionCheck, OptionsSchema } from '@memsim/core';
import { QUANT_METHODS } from '../api/quant-methods';
import type { QuantMethod } from '../api/quant-methods';
import { MAX_BITS } from '../api/quantize';

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

// The bits rule in two steps, so an ADC without bits (or with 0) is told "a positive integer" before the upper limit.
const adcBits: OptionCheck<number> = (where, parameter, value) =>
  checkInRange(where, parameter, checkPositiveInteger(where, parameter, value), 1, MAX_BITS);

/** @internal The rules of {@link AdcConfig}, each written once (used by `quantize`, `@memsim/crossbar` and `@memsim/layers`). */
export const ADC_CONFIG_SCHEMA = {
  bits: option.requiredByRule(adcBits),
  overflowRate: option.withDefault(rule.proportion, 0),
  method: option.withDefault(rule.oneOf(QUANT_METHODS), 'linear' as QuantMethod),
} satisfies OptionsSchema<AdcConfig>;

/**
 * Checks an ADC configuration given as option `parameter` of `where` and returns a resolved, frozen copy
 * (`overflowRate` 0 and `method` 'linear' by default). The one ADC rule set: `@memsim/crossbar`'s `mvm` and
 * `@memsim/layers`' read-out configs call it, so the limits cannot drift apart.
 *
 * @throws {InvalidParameterError} when it is not an object, has an unknown key, no `bits` or `bits` outside [1, 53], an
 *   unknown `method`, or `overflowRate` outside [0, 1] (messages name `adc.bits`, …).
 * @example
 * checkAdcConfig('mvm', { bits: 8 }); // → { bits: 8, overflowRate: 0, method: 'linear' }
 */
export function checkAdcConfig(where: string, value: unknown, parameter = 'adc'): Readonly<Required<AdcConfig>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'an ADC config { bits, overflowRate?, method? }',
    });
  return resolveOptions(where, value as AdcConfig, ADC_CONFIG_SCHEMA, parameter);
}
