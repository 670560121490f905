// The one fast GEMM of @memsim/crossbar (Float32, packed, register-blocked).
export { gemm, gemmBackend, DEFAULT_GEMM_OPTIONS } from './gemm';
export type { GemmOptions, GemmShape } from './gemm';
export { GEMM_BACKENDS } from './gemm-backend';
export type { GemmBackend } from './gemm-backend';
export { defaultThreads } from './default-threads';
export { startThreads } from '../threads/start-threads';
