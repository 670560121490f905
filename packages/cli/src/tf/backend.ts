import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);
let ready: Promise<string> | null = null;

/**
 * Selects the TensorFlow.js backend once per process: WebAssembly (SIMD, about 35× the plain-JS backend) when it
 * loads, else the `cpu` backend. Returns the backend name.
 * @example
 * await initBackend('cpu'); // → 'cpu' ('wasm' by default)
 */
export function initBackend(preferred: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  if (ready === null) {
    ready = (async () => {
      if (preferred === 'wasm') {
        try {
          const wasmFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
          setWasmPaths(`${dirname(wasmFile)}/`);
          if (await tf.setBackend('wasm')) {
            await tf.ready();
            return tf.getBackend();
          }
        } catch {
          // fall through to cpu
        }
      }
      // The cpu backend prints a banner suggesting tfjs-node on its FIRST tensor write (not at setBackend); tfjs-node
      // cannot be installed on most machines, so write one scalar now, with the console muted, to spend the banner.
      const warn = console.warn;
      const log = console.log;
      console.warn = () => {};
      console.log = () => {};
      try {
        await tf.setBackend('cpu');
        await tf.ready();
        tf.scalar(0).dispose();
      } finally {
        console.warn = warn;
        console.log = log;
      }
      return tf.getBackend();
    })();
  }
  return ready;
}

/**
 * Runs `fn` on another backend and switches back afterwards (tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter
 * kernel, so convolutional networks train on `cpu`).
 */
export async function withBackend<T>(name: 'cpu' | 'wasm', fn: () => Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  if (previous === name) return fn();
  const warn = console.warn;
  const log = console.log;
  console.warn = () => {};
  console.log = () => {};
  try {
    await tf.setBackend(name);
    // Spend the cpu backend's one-time "install tfjs-node" banner while muted (it prints on the first write).
    tf.scalar(0).dispose();
  } finally {
    console.warn = warn;
    console.log = log;
  }
  try {
    return await fn();
  } finally {
    await tf.setBackend(previous);
  }
}

export { tf };
