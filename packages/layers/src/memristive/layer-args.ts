import type * as tf from '@tensorflow/tfjs';

/** The base arguments of every tfjs layer (`name`, `trainable`, `inputShape`, `batchInputShape`, …). */
export type BaseLayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Keys of {@link BaseLayerArgs}, accepted by every memristive layer. */
export const BASE_LAYER_KEYS: readonly string[] = Object.freeze([
  'name',
  'trainable',
  'inputShape',
  'batchInputShape',
  'batchSize',
  'dtype',
  'weights',
  'inputDType',
  // Added by tfjs deserialisation (`fromConfig`), not a user option.
  'customObjects',
]);
