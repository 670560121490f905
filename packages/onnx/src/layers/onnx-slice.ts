import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single, singleShape } from './layer-args';

/** Arguments of {@link OnnxSlice}. */
export interface OnnxSliceArgs extends LayerArgs {
  /** tfjs axis (≥ 1). */
  axis: number;
  /** First index kept. */
  begin: number;
  /** Number of indices kept. */
  size: number;
  /** Step between kept indices. @default 1 */
  step?: number;
}

/**
 * A strided slice along one non-batch axis (ONNX Slice; the channel groups of a grouped Conv).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * (new OnnxSlice({ axis: 1, begin: 1, size: 2 }).apply(tf.tensor2d([[1, 2, 3, 4]])) as tf.Tensor).dataSync(); // → [2, 3]
 */
export class OnnxSlice extends tf.layers.Layer {
  static className = 'OnnxSlice';
  readonly axis: number;
  readonly begin: number;
  readonly size: number;
  readonly step: number;

  constructor(args: OnnxSliceArgs) {
    super(args);
    this.axis = args.axis;
    this.begin = args.begin;
    this.size = args.size;
    this.step = args.step ?? 1;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = [...singleShape(inputShape)];
    shape[this.axis] = this.size;
    return shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      if (this.step === 1) {
        const begin = x.shape.map((_, i) => (i === this.axis ? this.begin : 0));
        const size = x.shape.map((_, i) => (i === this.axis ? this.size : -1));
        return tf.slice(x, begin, size);
      }
      const indices = Array.from({ length: this.size }, (_, i) => this.begin + i * this.step);
      return tf.gather(x, tf.tensor1d(indices, 'int32'), this.axis);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.axis, begin: this.begin, size: this.size, step: this.step };
  }
}
tf.serialization.registerClass(OnnxSlice, 'memsim');
