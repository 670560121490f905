import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

// Its own test file, so its own process (pool 'forks'): nothing before it has imported the wasm backend.
describe('importing @memsim/layers', () => {
  it('leaves the global backend alone; a model built before initBackend works, and after it', async () => {
    const layers = await import('../../src/index');
    expect(tf.findBackendFactory('wasm')).toBeNull();
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], useBias: false })] });
    expect(tf.getBackend()).toBe('cpu');
    const kernel = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    model.layers[0]?.setWeights([tf.tensor2d(kernel)]);
    const x = [[1, -1, 2]];
    // Closed form: x · kernel.
    const expected = [[1 * 1 - 3 + 2 * 5, 2 - 4 + 2 * 6]];
    const before = (model.predict(tf.tensor2d(x)) as tf.Tensor).arraySync();
    expect(before).toEqual(expected);
    expect(await layers.initBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    const after = (model.predict(tf.tensor2d(x)) as tf.Tensor).arraySync();
    expect(after).toEqual(expected);
  });
});
