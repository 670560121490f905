/** A GEMM implementation: `'wasm'` (WebAssembly SIMD, AssemblyScript) or `'ts'` (plain TypeScript, the reference). */
export type GemmBackend = 'wasm' | 'ts';

/**
 * Every backend name, for option checks.
 *
 * @example
 * GEMM_BACKENDS.includes(gemmBackend()); // → true ('wasm' where WebAssembly SIMD runs, else 'ts')
 */
export const GEMM_BACKENDS: readonly GemmBackend[] = Object.freeze(['wasm', 'ts']);
