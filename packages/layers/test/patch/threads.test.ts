import { VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchModel } from '../../src/index';
import type { PatchOptions } from '../../src/index';
import { randomUniform, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

/** A conv net big enough (≥ 2^24 flops per product) for the products to be split over threads. */
function net(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [16, 16, 16] }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10 }),
    ],
  });
  let seed = 3;
  for (const layer of model.layers)
    layer.setWeights(layer.getWeights().map((w) => tf.randomNormal(w.shape, 0, 0.1, 'float32', seed++)));
  return model;
}

const READOUTS: [string, Partial<PatchOptions>][] = [
  ['ideal', {}],
  ['tiled 64×16 + 8-bit ADC', { tileShape: [64, 16], adc: { bits: 8 } }],
  [
    'passive tiles 64×16 + 8-bit ADC',
    { mode: 'passive', tileShape: [64, 16], sourceResistance: 1, lineResistance: 1, adc: { bits: 8 } },
  ],
];

describe('patchModel threads', () => {
  it.each(READOUTS)('%s: threads 1, 2 and 3 give bit-identical outputs (also via setReadout)', async (_, readout) => {
    const x = tf.tensor(randomUniform(8 * 16 * 16 * 16, 4, 0, 1), [8, 16, 16, 16]);
    const patched = await patchModel(net(), { model: VTEAM, maxInputVoltage: 1, ...readout, threads: 1 });
    const run = () => Array.from((patched.predict(x) as tf.Tensor).dataSync());
    const one = run();
    patched.setReadout({ threads: 2 });
    expect(run()).toEqual(one);
    patched.setReadout({ threads: 3 });
    expect(run()).toEqual(one);
    expect(one.every(Number.isFinite)).toBe(true);
  });

  it.each([0, 1.5, 65, '2'])('rejects threads = %s', async (threads) => {
    await expect(patchModel(net(), { model: VTEAM, threads: threads as number })).rejects.toThrow(
      /`threads` must be an integer in \[1, 64\]/,
    );
  });
});
