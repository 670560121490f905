import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single } from './layer-args';

/** Arguments of {@link OnnxBroadcastConstant}. */
export interface OnnxBroadcastConstantArgs extends LayerArgs {
  /** Shape of one sample of the constant (no batch axis). */
  valueShape: number[];
}

/**
 * Outputs a constant (a weight named `value`) repeated over the batch of its input, e.g. an RNN initial state.
 *
 * @example
 * // Built by importOnnx for an initializer added to a graph tensor; its value is a layer weight, so it saves.
 * OnnxBroadcastConstant.className; // → 'OnnxBroadcastConstant'
 */
export class OnnxBroadcastConstant extends tf.layers.Layer {
  static className = 'OnnxBroadcastConstant';
  readonly valueShape: number[];
  private value: tf.LayerVariable | null = null;

  constructor(args: OnnxBroadcastConstantArgs) {
    super(args);
    this.valueShape = [...args.valueShape];
  }

  override build(): void {
    this.value = this.addWeight('value', [1, ...this.valueShape], 'float32', tf.initializers.zeros(), undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0]!, ...this.valueShape];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const batch = single(inputs).shape[0]!;
      return tf.tile(this.value!.read(), [batch, ...this.valueShape.map(() => 1)]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), valueShape: [...this.valueShape] };
  }
}
tf.serialization.registerClass(OnnxBroadcastConstant, 'memsim');
