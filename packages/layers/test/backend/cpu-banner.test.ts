import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { initBackend } from '../../src/index';

// The cpu backend prints "install our node backend (tfjs-node)" on its first tensor write; initBackend spends it muted.
describe('initBackend cpu', () => {
  it('prints no tfjs-node banner on the first tensor operations', async () => {
    await initBackend({ backend: 'cpu' });
    const warn = vi.spyOn(console, 'warn');
    try {
      tf.tensor([1, 2]).add(1).dataSync();
      const printed = warn.mock.calls.flat().join(' ');
      expect(printed).not.toMatch(/tfjs-node/);
    } finally {
      warn.mockRestore();
    }
  });
});
