// @memsim/crossbar: Crossbar arrays, schemes, tiling, every MVM mode with ADC/DAC, programming, passive circuit solve, fast GEMM.

// --- kernels (gemm, passive): owned by the kernels engineer ---
export { gemm } from './gemm/index';
export { gemmBackend } from './gemm/index';
export { DEFAULT_GEMM_OPTIONS } from './gemm/index';
export { GEMM_BACKENDS } from './gemm/index';
export type { GemmBackend } from './gemm/index';
export type { GemmOptions } from './gemm/index';
// --- end kernels ---
