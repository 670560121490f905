import type * as tf from '@tensorflow/tfjs';

/**
 * The base arguments of every tfjs layer (`name`, `trainable`, `inputShape`, `batchInputShape`, …).
 *
 * @example
 * const base: BaseLayerArgs = { name: 'fc1', inputShape: [6], trainable: false };
 * new MemristiveDense({ ...base, units: 3 }).getConfig().name; // → 'fc1'
 */
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
