// @memsim/quantize: ADC/DAC quantisers (linear, log, log_minmax, minmax, tanh, level quantiser) on typed arrays.

export { quantize } from './quantize/quantize';
export { DEFAULT_QUANTIZE_OPTIONS } from './quantize/quantize';
export { MAX_BITS } from './quantize/quantize';
export type { QuantizeOptions } from './quantize/quantize';
export { quantizeLevels } from './quantize/quantize-levels';
export type { LevelBound } from './quantize/quantize-levels';
export { quantizeInput } from './quantize/quantize-input';
export { QUANT_METHODS } from './quantize/quant-methods';
export type { QuantMethod } from './quantize/quant-methods';
export { checkAdcConfig } from './config/adc-config';
export type { AdcConfig } from './config/adc-config';
export { checkDacConfig } from './config/dac-config';
export type { DacConfig } from './config/dac-config';
