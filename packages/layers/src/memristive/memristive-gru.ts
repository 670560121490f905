import * as tf from '@tensorflow/tfjs';
import { option, rule } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import type { Matrix } from '@memsim/core';
import { applyActivation } from './apply-activation';
import { addBiasRows, blockActivation, sliceColumns, toTimeMajor } from './gate-activation';
import type { OwnArgs } from './layer-args';
import { GATED_RNN_RULES, MemristiveGatedRNN } from './memristive-gated-rnn';
import type { MemristiveGatedRNNArgs } from './memristive-gated-rnn';

/**
 * Arguments of {@link MemristiveGRU} (the tfjs/Keras `GRU` arguments memsim keeps).
 *
 * @example
 * const args: MemristiveGRUArgs = { units: 32, resetAfter: false }; // resetAfter: the default (tfjs's form)
 * const layer = new MemristiveGRU(args);
 */
export interface MemristiveGRUArgs extends MemristiveGatedRNNArgs {
  /**
   * Apply the reset gate after the recurrent product (Keras `reset_after`, PyTorch's and ONNX's
   * `linear_before_reset = 1`) instead of before it (tfjs's only form). The bias is then [2, 3·units]: input and
   * recurrent biases. @default false
   */
  resetAfter?: boolean;
}

/** The rules of {@link MemristiveGRUArgs}' own keys. */
const SCHEMA = {
  ...GATED_RNN_RULES,
  resetAfter: option.withDefault(rule.boolean, false),
} satisfies OptionsSchema<OwnArgs<MemristiveGRUArgs>>;

/**
 * Memristive GRU with tfjs's `GRUCell` semantics (gate columns z, r, h̃; h_0 = the initial state (input 2) or 0; h_t = z ⊙ h_{t−1} + (1 − z) ⊙ h̃):
 * - `resetAfter: false` (tfjs): x = x_t · K + b; z, r = recurrentActivation(x_{z,r} + h_{t−1} · R_{z,r});
 *   h̃ = activation(x_h + (r ⊙ h_{t−1}) · R_h). Crossbar sets: 0 = K [in, 3·units], 1 = R_{z,r} [units, 2·units],
 *   2 = R_h [units, units] (it is driven by r ⊙ h, another input, so it is its own array).
 * - `resetAfter: true` (Keras, PyTorch): x = x_t · K + b_in; m = h_{t−1} · R + b_rec; z, r = recurrentActivation(x + m);
 *   h̃ = activation(x_h + r ⊙ m_h). Crossbar sets: 0 = K [in, 3·units], 1 = R [units, 3·units].
 *
 * The input kernel runs once for the whole sequence, the recurrent set(s) once per step; biases and gates are
 * digital. MemTorch has no memristive GRU (its issue #93).
 *
 * @throws {InvalidParameterError} when `units` is not a positive integer, an activation is unknown or a key is unknown.
 * @example
 * const layer = new MemristiveGRU({ units: 32, recurrentActivation: 'sigmoid', resetAfter: true });
 */
export class MemristiveGRU extends MemristiveGatedRNN {
  static className = 'MemristiveGRU';
  readonly resetAfter: boolean;
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: MemristiveGRUArgs) {
    super('MemristiveGRU', args, SCHEMA);
    this.resetAfter = this.ownArgs.resetAfter as boolean; // checked by SCHEMA
  }

  protected get stateCount(): number {
    return 1;
  }

  protected buildWeights(inputDim: number): void {
    const zeros = tf.initializers.zeros();
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inputDim, 3 * u], 'float32', zeros);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 3 * u], 'float32', zeros);
    if (this.useBias) this.bias = this.addWeight('bias', this.resetAfter ? [2, 3 * u] : [3 * u], 'float32', zeros);
  }

  crossbarWeights(): Matrix<Float32Array>[] {
    const u = this.units;
    const k = this.kernel!.read();
    const r = this.recurrentKernel!.read().dataSync() as Float32Array;
    const input = { rows: k.shape[0]!, cols: 3 * u, data: k.dataSync() as Float32Array };
    if (this.resetAfter) return [input, { rows: u, cols: 3 * u, data: r }];
    return [
      input,
      { rows: u, cols: 2 * u, data: sliceColumns(r, u, 3 * u, 0, 2 * u) },
      { rows: u, cols: u, data: sliceColumns(r, u, 3 * u, 2 * u, u) },
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const { x, states } = this.splitInputs(inputs);
      return this.memristive ? this.crossbarForward(x, states[0]!) : this.digitalForward(x, states[0]!);
    });
  }

  /** The crossbar forward: matrix products on the engines, gates in Float32Arrays. */
  private crossbarForward(x: tf.Tensor, initial: Float32Array): tf.Tensor | tf.Tensor[] {
    const [batch, steps, features] = x.shape as [number, number, number];
    const u = this.units;
    const width = 3 * u;
    const timeMajor = toTimeMajor(x.dataSync() as Float32Array, batch, steps, features);
    this.record(0, timeMajor);
    const projected = this.runCrossbar(0, timeMajor, batch * steps);
    const bias = this.bias ? (this.bias.read().dataSync() as Float32Array) : null;
    if (bias) addBiasRows(projected, batch * steps, width, bias);
    const gate = blockActivation(this.recurrentActivation);
    const act = blockActivation(this.activation);
    let h = initial;
    const outputs: Float32Array[] = [];
    for (const t of this.stepOrder(steps)) {
      const xp = projected.subarray(t * batch * width, (t + 1) * batch * width);
      this.record(1, h);
      const m = this.runCrossbar(1, h, batch); // [batch, 2u] (reset before) or [batch, 3u] (reset after)
      const mWidth = this.resetAfter ? width : 2 * u;
      if (this.resetAfter && bias) addBiasRows(m, batch, width, bias, width);
      // z and r: x + m over the first 2u columns.
      const zr = new Float32Array(batch * 2 * u);
      for (let b = 0; b < batch; b++)
        for (let j = 0; j < 2 * u; j++) zr[b * 2 * u + j] = xp[b * width + j]! + m[b * mWidth + j]!;
      gate(zr, batch, 2 * u, 0, 2 * u);
      const candidate = new Float32Array(batch * u);
      if (this.resetAfter) {
        for (let b = 0; b < batch; b++)
          for (let j = 0; j < u; j++)
            candidate[b * u + j] = xp[b * width + 2 * u + j]! + zr[b * 2 * u + u + j]! * m[b * width + 2 * u + j]!;
      } else {
        const rh = new Float32Array(batch * u);
        for (let b = 0; b < batch; b++)
          for (let j = 0; j < u; j++) rh[b * u + j] = zr[b * 2 * u + u + j]! * h[b * u + j]!;
        this.record(2, rh);
        const recurrentH = this.runCrossbar(2, rh, batch);
        for (let b = 0; b < batch; b++)
          for (let j = 0; j < u; j++) candidate[b * u + j] = xp[b * width + 2 * u + j]! + recurrentH[b * u + j]!;
      }
      act(candidate, batch, u, 0, u);
      const hNext = new Float32Array(batch * u);
      for (let b = 0; b < batch; b++)
        for (let j = 0; j < u; j++) {
          const z = zr[b * 2 * u + j]!;
          hNext[b * u + j] = z * h[b * u + j]! + (1 - z) * candidate[b * u + j]!;
        }
      outputs.push(hNext);
      h = hNext;
    }
    return this.finishArrays(outputs, [h], batch);
  }

  /** The digital reference forward: tfjs's `GRUCell.call` ops (reset before), or Keras's reset-after cell. */
  private digitalForward(x: tf.Tensor, initial: Float32Array): tf.Tensor | tf.Tensor[] {
    const [batch, steps, features] = x.shape as [number, number, number];
    const u = this.units;
    const kernel = this.kernel!.read() as tf.Tensor2D;
    const recurrent = this.recurrentKernel!.read() as tf.Tensor2D;
    const bias = this.bias?.read();
    const [inputBias, recurrentBias] = bias && this.resetAfter ? tf.unstack(bias) : [bias, undefined];
    const [rk1, rk2] = tf.split(recurrent, [2 * u, u], 1) as [tf.Tensor2D, tf.Tensor2D];
    let h = tf.tensor2d(initial, [batch, u]);
    const outputs: tf.Tensor2D[] = [];
    for (const t of this.stepOrder(steps)) {
      const xt = tf.reshape(tf.slice(x, [0, t, 0], [batch, 1, features]), [batch, features]) as tf.Tensor2D;
      if (this.recording) {
        this.record(0, xt.dataSync() as Float32Array);
        this.record(1, h.dataSync() as Float32Array);
      }
      let matrixX: tf.Tensor = tf.matMul(xt, kernel);
      if (inputBias) matrixX = tf.add(matrixX, inputBias);
      const [xZ, xR, xH] = tf.split(matrixX, 3, 1);
      let hh: tf.Tensor;
      let z: tf.Tensor;
      if (this.resetAfter) {
        let inner: tf.Tensor = tf.matMul(h, recurrent);
        if (recurrentBias) inner = tf.add(inner, recurrentBias);
        const [rZ, rR, rH] = tf.split(inner, 3, 1);
        z = applyActivation(tf.add(xZ!, rZ!), this.recurrentActivation);
        const r = applyActivation(tf.add(xR!, rR!), this.recurrentActivation);
        hh = applyActivation(tf.add(xH!, tf.mul(r, rH!)), this.activation);
      } else {
        const [recurrentZ, recurrentR] = tf.split(tf.matMul(h, rk1), 2, 1);
        z = applyActivation(tf.add(xZ!, recurrentZ!), this.recurrentActivation);
        const r = applyActivation(tf.add(xR!, recurrentR!), this.recurrentActivation);
        const rh = tf.mul(r, h) as tf.Tensor2D;
        if (this.recording) this.record(2, rh.dataSync() as Float32Array);
        hh = applyActivation(tf.add(xH!, tf.matMul(rh, rk2)), this.activation);
      }
      h = tf.add(tf.mul(z, h), tf.mul(tf.add(1, tf.neg(z)), hh)) as tf.Tensor2D;
      outputs.push(h);
    }
    return this.finish(outputs, [h]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), resetAfter: this.resetAfter };
  }
}
tf.serialization.registerClass(MemristiveGRU, 'memsim');
