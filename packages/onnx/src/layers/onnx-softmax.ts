import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single } from './layer-args';

/** Arguments of {@link OnnxSoftmax}. */
export interface OnnxSoftmaxArgs extends LayerArgs {
  /** tfjs axis of the normalisation (any axis; tfjs's own softmax handles only the last). */
  axis: number;
  /** log(softmax(x)) (ONNX LogSoftmax). @default false */
  log?: boolean;
}

/**
 * Softmax or log-softmax along any axis, computed stably (x − max).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * (new OnnxSoftmax({ axis: -1 }).apply(tf.tensor2d([[0, 0]])) as tf.Tensor).dataSync(); // → [0.5, 0.5]
 */
export class OnnxSoftmax extends tf.layers.Layer {
  static className = 'OnnxSoftmax';
  readonly axis: number;
  readonly log: boolean;

  constructor(args: OnnxSoftmaxArgs) {
    super(args);
    this.axis = args.axis;
    this.log = args.log ?? false;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      const shifted = tf.sub(x, tf.max(x, this.axis, true));
      const sum = tf.sum(tf.exp(shifted), this.axis, true);
      return this.log ? tf.sub(shifted, tf.log(sum)) : tf.div(tf.exp(shifted), sum);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.axis, log: this.log };
  }
}
tf.serialization.registerClass(OnnxSoftmax, 'memsim');
