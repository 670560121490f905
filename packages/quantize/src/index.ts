// @memsim/quantize: ADC/DAC quantisers (linear, log, log_minmax, minmax, tanh, level quantiser) on typed arrays.

export { quantize } from './api/quantize';
export { DEFAULT_QUANTIZE_OPTIONS } from './api/quantize';
export { MAX_BITS } from './api/quantize';
export type { QuantizeOptions } from './api/quantize';
export { quantizeLevels } from './api/quantize-levels';
export type { LevelBound } from './api/quantize-levels';
export { quantizeInput } from './api/quantize-input';
export { QUANT_METHODS } from './api/quant-methods';
export type { QuantMethod } from './api/quant-methods';
export { checkAdcConfig } from './config/adc-config';
export type { AdcConfig } from './config/adc-config';
export { checkDacConfig } from './config/dac-config';
export type { DacConfig } from './config/dac-config';
