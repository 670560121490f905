import { type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import type { Dataset } from '../data/dataset';
import { tf } from '../tf/backend';

/**
 * Anything that maps a batch of inputs to class scores (a tf.LayersModel or a memristive model).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * await initBackend({ backend: 'cpu' });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const predict: PredictFn = (x) => model.predict(x) as tf.Tensor; // a patched MemristiveModel's predict fits too
 * (await evaluate(predict, loadDataset({ limit: 200 }))).accuracy; // → 0.99
 */
export type PredictFn = (x: tf.Tensor) => tf.Tensor | Promise<tf.Tensor>;

/**
 * Options of {@link evaluate}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * await initBackend({ backend: 'cpu' });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const options: EvaluateOptions = { batchSize: 256 }; // the default
 * await evaluate((x) => model.predict(x) as tf.Tensor, loadDataset({ limit: 200 }), options);
 */
export interface EvaluateOptions {
  /** Samples per predict call. Default 256. */
  batchSize?: number;
}

const SCHEMA = {
  batchSize: option.withDefault(rule.positiveInteger, 256),
} satisfies OptionsSchema<EvaluateOptions>;

/**
 * Result of {@link evaluate}.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * await initBackend({ backend: 'cpu' });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const result: Evaluation = await evaluate((x) => model.predict(x) as tf.Tensor, loadDataset({ limit: 200 }));
 * [result.accuracy, result.predictions.length]; // → [0.99, 200]
 */
export interface Evaluation {
  /** Fraction of samples whose arg-max class equals the label, in [0, 1]. */
  accuracy: number;
  /** Predicted class of each sample. */
  predictions: Int32Array;
}

/**
 * Runs `predict` over a data set in batches and returns the accuracy and predicted classes.
 *
 * @throws {InvalidParameterError} when an option is unknown or breaks its rule (`batchSize` not a positive integer).
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * import { initBackend } from '@memsim/layers';
 * await initBackend({ backend: 'cpu' });
 * const model = await loadModel(shippedModelDirectory('mlp'));
 * const { accuracy } = await evaluate((x) => model.predict(x) as tf.Tensor, loadDataset({ split: 'test', limit: 200 }));
 */
export async function evaluate(predict: PredictFn, data: Dataset, options: EvaluateOptions = {}): Promise<Evaluation> {
  const { batchSize } = resolveOptions('evaluate', options, SCHEMA);
  const predictions = new Int32Array(data.count);
  let correct = 0;
  for (let start = 0; start < data.count; start += batchSize) {
    const n = Math.min(batchSize, data.count - start);
    const x = tf.tensor(data.x.subarray(start * data.features, (start + n) * data.features), [n, ...data.shape]);
    const scores = await predict(x);
    const classes = tf.tidy(() => tf.argMax(scores, -1));
    const values = (await classes.data()) as Int32Array;
    for (let i = 0; i < n; i++) {
      predictions[start + i] = values[i]!;
      if (values[i] === data.y[start + i]) correct++;
    }
    tf.dispose([x, scores, classes]);
  }
  return { accuracy: data.count === 0 ? 0 : correct / data.count, predictions };
}
