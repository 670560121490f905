/** A GEMM implementation: `'wasm'` (WebAssembly SIMD, AssemblyScript) or `'ts'` (plain TypeScript, the reference). */
export type GemmBackend = 'wasm' | 'ts';

/** Every backend name, for option checks. */
export const GEMM_BACKENDS: readonly GemmBackend[] = Object.freeze(['wasm', 'ts']);
