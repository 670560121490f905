import { VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel } from '../../src/index';
import { MODEL_CASES, referenceOutput, seedWeights } from '../fixtures';
import { randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

describe('ideal devices (1T1R, no tiles, no ADC) after tune match the tf layer within 1e-4 relative', () => {
  it.each(MODEL_CASES)('$name', async (c) => {
    const original = seedWeights(c.build(), 21);
    const x = tf.tensor(randomUniform(3 * c.input.reduce((a, b) => a * b, 1), 22), [3, ...c.input]);
    const expected = referenceOutput(c, original, x);
    const patched = await patchModel(original, { model: VTEAM });
    patched.tune();
    const got = patched.predict(x) as tf.Tensor;
    expect(got.shape).toEqual(expected.shape);
    expect(relativeError(got.dataSync(), expected.dataSync())).toBeLessThan(1e-4);
    tf.dispose([x, expected, got]);
    patched.dispose();
  });
});

describe('input encoding is undone: no gain error from the input peak', () => {
  const cases = [
    {
      name: 'Dense',
      build: () => tf.sequential({ layers: [tf.layers.dense({ units: 6, inputShape: [10] })] }),
      input: [10],
    },
    {
      name: 'Conv2D',
      build: () =>
        tf.sequential({
          layers: [tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', inputShape: [5, 5, 2] })],
        }),
      input: [5, 5, 2],
    },
  ];
  it.each(cases)(
    '$name: peaks 0.01, 1 and 100 give the same small relative error (tuned once at peak 1)',
    async (c) => {
      const original = seedWeights(c.build(), 31);
      for (const inputEncoding of ['batch', 'sample'] as const) {
        const patched = await patchModel(original, { model: VTEAM, maxInputVoltage: 0.3, inputEncoding });
        patched.tune();
        const base = randomUniform(4 * c.input.reduce((a, b) => a * b, 1), 32);
        const errors = [0.01, 1, 100].map((peak) => {
          const x = tf.tensor(
            base.map((v) => v * peak),
            [4, ...c.input],
          );
          const e = relativeError(
            (patched.predict(x) as tf.Tensor).dataSync(),
            (original.predict(x) as tf.Tensor).dataSync(),
          );
          x.dispose();
          return e;
        });
        // MemTorch's naive_scale would be off by a factor 1/peak here (≈ 99 % at peak 100).
        for (const e of errors) expect(e).toBeLessThan(1e-4);
        patched.dispose();
      }
    },
  );
});
