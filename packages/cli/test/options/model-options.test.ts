import { initBackend } from '@memsim/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, buildModel, evaluate, trainModel } from '../../src/index';
import type { tf } from '../../src/tf/backend';
import * as tfjs from '@tensorflow/tfjs';
import { type OptionCase, expectRejected, unknownKey } from './cases';

// Issue 20: buildModel, trainModel and evaluate resolve their options through core's resolveOptions and a schema
// typed against their options interface; a bad option is an InvalidParameterError naming it, before any network is
// built or trained.
beforeAll(async () => {
  await initBackend();
});

/** Eight samples of four features, two classes (class = the larger of the first two features). */
function tinyDataset(): Dataset {
  const x = new Float32Array([
    0.9, 0.1, 0.2, 0.3, 0.1, 0.8, 0.5, 0.2, 0.7, 0.2, 0.9, 0.1, 0.3, 0.6, 0.4, 0.4, 0.8, 0.3, 0.1, 0.9, 0.2, 0.9, 0.6,
    0.5, 0.6, 0.4, 0.3, 0.2, 0.1, 0.7, 0.8, 0.3,
  ]);
  const y = new Int32Array([0, 1, 0, 1, 0, 1, 0, 1]);
  return { name: 'tiny', x, y, count: 8, features: 4, shape: [2, 2, 1], classes: 2 };
}
const data = tinyDataset();
const shape = { inputShape: [2, 2, 1], classes: 2, seed: 1 };

const buildCases: OptionCase[] = [
  [
    'unknown key',
    () => buildModel('mlp', { ...shape, hiden: 3 } as never),
    unknownKey('buildModel', 'hiden', ['inputShape', 'classes', 'seed', 'hidden'], 'hidden'),
  ],
  ['name', () => buildModel('rnn' as never, shape), /`name` must be one of 'mlp', 'cnn'; received 'rnn'/],
  [
    'inputShape: missing',
    () => buildModel('mlp', { classes: 2, seed: 1 } as never),
    /`inputShape` must be a per-sample shape.*received undefined/,
  ],
  [
    'inputShape: a zero size',
    () => buildModel('mlp', { ...shape, inputShape: [28, 0, 1] }),
    /`inputShape` must be a per-sample shape.*received \[28, 0, 1\]/,
  ],
  [
    'inputShape: a string',
    () => buildModel('mlp', { ...shape, inputShape: '28x28' as never }),
    /`inputShape` must be a per-sample shape/,
  ],
  [
    'inputShape: not an image for the cnn (explicit check)',
    () => buildModel('cnn', { ...shape, inputShape: [4] }),
    /`inputShape` must be \[height, width, channels\] for the cnn/,
  ],
  ['classes: 0', () => buildModel('mlp', { ...shape, classes: 0 }), /`classes` must be a positive integer.*received 0/],
  [
    'classes: missing',
    () => buildModel('mlp', { inputShape: [2, 2, 1], seed: 1 } as never),
    /`classes` must be a positive integer.*received undefined/,
  ],
  [
    'seed: negative',
    () => buildModel('mlp', { ...shape, seed: -1 }),
    /`seed` must be a non-negative integer.*received -1/,
  ],
  [
    'seed: a string',
    () => buildModel('mlp', { ...shape, seed: '1' as never }),
    /`seed` must be a non-negative integer.*received '1'/,
  ],
  ['hidden: 0', () => buildModel('mlp', { ...shape, hidden: 0 }), /`hidden` must be a positive integer.*received 0/],
  ['options: null', () => buildModel('mlp', null as never), /`options` must be an options object; received null/],
];

const trainCases: OptionCase[] = [
  [
    'unknown key',
    () => trainModel('mlp', data, { seed: 1, epoch: 1 } as never),
    unknownKey('trainModel', 'epoch', ['epochs', 'batchSize', 'learningRate', 'seed', 'model', 'progress'], 'epochs'),
  ],
  [
    'name without a model (explicit check)',
    () => trainModel('transformer', data, { seed: 1, progress: null }),
    /`name` must be one of 'mlp', 'cnn'; received 'transformer'/,
  ],
  [
    'epochs: 0',
    () => trainModel('mlp', data, { seed: 1, epochs: 0 }),
    /`epochs` must be a positive integer.*received 0/,
  ],
  [
    'batchSize: fractional',
    () => trainModel('mlp', data, { seed: 1, batchSize: 1.5 }),
    /`batchSize` must be a positive integer.*received 1\.5/,
  ],
  [
    'learningRate: negative',
    () => trainModel('mlp', data, { seed: 1, learningRate: -0.1 }),
    /`learningRate` must be a finite number > 0; received -0\.1/,
  ],
  [
    'learningRate: NaN',
    () => trainModel('mlp', data, { seed: 1, learningRate: Number.NaN }),
    /`learningRate` must be a finite number > 0; received NaN/,
  ],
  [
    'seed: missing',
    () => trainModel('mlp', data, {} as never),
    /`seed` must be a non-negative integer.*received undefined/,
  ],
  [
    'model: not a network',
    () => trainModel('mine', data, { seed: 1, model: {} as never }),
    /`model` must be an uncompiled tf\.LayersModel/,
  ],
  [
    'progress: not a stream',
    () => trainModel('mlp', data, { seed: 1, progress: 'stderr' as never }),
    /`progress` must be a writable stream .*received 'stderr'/,
  ],
];

const predictOf = (model: tf.LayersModel) => (x: tf.Tensor) => model.predict(x) as tf.Tensor;

const evaluateCases: OptionCase[] = [
  [
    'unknown key',
    () => evaluate(predictOf(buildModel('mlp', shape)), data, { batchsize: 4 } as never),
    unknownKey('evaluate', 'batchsize', ['batchSize'], 'batchSize'),
  ],
  [
    'batchSize: 0',
    () => evaluate(predictOf(buildModel('mlp', shape)), data, { batchSize: 0 }),
    /`batchSize` must be a positive integer.*received 0/,
  ],
  [
    'batchSize: Infinity',
    () => evaluate(predictOf(buildModel('mlp', shape)), data, { batchSize: Number.POSITIVE_INFINITY }),
    /`batchSize` must be a positive integer.*received Infinity/,
  ],
  [
    'batchSize: a string',
    () => evaluate(predictOf(buildModel('mlp', shape)), data, { batchSize: '256' as never }),
    /`batchSize` must be a positive integer.*received '256'/,
  ],
];

describe('model options (issue 20)', () => {
  it.each(buildCases)('buildModel rejects %s', (_label, call, message) => expectRejected('buildModel', call, message));
  it.each(trainCases)('trainModel rejects %s', (_label, call, message) => expectRejected('trainModel', call, message));
  it.each(evaluateCases)('evaluate rejects %s', (_label, call, message) => expectRejected('evaluate', call, message));

  it('buildModel: hidden given or by default (128 units for the mlp)', () => {
    expect(buildModel('mlp', { ...shape, hidden: 3 }).countParams()).toBe(4 * 3 + 3 + 3 * 2 + 2);
    expect(buildModel('mlp', shape).countParams()).toBe(4 * 128 + 128 + 128 * 2 + 2);
  });

  it('buildModel: the mlp takes tabular rows (a one-axis inputShape) and gives the same outputs as flattened rows', () => {
    const flat = buildModel('mlp', { inputShape: [4], classes: 2, seed: 3 });
    const image = buildModel('mlp', { inputShape: [2, 2, 1], classes: 2, seed: 3 });
    expect(flat.countParams()).toBe(image.countParams());
    const rows = data.x.slice(0, 3 * 4);
    const a = (flat.predict(tfjs.tensor2d(rows, [3, 4])) as tf.Tensor).dataSync();
    const b = (image.predict(tfjs.tensor4d(rows, [3, 2, 2, 1])) as tf.Tensor).dataSync();
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('trainModel trains a default network or the given one; evaluate does not depend on batchSize', async () => {
    const trained = await trainModel('mlp', data, {
      epochs: 1,
      batchSize: 4,
      learningRate: 0.01,
      seed: 1,
      progress: null,
    });
    expect(trained.countParams()).toBe(4 * 128 + 128 + 128 * 2 + 2);
    const own = buildModel('mlp', { ...shape, hidden: 3 });
    expect(await trainModel('my-label', data, { epochs: 1, seed: 2, model: own, progress: null })).toBe(own);
    const whole = await evaluate(predictOf(trained), data);
    const batched = await evaluate(predictOf(trained), data, { batchSize: 3 });
    expect(batched.predictions).toHaveLength(8);
    expect(Array.from(batched.predictions)).toEqual(Array.from(whole.predictions));
    expect(batched.accuracy).toBe(whole.accuracy);
  });
});
