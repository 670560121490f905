import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single, singleShape } from './layer-args';

/** Arguments of {@link OnnxGather}. */
export interface OnnxGatherArgs extends LayerArgs {
  /** tfjs axis gathered along (≥ 1: never the batch). */
  axis: number;
  /** Non-negative indices along `axis`. */
  indices: number[];
  /** A scalar index: the axis is removed (ONNX Gather with a 0-d index). */
  scalar: boolean;
}

/**
 * ONNX Gather with constant indices on a non-batch axis (e.g. the last LSTM step, `y[:, -1]`).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * const g = new OnnxGather({ axis: 1, indices: [2, 0], scalar: false }).apply(tf.tensor2d([[1, 2, 3]])) as tf.Tensor;
 * g.dataSync(); // → [3, 1]
 */
export class OnnxGather extends tf.layers.Layer {
  static className = 'OnnxGather';
  readonly axis: number;
  readonly indices: number[];
  readonly scalar: boolean;

  constructor(args: OnnxGatherArgs) {
    super(args);
    this.axis = args.axis;
    this.indices = [...args.indices];
    this.scalar = args.scalar;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = [...singleShape(inputShape)];
    if (this.scalar) shape.splice(this.axis, 1);
    else shape[this.axis] = this.indices.length;
    return shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      const y = tf.gather(x, tf.tensor1d(this.indices, 'int32'), this.axis);
      return this.scalar ? tf.squeeze(y, [this.axis]) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.axis, indices: [...this.indices], scalar: this.scalar };
  }
}
tf.serialization.registerClass(OnnxGather, 'memsim');
