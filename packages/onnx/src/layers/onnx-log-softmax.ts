import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single } from './layer-args';

/** Arguments of {@link OnnxLogSoftmax}. */
export interface OnnxLogSoftmaxArgs extends LayerArgs {
  /** tfjs axis of the normalisation. */
  axis: number;
}

/** log(softmax(x)) along one axis, computed stably (tf.logSoftmax). */
export class OnnxLogSoftmax extends tf.layers.Layer {
  static className = 'OnnxLogSoftmax';
  readonly axis: number;

  constructor(args: OnnxLogSoftmaxArgs) {
    super(args);
    this.axis = args.axis;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      const m = tf.max(x, this.axis, true);
      const shifted = tf.sub(x, m);
      return tf.sub(shifted, tf.log(tf.sum(tf.exp(shifted), this.axis, true)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}
tf.serialization.registerClass(OnnxLogSoftmax, 'memsim');
