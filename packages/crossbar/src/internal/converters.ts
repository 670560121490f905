import type { OptionCheck } from '@memsim/core';
import { checkAdcConfig, checkDacConfig, quantize, quantizeInput } from '@memsim/quantize';
import type { AdcConfig, DacConfig } from '@memsim/quantize';
import type { Converter } from '../mvm/tiled-kernel';

// The ADC and DAC rules live with their configs in @memsim/quantize (shared with @memsim/layers).
export { checkAdcConfig as checkAdc, checkDacConfig as checkDac };

/** The ADC rule as an option rule of a schema (errors name the key, e.g. `adc.bits`). */
export const adcRule: OptionCheck<Readonly<Required<AdcConfig>>> = (where, parameter, value) =>
  checkAdcConfig(where, value, parameter);
/** The DAC rule as an option rule of a schema. */
export const dacRule: OptionCheck<Readonly<DacConfig>> = (where, parameter, value) =>
  checkDacConfig(where, value, parameter);

/**
 * The converter of a checked ADC config (input untouched). It writes into `out` when given, or returns a new array;
 * use the returned array.
 */
export function adcConverter(adc: Readonly<Required<AdcConfig>>): Converter {
  // One ADC implementation (@memsim/quantize); `out` keeps the per-tile loop free of allocations.
  const convert = (x: Float32Array, out?: Float32Array) =>
    out === undefined ? quantize(x, adc) : quantize(x, adc, out);
  // The tile loop fuses the plain linear ADC (fused-linear-adc.ts, bit-identical); up to 23 bits (wider codes take quantize's fround loop).
  return adc.method === 'linear' && adc.overflowRate === 0 && adc.bits <= 23
    ? Object.assign(convert, { linearBits: adc.bits })
    : convert;
}

/** Applies a checked DAC config to voltages (returns a new array). */
export function applyDac(v: Float32Array, dac: Readonly<DacConfig>): Float32Array {
  return quantizeInput(v, dac);
}
