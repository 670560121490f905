// @memsim/quantize: ADC/DAC quantisers (linear, log, log_minmax, minmax, tanh, level quantiser) on typed arrays.
