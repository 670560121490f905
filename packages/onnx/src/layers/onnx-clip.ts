import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single } from './layer-args';

/** Arguments of {@link OnnxClip}. */
export interface OnnxClipArgs extends LayerArgs {
  /** Lower bound (−Infinity for none). */
  min: number;
  /** Upper bound (Infinity for none). */
  max: number;
}

/**
 * ONNX Clip: min(max(x, min), max).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * (new OnnxClip({ min: 0, max: 6 }).apply(tf.tensor1d([-1, 3, 9])) as tf.Tensor).dataSync(); // → [0, 3, 6]
 */
export class OnnxClip extends tf.layers.Layer {
  static className = 'OnnxClip';
  readonly min: number;
  readonly max: number;

  constructor(args: OnnxClipArgs) {
    super(args);
    this.min = args.min ?? -Infinity;
    this.max = args.max ?? Infinity;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let y = single(inputs);
      if (Number.isFinite(this.min)) y = tf.maximum(y, this.min);
      if (Number.isFinite(this.max)) y = tf.minimum(y, this.max);
      return y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    // JSON has no Infinity: unbounded sides are stored as null.
    return {
      ...super.getConfig(),
      min: Number.isFinite(this.min) ? this.min : null,
      max: Number.isFinite(this.max) ? this.max : null,
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls({ ...config, min: config.min ?? -Infinity, max: config.max ?? Infinity });
  }
}
tf.serialization.registerClass(OnnxClip, 'memsim');
