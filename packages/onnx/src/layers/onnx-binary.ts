import * as tf from '@tensorflow/tfjs';
import { type ArithmeticOpName, arithmetic } from './onnx-constant-op';
import type { LayerArgs } from './layer-args';

/** Arguments of {@link OnnxBinary}. */
export interface OnnxBinaryArgs extends LayerArgs {
  op: ArithmeticOpName;
}

/**
 * `a op b` of two computed tensors of the same rank, broadcast like numpy (ONNX Add/Sub/Mul/Div/Pow).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * const sum = new OnnxBinary({ op: 'add' }).apply([tf.tensor1d([1, 2]), tf.tensor1d([10, 20])]) as tf.Tensor;
 * sum.dataSync(); // → [11, 22] (ONNX Add with broadcasting, between two graph tensors)
 */
export class OnnxBinary extends tf.layers.Layer {
  static className = 'OnnxBinary';
  readonly op: ArithmeticOpName;

  constructor(args: OnnxBinaryArgs) {
    super(args);
    this.op = args.op;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [a, b] = inputShape as tf.Shape[];
    return a!.map((d, i) => (d === 1 ? b![i]! : d));
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [a, b] = inputs as tf.Tensor[];
      return arithmetic(this.op, a!, b!);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), op: this.op };
  }
}
tf.serialization.registerClass(OnnxBinary, 'memsim');
