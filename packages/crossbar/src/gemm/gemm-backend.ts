/**
 * A GEMM implementation: `'wasm'` (WebAssembly SIMD, AssemblyScript) or `'ts'` (plain TypeScript, the reference).
 *
 * @example
 * const backend: GemmBackend = gemmBackend(); // 'wasm' (WebAssembly SIMD) or 'ts'
 * gemm(new Float32Array([1, 2]), new Float32Array([3, 4]), { m: 1, k: 2, n: 1 }, { backend: 'ts' }); // → [11]
 */
export type GemmBackend = 'wasm' | 'ts';

/**
 * Every backend name, for option checks.
 *
 * @example
 * GEMM_BACKENDS.includes(gemmBackend()); // → true ('wasm' where WebAssembly SIMD runs, else 'ts')
 */
export const GEMM_BACKENDS: readonly GemmBackend[] = Object.freeze(['wasm', 'ts']);
