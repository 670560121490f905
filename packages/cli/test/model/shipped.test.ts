import { statSync } from 'node:fs';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evaluate, loadDataset, loadNetwork, shippedModelDirectory } from '../../src/index';
import { initBackend } from '@memsim/layers';

describe('shipped networks', () => {
  it('are small (< 2 MB together)', () => {
    const size = ['mlp', 'cnn'].reduce(
      (a, n) => a + statSync(join(shippedModelDirectory(n as 'mlp'), 'weights.bin')).size,
      0,
    );
    expect(size).toBeLessThan(2 * 2 ** 20);
  });
  it.each(['mlp', 'cnn'])('%s: digital accuracy > 97 %% on the full MNIST test set', async (arch) => {
    await initBackend();
    const test = loadDataset({ split: 'test' });
    expect(test.count).toBe(10000);
    const net = await loadNetwork({ arch }, test);
    const { accuracy } = await evaluate((x) => net.model.predict(x) as tf.Tensor, test, { batchSize: 1000 });
    expect(accuracy).toBeGreaterThan(0.97);
    const meta = net.model.getUserDefinedMetadata() as { memsim?: { testAccuracy: number } } | undefined;
    expect(meta?.memsim?.testAccuracy).toBeCloseTo(accuracy, 3);
    net.model.dispose();
  });
});
