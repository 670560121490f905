import { InvalidParameterError } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemristiveConv2D, MemristiveDense, MemristiveLSTM, patchModel } from '../../src/index';
import { seedWeights } from '../fixtures';
import { randomUniform, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

// Issue 18: bad inputs that were accepted and failed only at predict, or escaped as TypeError.
describe('layers boundaries', () => {
  const small = () => seedWeights(tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] })] }), 7);

  it.each([null, undefined, 5, 'dense'])('new MemristiveDense(%o) names args', (args) => {
    expect(() => new MemristiveDense(args as never)).toThrow(InvalidParameterError);
    expect(() => new MemristiveDense(args as never)).toThrow(/^MemristiveDense: `args`/);
    expect(() => new MemristiveConv2D(args as never)).toThrow(/`args`/);
    expect(() => new MemristiveLSTM(args as never)).toThrow(/`args`/);
  });

  it('patchModel rejects adc.bits = 64 at the call, naming adc.bits', async () => {
    await expect(patchModel(small(), { model: VTEAM, adc: { bits: 64 } })).rejects.toThrow(/`adc.bits` must be/);
  });

  it("setReadout({ mode: 'tiled' }) without a tile shape is rejected at the call and keeps the read-out", async () => {
    const patched = await patchModel(small(), { model: VTEAM });
    expect(() => patched.setReadout({ mode: 'tiled' })).toThrow(/`tileShape` must be given for mode 'tiled'/);
    expect(patched.settings.engine.mode).toBe('ideal');
    const x = tf.tensor(randomUniform(2 * 4, 8), [2, 4]);
    expect((patched.predict(x) as tf.Tensor).shape).toEqual([2, 3]);
  });

  it.each([null, undefined, [1, 2, 3], [], 'x'])('predict(%o) is a typed error naming x', async (x) => {
    const patched = await patchModel(small(), { model: VTEAM });
    expect(() => patched.predict(x as never)).toThrow(/MemristiveModel.predict: `x`/);
  });
});
