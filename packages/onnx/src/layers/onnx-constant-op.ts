import * as tf from '@tensorflow/tfjs';
import { type LayerArgs, single } from './layer-args';

/**
 * Elementwise arithmetic of the Onnx* layers. Lower case: tfjs writes string config values in snake case when it
 * saves a model, so a camel-case value would not survive a save and load.
 */
export type ArithmeticOpName = 'add' | 'sub' | 'mul' | 'div' | 'pow';

/** The layer op of an ONNX op type (Add → add…). */
export function arithmeticOp(opType: string): ArithmeticOpName {
  return opType.toLowerCase() as ArithmeticOpName;
}

export function arithmetic(op: ArithmeticOpName, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  switch (op) {
    case 'add':
      return tf.add(a, b);
    case 'sub':
      return tf.sub(a, b);
    case 'mul':
      return tf.mul(a, b);
    case 'div':
      return tf.div(a, b);
    case 'pow':
      return tf.pow(a, b);
  }
}

/** Arguments of {@link OnnxConstantOp}. */
export interface OnnxConstantOpArgs extends LayerArgs {
  op: ArithmeticOpName;
  /** Shape of the constant in tfjs layout (broadcast against the input, batch axis first). */
  constantShape: number[];
  /** The constant is the left operand (`c − x`, `c / x`). @default false */
  constantFirst?: boolean;
}

/**
 * `x op c` (or `c op x`) with a constant c held as a (non-trainable) weight, broadcast like numpy.
 *
 * @example
 * // Built by importOnnx for `x op constant` nodes (Mul by a scale, Sub of a mean); the constant is a weight.
 * OnnxConstantOp.className; // → 'OnnxConstantOp'
 */
export class OnnxConstantOp extends tf.layers.Layer {
  static className = 'OnnxConstantOp';
  readonly op: ArithmeticOpName;
  readonly constantShape: number[];
  readonly constantFirst: boolean;
  private constant: tf.LayerVariable | null = null;

  constructor(args: OnnxConstantOpArgs) {
    super(args);
    this.op = args.op;
    this.constantShape = [...args.constantShape];
    this.constantFirst = args.constantFirst ?? false;
  }

  override build(): void {
    this.constant = this.addWeight(
      'constant',
      this.constantShape,
      'float32',
      tf.initializers.zeros(),
      undefined,
      false,
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = [...((Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape)];
    const c = this.constantShape;
    const offset = shape.length - c.length;
    for (let i = 0; i < c.length; i++) if (i + offset > 0 && shape[i + offset] === 1) shape[i + offset] = c[i]!;
    return shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      const c = this.constant!.read();
      return this.constantFirst ? arithmetic(this.op, c, x) : arithmetic(this.op, x, c);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      op: this.op,
      constantShape: [...this.constantShape],
      constantFirst: this.constantFirst,
    };
  }
}
tf.serialization.registerClass(OnnxConstantOp, 'memsim');
