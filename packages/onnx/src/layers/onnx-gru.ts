import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from './layer-args';

/** Arguments of {@link OnnxGRU}. */
export interface OnnxGRUArgs extends LayerArgs {
  /** Hidden units H. */
  units: number;
  /** Return the whole sequence [batch, time, H] (else the last output). @default false */
  returnSequences?: boolean;
  /** Also return the final state [batch, H]. @default false */
  returnState?: boolean;
  /** Process the sequence backwards; the returned sequence is in processing order, as in tfjs. @default false */
  goBackwards?: boolean;
}

/**
 * GRU with the reset gate applied after the recurrent matmul (Keras `reset_after=True`, ONNX `linear_before_reset=1`,
 * PyTorch's `nn.GRU`), which tfjs 4.22's `gru` layer does not support. Gate order z, r, h as in Keras; weights
 * `kernel` [in, 3H], `recurrent_kernel` [H, 3H] and `bias` [2, 3H] (row 0 input bias, row 1 recurrent bias):
 * z = σ(x·Kz + bz + h·Rz + rbz), r = σ(x·Kr + br + h·Rr + rbr), ĥ = tanh(x·Kh + bh + r ⊙ (h·Rh + rbh)),
 * h' = z ⊙ h + (1 − z) ⊙ ĥ. Inputs: x [batch, time, in] and optionally the initial state [batch, H].
 * @example
 * // Built by importOnnx for GRU nodes (PyTorch's gate order and linear_before_reset); registered for reloading.
 * OnnxGRU.className; // → 'OnnxGRU'
 */
export class OnnxGRU extends tf.layers.Layer {
  static className = 'OnnxGRU';
  readonly units: number;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: OnnxGRUArgs) {
    super(args);
    this.units = args.units;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[2] as number;
    const h = this.units;
    this.kernel = this.addWeight('kernel', [inputDim, 3 * h], 'float32', tf.initializers.zeros());
    this.recurrentKernel = this.addWeight('recurrent_kernel', [h, 3 * h], 'float32', tf.initializers.zeros());
    this.bias = this.addWeight('bias', [2, 3 * h], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const output = this.returnSequences ? [shape[0]!, shape[1]!, this.units] : [shape[0]!, this.units];
    return this.returnState ? [output, [shape[0]!, this.units]] : output;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const x = list[0] as tf.Tensor3D;
      const [batch, steps, inputDim] = x.shape;
      const units = this.units;
      let state: tf.Tensor2D = (list[1] as tf.Tensor2D | undefined) ?? tf.zeros([batch, units]);
      const bias = this.bias!.read() as tf.Tensor2D;
      const [inputBias, recurrentBias] = tf.unstack(bias) as [tf.Tensor1D, tf.Tensor1D];
      // All input projections at once: [batch·time, in] · [in, 3H].
      const projected = tf.reshape(
        tf.add(tf.matMul(tf.reshape(x, [batch * steps, inputDim]), this.kernel!.read() as tf.Tensor2D), inputBias),
        [batch, steps, 3 * units],
      );
      const recurrent = this.recurrentKernel!.read() as tf.Tensor2D;
      const outputs: tf.Tensor2D[] = [];
      for (let k = 0; k < steps; k++) {
        const t = this.goBackwards ? steps - 1 - k : k;
        const xt = tf.reshape(tf.slice(projected, [0, t, 0], [batch, 1, 3 * units]), [batch, 3 * units]);
        const [xz, xr, xh] = tf.split(xt, 3, 1);
        const inner = tf.add(tf.matMul(state, recurrent), recurrentBias);
        const [hz, hr, hh] = tf.split(inner, 3, 1);
        const z = tf.sigmoid(tf.add(xz!, hz!));
        const r = tf.sigmoid(tf.add(xr!, hr!));
        const candidate = tf.tanh(tf.add(xh!, tf.mul(r, hh!)));
        state = tf.add(tf.mul(z, state), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D;
        if (this.returnSequences) outputs.push(state);
      }
      const output = this.returnSequences ? tf.stack(outputs, 1) : state;
      return this.returnState ? [output, state] : output;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
    };
  }
}
tf.serialization.registerClass(OnnxGRU, 'memsim');
