import type * as tf from '@tensorflow/tfjs';

/** The base arguments every tfjs layer takes (name, trainable, inputShape…). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** The one tensor of a single-input layer. */
export function single(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0]! : inputs;
}

/** The one shape of a single-input layer. */
export function singleShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
  return (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
}
