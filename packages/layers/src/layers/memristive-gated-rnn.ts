import * as tf from '@tensorflow/tfjs';
import { checkBoolean, checkKnownKeys, checkPositiveInteger, InvalidParameterError } from '@memsim/core';
import { checkActivation } from './apply-activation';
import { BASE_LAYER_KEYS } from './layer-args';
import type { BaseLayerArgs } from './layer-args';
import { MemristiveLayer } from './memristive-layer';

/** Arguments shared by {@link MemristiveLSTM} and {@link MemristiveGRU} (the tfjs arguments memsim keeps). */
export interface MemristiveGatedRNNArgs extends BaseLayerArgs {
  /** Hidden units. */
  units: number;
  /** tfjs activation of the candidate (and, for an LSTM, of the cell state before the output gate). @default 'tanh' */
  activation?: string;
  /** tfjs activation of the gates. @default 'hardSigmoid' (tfjs's default; PyTorch/ONNX use 'sigmoid') */
  recurrentActivation?: string;
  /** Whether a digital bias is added. @default true */
  useBias?: boolean;
  /** Return the whole output sequence [batch, time, units] instead of the last output. @default false */
  returnSequences?: boolean;
  /** Process the sequence backwards (the returned sequence is then in processing order, as in tfjs). @default false */
  goBackwards?: boolean;
}

/** Keys of {@link MemristiveGatedRNNArgs}. */
export const GATED_RNN_KEYS: readonly string[] = Object.freeze([
  ...BASE_LAYER_KEYS,
  'units',
  'activation',
  'recurrentActivation',
  'useBias',
  'returnSequences',
  'goBackwards',
]);

/**
 * Common part of the gated recurrent layers: argument checks, input shape, output shape and config. Subclasses
 * add their weights in {@link MemristiveGatedRNN.buildWeights} and implement `call` and `crossbarWeights`.
 */
export abstract class MemristiveGatedRNN extends MemristiveLayer {
  readonly units: number;
  readonly activation: string;
  readonly recurrentActivation: string;
  readonly useBias: boolean;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  protected readonly where: string;

  protected constructor(className: string, args: MemristiveGatedRNNArgs, keys: readonly string[]) {
    super(args);
    this.where = `${className}${args?.name ? ` '${args.name}'` : ''}`;
    checkKnownKeys(this.where, args, keys);
    this.units = checkPositiveInteger(this.where, 'units', args.units);
    this.activation = checkActivation(this.where, args.activation ?? 'tanh');
    try {
      this.recurrentActivation = checkActivation(this.where, args.recurrentActivation ?? 'hardSigmoid');
    } catch {
      throw new InvalidParameterError({
        where: this.where,
        parameter: 'recurrentActivation',
        value: args.recurrentActivation,
        expected: "a tfjs activation name such as 'sigmoid' or 'hardSigmoid'",
      });
    }
    this.useBias = checkBoolean(this.where, 'useBias', args.useBias ?? true);
    this.returnSequences = checkBoolean(this.where, 'returnSequences', args.returnSequences ?? false);
    this.goBackwards = checkBoolean(this.where, 'goBackwards', args.goBackwards ?? false);
    this.inputSpec = [{ ndim: 3 }];
  }

  /** Adds the layer's weights for `inputDim` input features. */
  protected abstract buildWeights(inputDim: number): void;

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
    this.buildWeights(inputDim);
    this.inputSpec = [{ ndim: 3, axes: { [-1]: inputDim } }];
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return this.returnSequences ? [shape[0] ?? null, shape[1] ?? null, this.units] : [shape[0] ?? null, this.units];
  }

  /** Time steps in processing order. */
  protected stepOrder(steps: number): number[] {
    return Array.from({ length: steps }, (_, t) => (this.goBackwards ? steps - 1 - t : t));
  }

  /** The layer output from the per-step outputs (processing order), as tfjs's RNN returns it. */
  protected finish(outputs: tf.Tensor2D[]): tf.Tensor {
    if (!this.returnSequences) return outputs[outputs.length - 1]!;
    return tf.stack(outputs, 1);
  }

  /** Same as {@link MemristiveGatedRNN.finish} for per-step outputs held as Float32Arrays [batch, units]. */
  protected finishArrays(outputs: Float32Array[], batch: number): tf.Tensor {
    const units = this.units;
    if (!this.returnSequences) return tf.tensor2d(outputs[outputs.length - 1]!, [batch, units]);
    const steps = outputs.length;
    const out = new Float32Array(batch * steps * units);
    for (let t = 0; t < steps; t++)
      for (let b = 0; b < batch; b++)
        out.set(outputs[t]!.subarray(b * units, (b + 1) * units), (b * steps + t) * units);
    return tf.tensor3d(out, [batch, steps, units]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      recurrentActivation: this.recurrentActivation,
      useBias: this.useBias,
      returnSequences: this.returnSequences,
      goBackwards: this.goBackwards,
    };
  }
}
