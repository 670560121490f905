import {
  InvalidParameterError,
  type OptionCheck,
  type OptionsSchema,
  checkOneOf,
  createRng,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import type { Dataset } from '../data/dataset';
import { cliRule } from '../internal/option-rules';
import { createProgress } from '../internal/progress';
import { tf } from '../tf/backend';
import { ARCHITECTURE_NAMES, type ArchitectureName, buildModel } from './architectures';

/**
 * Options of {@link trainModel}.
 *
 * @example
 * await initBackend({ backend: 'cpu' });
 * const options: TrainModelOptions = { epochs: 3, batchSize: 64, learningRate: 0.002, seed: 1, progress: null }; // the defaults, seed, silent
 * const model = await trainModel('mlp', loadDataset({ limit: 64 }), options);
 */
export interface TrainModelOptions {
  /** Passes over the training set. Default 3. */
  epochs?: number;
  /** Samples per gradient step. Default 64. */
  batchSize?: number;
  /** Adam learning rate. Default 0.002. */
  learningRate?: number;
  /** Seed of the initial weights and of the shuffling. */
  seed: number;
  /** Train this (uncompiled) network instead of building `name`. */
  model?: tf.LayersModel;
  /** Progress stream; `null` silences it. Default stderr. */
  progress?: NodeJS.WritableStream | null;
}

/** A TensorFlow.js network (duck-typed: it compiles and trains on batches). */
const layersModelRule: OptionCheck<tf.LayersModel> = (where, parameter, value) => {
  const m = value as { compile?: unknown; trainOnBatch?: unknown } | null;
  if (typeof m !== 'object' || m === null || typeof m.compile !== 'function' || typeof m.trainOnBatch !== 'function')
    throw new InvalidParameterError({
      where,
      parameter,
      value,
      expected: 'an uncompiled tf.LayersModel (e.g. tf.sequential())',
    });
  return value as tf.LayersModel;
};

const SCHEMA = {
  epochs: option.withDefault(rule.positiveInteger, 3),
  batchSize: option.withDefault(rule.positiveInteger, 64),
  learningRate: option.withDefault(rule.positive, 0.002),
  seed: option.requiredByRule(cliRule.seed),
  model: option.optional(layersModelRule),
  progress: option.optional(cliRule.stream),
} satisfies OptionsSchema<TrainModelOptions>;

/**
 * Trains a default network ({@link buildModel}) with Adam on cross-entropy. Batches are drawn in an order shuffled by
 * the seeded memsim RNG (never `Math.random`).
 *
 * @throws {InvalidParameterError} when `name` is not a default network (and no `model` is given), or an option is
 *   unknown, missing or breaks its rule.
 * @example
 * import { initBackend } from '@memsim/layers';
 * await initBackend({ backend: 'cpu' });
 * const data = loadDataset({ limit: 64 });
 * const model = await trainModel('mlp', data, { epochs: 1, batchSize: 32, seed: 1, progress: null });
 */
export async function trainModel(
  name: ArchitectureName | string,
  data: Dataset,
  options: TrainModelOptions,
): Promise<tf.LayersModel> {
  const o = resolveOptions('trainModel', options, SCHEMA);
  // Without a network of its own, `name` says which default network to build; with one, it is only a label.
  if (o.model === undefined) checkOneOf('trainModel', 'name', name, ARCHITECTURE_NAMES);
  const { epochs, batchSize } = o;
  const model =
    o.model ?? buildModel(name as ArchitectureName, { inputShape: data.shape, classes: data.classes, seed: o.seed });
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'sparseCategoricalCrossentropy' });
  const rng = createRng(o.seed);
  const order = new Int32Array(data.count);
  const steps = Math.ceil(data.count / batchSize);
  const progress = createProgress({
    label: `train ${name}`,
    total: epochs * steps,
    stream: o.progress,
    interval: 5,
    unit: 'step',
  });
  const xb = new Float32Array(batchSize * data.features);
  const yb = new Float32Array(batchSize);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < order.length; i++) order[i] = i;
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.integer(i + 1);
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    let lossSum = 0;
    for (let s = 0; s < steps; s++) {
      const n = Math.min(batchSize, data.count - s * batchSize);
      for (let b = 0; b < n; b++) {
        const idx = order[s * batchSize + b]!;
        xb.set(data.x.subarray(idx * data.features, (idx + 1) * data.features), b * data.features);
        yb[b] = data.y[idx]!;
      }
      const x = tf.tensor(xb.subarray(0, n * data.features), [n, ...data.shape]);
      const y = tf.tensor(yb.subarray(0, n), [n]);
      const loss = (await model.trainOnBatch(x, y)) as number;
      lossSum += loss;
      tf.dispose([x, y]);
      progress.tick(`epoch ${epoch + 1}, loss ${(lossSum / (s + 1)).toFixed(4)}`);
    }
  }
  return model;
}
