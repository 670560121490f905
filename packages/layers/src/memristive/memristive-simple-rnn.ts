import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError, option, rule, ShapeMismatchError } from '@memsim/core';
import type { Matrix, OptionsSchema } from '@memsim/core';
import { activationRule, applyActivation } from './apply-activation';
import { resolveLayerArgs } from './layer-args';
import type { BaseLayerArgs, OwnArgs } from './layer-args';
import { MemristiveLayer } from './memristive-layer';

/**
 * Arguments of {@link MemristiveSimpleRNN} (the tfjs `SimpleRNN` arguments memsim keeps).
 *
 * @example
 * const args: MemristiveSimpleRNNArgs = {
 *   units: 8, activation: 'tanh', useBias: true, // all but units: the defaults
 *   returnSequences: false, goBackwards: false, returnState: false,
 * };
 * const layer = new MemristiveSimpleRNN(args);
 */
export interface MemristiveSimpleRNNArgs extends BaseLayerArgs {
  /** Hidden units. */
  units: number;
  /** tfjs activation identifier of the cell. @default 'tanh' */
  activation?: string;
  /** Whether a digital bias is added. @default true */
  useBias?: boolean;
  /** Return the whole output sequence [batch, time, units] instead of the last output. @default false */
  returnSequences?: boolean;
  /** Process the sequence backwards (the returned sequence is then reversed, as in tfjs). @default false */
  goBackwards?: boolean;
  /** Also return the final state: [output, h], as tfjs's `returnState`. @default false */
  returnState?: boolean;
}

/** The rules of {@link MemristiveSimpleRNNArgs}' own keys. */
const SCHEMA = {
  units: option.requiredByRule(rule.positiveInteger),
  activation: option.withDefault(activationRule('tanh'), 'tanh'),
  useBias: option.withDefault(rule.boolean, true),
  returnSequences: option.withDefault(rule.boolean, false),
  goBackwards: option.withDefault(rule.boolean, false),
  returnState: option.withDefault(rule.boolean, false),
} satisfies OptionsSchema<OwnArgs<MemristiveSimpleRNNArgs>>;

/**
 * Memristive SimpleRNN: h_t = activation((x_t · K on crossbar set 0) + bias + (h_{t−1} · R on crossbar set 1)),
 * h_0 = 0 (or the initial state given as a second input, as tfjs's RNN layers take it), the order of tfjs's
 * `SimpleRNNCell`. Both the input kernel K [in, units] and the recurrent kernel
 * R [units, units] live on crossbars (MemTorch's RNN is legacy-only).
 *
 * @throws {InvalidParameterError} when `units` is not a positive integer, the activation is unknown or a key is unknown.
 * @example
 * const layer = new MemristiveSimpleRNN({ units: 8, returnSequences: true });
 */
export class MemristiveSimpleRNN extends MemristiveLayer {
  static className = 'MemristiveSimpleRNN';
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly returnState: boolean;
  private kernel: tf.LayerVariable | null = null;
  private recurrentKernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;
  private readonly where: string;

  constructor(args: MemristiveSimpleRNNArgs) {
    super(args);
    this.where = `MemristiveSimpleRNN${args?.name ? ` '${args.name}'` : ''}`;
    const o = resolveLayerArgs(this.where, args, SCHEMA);
    this.units = o.units;
    this.activation = o.activation;
    this.useBias = o.useBias;
    this.returnSequences = o.returnSequences;
    this.goBackwards = o.goBackwards;
    this.returnState = o.returnState;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[2];
    if (typeof inputDim !== 'number')
      throw new InvalidParameterError({
        where: this.where,
        parameter: 'inputShape',
        value: shape,
        expected: '[batch, time, features] with known features',
      });
    this.kernel = this.addWeight('kernel', [inputDim, this.units], 'float32', tf.initializers.zeros());
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [this.units, this.units],
      'float32',
      tf.initializers.zeros(),
    );
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const output = this.returnSequences
      ? [shape[0] ?? null, shape[1] ?? null, this.units]
      : [shape[0] ?? null, this.units];
    return this.returnState ? [output, [shape[0] ?? null, this.units]] : output;
  }

  crossbarWeights(): Matrix<Float32Array>[] {
    const k = this.kernel!.read();
    const r = this.recurrentKernel!.read();
    return [
      { rows: k.shape[0]!, cols: this.units, data: k.dataSync() as Float32Array },
      { rows: this.units, cols: this.units, data: r.dataSync() as Float32Array },
    ];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const initial = Array.isArray(inputs) ? inputs[1] : undefined;
      const [batch, steps, features] = x.shape as [number, number, number];
      if (x.rank !== 3 || (initial !== undefined && initial.size !== batch * this.units))
        throw new ShapeMismatchError({
          where: this.where,
          parameter: 'inputs',
          expectedShape: [batch, this.units],
          actualShape: initial?.shape ?? x.shape,
          detail: '(x [batch, time, features], optionally followed by the initial state [batch, units])',
        });
      const units = this.units;
      const kernel = this.kernel!.read() as tf.Tensor2D;
      const recurrent = this.recurrentKernel!.read() as tf.Tensor2D;
      const bias = this.bias?.read();
      const order = Array.from({ length: steps }, (_, t) => (this.goBackwards ? steps - 1 - t : t));
      const outputs: tf.Tensor2D[] = [];
      if (this.memristive) {
        // Time-major rows so one crossbar call covers the whole sequence of input projections.
        const data = x.dataSync() as Float32Array;
        const timeMajor = new Float32Array(batch * steps * features);
        for (let t = 0; t < steps; t++)
          for (let b = 0; b < batch; b++)
            timeMajor.set(
              data.subarray((b * steps + t) * features, (b * steps + t + 1) * features),
              (t * batch + b) * features,
            );
        this.record(0, timeMajor);
        const projected = this.runCrossbar(0, timeMajor, batch * steps);
        let h: Float32Array = initial ? Float32Array.from(initial.dataSync()) : new Float32Array(batch * units);
        for (const t of order) {
          this.record(1, h);
          const hr = this.runCrossbar(1, h, batch);
          let pre: tf.Tensor = tf.tensor2d(projected.subarray(t * batch * units, (t + 1) * batch * units), [
            batch,
            units,
          ]);
          if (bias) pre = tf.add(pre, bias);
          const hNext = applyActivation(tf.add(pre, tf.tensor2d(hr, [batch, units])), this.activation) as tf.Tensor2D;
          outputs.push(hNext);
          h = hNext.dataSync() as Float32Array;
        }
      } else {
        let h: tf.Tensor2D = initial ? (tf.reshape(initial, [batch, units]) as tf.Tensor2D) : tf.zeros([batch, units]);
        for (const t of order) {
          const xt = tf.reshape(tf.slice(x, [0, t, 0], [batch, 1, features]), [batch, features]) as tf.Tensor2D;
          if (this.recording) {
            this.record(0, xt.dataSync() as Float32Array);
            this.record(1, h.dataSync() as Float32Array);
          }
          let pre: tf.Tensor = tf.matMul(xt, kernel);
          if (bias) pre = tf.add(pre, bias);
          h = applyActivation(tf.add(pre, tf.matMul(h, recurrent)), this.activation) as tf.Tensor2D;
          outputs.push(h);
        }
      }
      const last: tf.Tensor2D =
        outputs[outputs.length - 1] ??
        (initial ? (tf.reshape(initial, [batch, units]) as tf.Tensor2D) : tf.zeros([batch, units]));
      const output = this.returnSequences ? tf.stack(outputs, 1) : last;
      return this.returnState ? [output, last] : output;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
      returnState: this.returnState,
    };
  }
}
tf.serialization.registerClass(MemristiveSimpleRNN, 'memsim');
