// MODULES //

import { threadedKernel } from './gemm-threads';
import { gemmTsKernel } from './gemm-ts-kernel';
import { gemmWasmKernel, wasmGemmAvailable } from './gemm-wasm';

// MAIN //

/** Smallest product (2·m·k·n flops) worth handing to worker threads. */
const THREAD_MIN_FLOPS = 2 ** 24;

/**
 * `out = a·b` on the fastest backend, without `gemm`'s checks: the product behind the public `gemm` (after its
 * checks) and behind every MVM mode, whose input `mvm` scans once and whose matrices come from conductances checked
 * when they were written (re-scanning every operand for NaN on every call, once per tile row when tiled, cost ~5 %
 * of a forward). Same numbers for any `threads`. Kernel: assumes valid operands, `out` of m·n entries not aliasing
 * them; it does not scan the output for overflow (its callers do, once).
 */
export function gemmKernel(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  out: Float32Array,
  threads = 1,
): Float32Array {
  if (wasmGemmAvailable()) {
    const threaded = threads > 1 && 2 * m * k * n >= THREAD_MIN_FLOPS ? threadedKernel(threads) : null;
    const done =
      threaded === null
        ? gemmWasmKernel(a, b, m, k, n, out)
        : gemmWasmKernel(a, b, m, k, n, out, threaded.kernel, threaded.run);
    if (done) return out;
  }
  gemmTsKernel(a, b, m, k, n, out);
  return out;
}
