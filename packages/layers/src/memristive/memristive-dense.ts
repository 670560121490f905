import * as tf from '@tensorflow/tfjs';
import { option, rule, ShapeMismatchError } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import type { Matrix } from '@memsim/core';
import { activationRule, applyActivation, fusedActivation } from './apply-activation';
import { layerEpilogue } from './layer-epilogue';
import { resolveLayerArgs } from './layer-args';
import type { BaseLayerArgs, OwnArgs } from './layer-args';
import { MemristiveLayer } from './memristive-layer';

/**
 * Arguments of {@link MemristiveDense} (the tfjs `Dense` arguments memsim keeps).
 *
 * @example
 * const args: MemristiveDenseArgs = { units: 4, activation: 'linear', useBias: true }; // activation, useBias: defaults
 * new MemristiveDense(args).getConfig().units; // → 4
 */
export interface MemristiveDenseArgs extends BaseLayerArgs {
  /** Number of outputs (crossbar columns). */
  units: number;
  /** tfjs activation identifier applied after the bias. @default 'linear' */
  activation?: string;
  /** Whether a digital bias is added (a layer without bias has none). @default true */
  useBias?: boolean;
}

/** The rules of {@link MemristiveDenseArgs}' own keys. */
const SCHEMA = {
  units: option.requiredByRule(rule.positiveInteger),
  activation: option.withDefault(activationRule('linear'), 'linear'),
  useBias: option.withDefault(rule.boolean, true),
} satisfies OptionsSchema<OwnArgs<MemristiveDenseArgs>>;

/**
 * Memristive Dense: output = activation(crossbar(x) + bias), the kernel [in, units] on crossbars
 * (rows = inputs, as tfjs stores it). Applies to the last axis of inputs of any rank ≥ 2, like tfjs `Dense`.
 *
 * @throws {InvalidParameterError} when `units` is not a positive integer, the activation is unknown or a key is unknown.
 * @example
 * const layer = new MemristiveDense({ units: 4, activation: 'relu' });
 */
export class MemristiveDense extends MemristiveLayer {
  static className = 'MemristiveDense';
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  constructor(args: MemristiveDenseArgs) {
    super(args);
    const where = `MemristiveDense${args?.name ? ` '${args.name}'` : ''}`;
    const o = resolveLayerArgs(where, args, SCHEMA);
    this.units = o.units;
    this.activation = o.activation;
    this.useBias = o.useBias;
    this.inputSpec = [{ minNDim: 2 }];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1]!;
    this.kernel = this.addWeight('kernel', [inputDim, this.units], 'float32', tf.initializers.zeros());
    if (this.useBias) this.bias = this.addWeight('bias', [this.units], 'float32', tf.initializers.zeros());
    this.inputSpec = [{ minNDim: 2, axes: { [-1]: inputDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [...shape.slice(0, -1), this.units];
  }

  crossbarWeights(): Matrix<Float32Array>[] {
    const k = this.kernel!.read();
    return [{ rows: k.shape[0]!, cols: k.shape[1]!, data: k.dataSync() as Float32Array }];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict = {}): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const inputDim = x.shape[x.shape.length - 1]!;
      const kernel = this.kernel!.read();
      if (inputDim !== kernel.shape[0])
        throw new ShapeMismatchError({
          where: `MemristiveDense '${this.name}'`,
          parameter: 'input',
          expectedShape: [-1, kernel.shape[0]!],
          actualShape: x.shape,
        });
      const rows = x.size / inputDim;
      if (this.memristive || this.recording) {
        const data = x.dataSync() as Float32Array;
        this.record(0, data);
        if (this.memristive) {
          // One sample per entry of the first axis (a rank-3 input's sample owns its rows of the last axis).
          const samples = x.shape[0]!;
          // Bias and a ReLU applied by the kernel's threads (inference; other activations after it, in tfjs).
          const epilogue =
            kwargs?.training === true
              ? null
              : layerEpilogue(
                  this.units,
                  this.bias === null ? null : (this.bias.read().dataSync() as Float32Array),
                  null,
                  this.activation === 'relu',
                );
          // The rows are the patches of a 1×1 conv over `samples` images of rows / samples pixels: the engine's
          // implicit GEMM when it has one (no encoding pass or operand scan in JS), else the engine itself.
          const y0 = this.recording
            ? null
            : this.runCrossbarOnImage(
                0,
                data,
                {
                  samples,
                  inSize: [1, 1, rows / samples],
                  outSize: [1, 1, rows / samples],
                  kernel: [1, 1, 1],
                  strides: [1, 1, 1],
                  dilation: [1, 1, 1],
                  padBefore: [0, 0, 0],
                  channels: inputDim,
                  group: 0,
                  channelsPerGroup: inputDim,
                  rowOrder: 'channels-first',
                },
                epilogue,
              );
          const out = y0 ?? this.runCrossbar(0, data, rows, samples, epilogue);
          let y: tf.Tensor = tf.tensor(out, [...x.shape.slice(0, -1), this.units]);
          if (epilogue === null && this.bias) y = tf.add(y, this.bias.read());
          return this.activation === 'relu' && epilogue !== null ? y : applyActivation(y, this.activation);
        }
      }
      // Digital reference: the same fused op tfjs's Dense uses, so legacy outputs equal tfjs's bit for bit.
      const fused = fusedActivation(this.activation);
      const x2 = x.rank === 2 ? (x as tf.Tensor2D) : (x.reshape([rows, inputDim]) as tf.Tensor2D);
      let y: tf.Tensor = tf.fused.matMul({
        a: x2,
        b: kernel as tf.Tensor2D,
        bias: this.bias?.read(),
        activation: fused ?? 'linear',
      });
      if (x.rank !== 2) y = y.reshape([...x.shape.slice(0, -1), this.units]);
      return fused === null ? applyActivation(y, this.activation) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, activation: this.activation, useBias: this.useBias };
  }
}
tf.serialization.registerClass(MemristiveDense, 'memsim');
