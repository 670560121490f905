import * as tf from '@tensorflow/tfjs';
import { createRng } from '@memsim/core';
import { initBackend } from '../src/index';

/** Starts the wasm backend (cpu fallback) once per test file. */
export async function setupBackend(): Promise<string> {
  return initBackend();
}

/** Small random integers in [-span, span]: products and sums stay exact in float32. */
export function randomIntegers(n: number, seed: number, span = 3): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.integer(2 * span + 1) - span;
  return out;
}

/** Uniform random values in [low, high). */
export function randomUniform(n: number, seed: number, low = -1, high = 1): Float32Array {
  return createRng(seed).fillUniform(new Float32Array(n), low, high) as Float32Array;
}

/** Plain row-major matmul in float64 (an independent reference). */
export function matmul64(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j]! += av * b[p * n + j]!;
    }
  return out;
}

/** Max |a − b| / max |b|. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return den === 0 ? num : num / den;
}

export { tf };
