import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '@memsim/core';
import { applyActivation } from './apply-activation';
import { addBiasRows, blockActivation, toTimeMajor } from './gate-activation';
import { MemristiveGatedRNN } from './memristive-gated-rnn';
import type { MemristiveGatedRNNArgs } from './memristive-gated-rnn';

/**
 * Arguments of {@link MemristiveLSTM} (the tfjs `LSTM` arguments memsim keeps).
 *
 * @example
 * const args: MemristiveLSTMArgs = { units: 64, recurrentActivation: 'sigmoid' }; // PyTorch/ONNX gates (tfjs's default: 'hardSigmoid')
 * const layer = new MemristiveLSTM(args);
 */
export type MemristiveLSTMArgs = MemristiveGatedRNNArgs;

/**
 * Memristive LSTM with tfjs's `LSTMCell` semantics: z = x_t · K + h_{t−1} · R + b, split into the gates (i, f, c̃, o)
 * in that column order; i, f, o = recurrentActivation, c̃ = activation; c_t = f ⊙ c_{t−1} + i ⊙ c̃;
 * h_t = o ⊙ activation(c_t); h_0, c_0 = the initial states (inputs 2 and 3, as tfjs's `initialState`) or 0. The input kernel K [in, 4·units] is crossbar set 0 (one call for the
 * whole sequence), the recurrent kernel R [units, 4·units] crossbar set 1 (one call per step); the bias and the gates
 * are digital. MemTorch has no memristive LSTM (its issue #93).
 *
 * @throws {InvalidParameterError} when `units` is not a positive integer, an activation is unknown or a key is unknown.
 * @example
 * const layer = new MemristiveLSTM({ units: 64, recurrentActivation: 'sigmoid' });
 */
export class MemristiveLSTM extends MemristiveGatedRNN {
  static className = 'MemristiveLSTM';
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: MemristiveLSTMArgs) {
    super('MemristiveLSTM', args);
  }

  protected get stateCount(): number {
    return 2;
  }

  protected buildWeights(inputDim: number): void {
    const zeros = tf.initializers.zeros();
    this.kernel = this.addWeight('kernel', [inputDim, 4 * this.units], 'float32', zeros);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [this.units, 4 * this.units], 'float32', zeros);
    if (this.useBias) this.bias = this.addWeight('bias', [4 * this.units], 'float32', zeros);
  }

  crossbarWeights(): Matrix<Float32Array>[] {
    const k = this.kernel!.read();
    const r = this.recurrentKernel!.read();
    return [
      { rows: k.shape[0]!, cols: 4 * this.units, data: k.dataSync() as Float32Array },
      { rows: this.units, cols: 4 * this.units, data: r.dataSync() as Float32Array },
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const { x, states } = this.splitInputs(inputs);
      return this.memristive ? this.crossbarForward(x, states) : this.digitalForward(x, states);
    });
  }

  /** The crossbar forward: matrix products on the engines, gates in Float32Arrays. */
  private crossbarForward(x: tf.Tensor, initial: Float32Array[]): tf.Tensor | tf.Tensor[] {
    const [batch, steps, features] = x.shape as [number, number, number];
    const u = this.units;
    const width = 4 * u;
    const timeMajor = toTimeMajor(x.dataSync() as Float32Array, batch, steps, features);
    this.record(0, timeMajor);
    const projected = this.runCrossbar(0, timeMajor, batch * steps);
    if (this.bias) addBiasRows(projected, batch * steps, width, this.bias.read().dataSync() as Float32Array);
    const gate = blockActivation(this.recurrentActivation);
    const act = blockActivation(this.activation);
    let [h, c] = initial as [Float32Array, Float32Array];
    const outputs: Float32Array[] = [];
    for (const t of this.stepOrder(steps)) {
      this.record(1, h);
      const z = this.runCrossbar(1, h, batch);
      const offset = t * batch * width;
      for (let k = 0; k < batch * width; k++) z[k]! += projected[offset + k]!;
      gate(z, batch, width, 0, 2 * u); // i, f
      act(z, batch, width, 2 * u, u); // c̃
      gate(z, batch, width, 3 * u, u); // o
      const cNext = new Float32Array(batch * u);
      for (let b = 0; b < batch; b++)
        for (let j = 0; j < u; j++) {
          const row = b * width + j;
          cNext[b * u + j] = z[row + u]! * c[b * u + j]! + z[row]! * z[row + 2 * u]!;
        }
      const hNext = Float32Array.from(cNext);
      act(hNext, batch, u, 0, u);
      for (let b = 0; b < batch; b++) for (let j = 0; j < u; j++) hNext[b * u + j]! *= z[b * width + 3 * u + j]!;
      outputs.push(hNext);
      h = hNext;
      c = cNext;
    }
    return this.finishArrays(outputs, [h, c], batch);
  }

  /** The digital reference forward: the tfjs ops of `LSTMCell.call`, in its order. */
  private digitalForward(x: tf.Tensor, initial: Float32Array[]): tf.Tensor | tf.Tensor[] {
    const [batch, steps, features] = x.shape as [number, number, number];
    const kernel = this.kernel!.read() as tf.Tensor2D;
    const recurrent = this.recurrentKernel!.read() as tf.Tensor2D;
    const bias = this.bias?.read();
    let h = tf.tensor2d(initial[0]!, [batch, this.units]);
    let c = tf.tensor2d(initial[1]!, [batch, this.units]);
    const outputs: tf.Tensor2D[] = [];
    for (const t of this.stepOrder(steps)) {
      const xt = tf.reshape(tf.slice(x, [0, t, 0], [batch, 1, features]), [batch, features]) as tf.Tensor2D;
      if (this.recording) {
        this.record(0, xt.dataSync() as Float32Array);
        this.record(1, h.dataSync() as Float32Array);
      }
      let z: tf.Tensor = tf.add(tf.matMul(xt, kernel), tf.matMul(h, recurrent));
      if (bias) z = tf.add(z, bias);
      const [z0, z1, z2, z3] = tf.split(z, 4, 1);
      const i = applyActivation(z0!, this.recurrentActivation);
      const f = applyActivation(z1!, this.recurrentActivation);
      c = tf.add(tf.mul(f, c), tf.mul(i, applyActivation(z2!, this.activation))) as tf.Tensor2D;
      const o = applyActivation(z3!, this.recurrentActivation);
      h = tf.mul(o, applyActivation(c, this.activation)) as tf.Tensor2D;
      outputs.push(h);
    }
    return this.finish(outputs, [h, c]);
  }
}
tf.serialization.registerClass(MemristiveLSTM, 'memsim');
