import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single, singleShape } from './layer-args';

/** Reductions of ONNX memsim imports. */
export type ReduceOp = 'mean' | 'sum' | 'max' | 'min';

/** Arguments of {@link OnnxReduce}. */
export interface OnnxReduceArgs extends LayerArgs {
  op: ReduceOp;
  /** tfjs axes reduced (never 0, the batch). */
  axes: number[];
  /** Keep reduced axes with size 1. */
  keepDims: boolean;
}

/**
 * ReduceMean / ReduceSum / ReduceMax / ReduceMin over non-batch axes (e.g. a global average pool written as a mean).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * const m = new OnnxReduce({ op: 'mean', axes: [1], keepDims: false }).apply(tf.tensor2d([[1, 3]])) as tf.Tensor;
 * m.dataSync(); // → [2]
 */
export class OnnxReduce extends tf.layers.Layer {
  static className = 'OnnxReduce';
  readonly op: ReduceOp;
  readonly axes: number[];
  readonly keepDims: boolean;

  constructor(args: OnnxReduceArgs) {
    super(args);
    this.op = args.op;
    this.axes = [...args.axes];
    this.keepDims = args.keepDims;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = singleShape(inputShape);
    return this.keepDims
      ? shape.map((d, i) => (this.axes.includes(i) ? 1 : d))
      : shape.filter((_, i) => !this.axes.includes(i));
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      const reduce = { mean: tf.mean, sum: tf.sum, max: tf.max, min: tf.min }[this.op];
      return reduce(x, this.axes, this.keepDims);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), op: this.op, axes: [...this.axes], keepDims: this.keepDims };
  }
}
tf.serialization.registerClass(OnnxReduce, 'memsim');
