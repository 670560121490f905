import * as tf from '@tensorflow/tfjs';

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
