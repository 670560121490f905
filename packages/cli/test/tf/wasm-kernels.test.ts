import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../src/index';
import { initBackend } from '@memsim/layers';

describe('registerWasmTrainingKernels', () => {
  it('computes the same Conv2D filter gradient on wasm as the cpu backend', async () => {
    expect(await initBackend()).toBe('wasm');
    registerWasmTrainingKernels();
    const x = tf.randomUniform([3, 9, 8, 2], -1, 1, 'float32', 1);
    const dy = tf.randomUniform([3, 7, 6, 4], -1, 1, 'float32', 2);
    const filter = tf.randomUniform([3, 3, 2, 4], -1, 1, 'float32', 3);
    // d/dfilter of sum(conv2d(x, filter) * dy) runs the Conv2DBackpropFilter kernel.
    const grad = async () => {
      const g = tf.grad((f: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, 1, 'valid'), dy)),
      );
      return (await g(filter).data()) as Float32Array;
    };
    const onWasm = await grad();
    await tf.setBackend('cpu');
    const onCpu = await grad();
    await tf.setBackend('wasm');
    expect(onWasm.length).toBe(3 * 3 * 2 * 4);
    let maxDiff = 0;
    for (let i = 0; i < onCpu.length; i++) maxDiff = Math.max(maxDiff, Math.abs(onWasm[i]! - onCpu[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
  });
});
