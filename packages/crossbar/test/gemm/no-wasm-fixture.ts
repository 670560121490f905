// Run by gemm.test.ts in a child `node --jitless` (no WebAssembly at all): reports the backend and one product.
import { gemm, gemmBackend } from '../../src/index';

const a = Float32Array.from({ length: 6 * 5 }, (_, i) => Math.sin(i));
const b = Float32Array.from({ length: 5 * 7 }, (_, i) => Math.cos(i));
let forcedWasm = 'accepted';
try {
  gemm(a, b, { m: 6, k: 5, n: 7 }, { backend: 'wasm' });
} catch (e) {
  forcedWasm = (e as Error).message;
}
console.log(
  JSON.stringify({
    webAssembly: typeof (globalThis as { WebAssembly?: unknown }).WebAssembly,
    backend: gemmBackend(),
    product: Array.from(gemm(a, b, { m: 6, k: 5, n: 7 }, { threads: 2 })),
    forcedWasm,
  }),
);
