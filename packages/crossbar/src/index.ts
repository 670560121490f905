// @memsim/crossbar: Crossbar arrays, schemes, tiling, every MVM mode with ADC/DAC, programming, passive circuit solve, fast GEMM.
