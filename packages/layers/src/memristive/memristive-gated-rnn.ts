import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError, option, rule, ShapeMismatchError } from '@memsim/core';
import type { OptionsSchema } from '@memsim/core';
import { activationRule } from './apply-activation';
import { resolveLayerArgs } from './layer-args';
import type { BaseLayerArgs, OwnArgs } from './layer-args';
import { MemristiveLayer } from './memristive-layer';

/**
 * Arguments shared by {@link MemristiveLSTM} and {@link MemristiveGRU} (the tfjs arguments memsim keeps).
 *
 * @example
 * const args: MemristiveGatedRNNArgs = {
 *   units: 16, activation: 'tanh', recurrentActivation: 'hardSigmoid', useBias: true, // all but units: the defaults
 *   returnSequences: false, goBackwards: false, returnState: false,
 * };
 * const lstm = new MemristiveLSTM(args);
 * const gru = new MemristiveGRU(args); // the same arguments
 */
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
  /**
   * Also return the final state(s): [output, h] (GRU) or [output, h, c] (LSTM), as tfjs's `returnState`. @default false
   */
  returnState?: boolean;
}

/** The rules of {@link MemristiveGatedRNNArgs}' own keys (a subclass spreads them into its own schema). */
export const GATED_RNN_RULES = {
  units: option.requiredByRule(rule.positiveInteger),
  activation: option.withDefault(activationRule('tanh'), 'tanh'),
  recurrentActivation: option.withDefault(activationRule('hardSigmoid', "'sigmoid' or 'hardSigmoid'"), 'hardSigmoid'),
  useBias: option.withDefault(rule.boolean, true),
  returnSequences: option.withDefault(rule.boolean, false),
  goBackwards: option.withDefault(rule.boolean, false),
  returnState: option.withDefault(rule.boolean, false),
} satisfies OptionsSchema<OwnArgs<MemristiveGatedRNNArgs>>;

/**
 * Common part of the gated recurrent layers: argument checks, input shape, output shape, initial states and config.
 * Subclasses add their weights in {@link MemristiveGatedRNN.buildWeights} and implement `call` and `crossbarWeights`.
 * Like tfjs's RNN layers they take `x` [batch, time, features] or `[x, ...initialStates]` (each [batch, units]; zeros
 * when absent).
 * @example
 * MemristiveLSTM.prototype instanceof MemristiveGatedRNN; // → true (LSTM and GRU share the gate machinery)
 */
export abstract class MemristiveGatedRNN extends MemristiveLayer {
  readonly units: number;
  readonly activation: string;
  readonly recurrentActivation: string;
  readonly useBias: boolean;
  readonly returnSequences: boolean;
  readonly goBackwards: boolean;
  readonly returnState: boolean;
  protected readonly where: string;
  /** Number of state tensors (h; h and c for an LSTM). */
  protected abstract get stateCount(): number;

  /** The layer's own arguments, resolved by its schema (a subclass reads its extra keys here). */
  protected readonly ownArgs: Readonly<Record<string, unknown>>;

  /** `schema`: the gated-RNN rules (`GATED_RNN_RULES`), plus the subclass's own keys. */
  protected constructor(
    className: string,
    args: MemristiveGatedRNNArgs,
    schema: OptionsSchema<Omit<MemristiveGatedRNNArgs, keyof BaseLayerArgs>> = GATED_RNN_RULES,
  ) {
    super(args);
    this.where = `${className}${args?.name ? ` '${args.name}'` : ''}`;
    const o = resolveLayerArgs(this.where, args, schema as typeof GATED_RNN_RULES);
    this.ownArgs = o;
    this.units = o.units;
    this.activation = o.activation;
    this.recurrentActivation = o.recurrentActivation;
    this.useBias = o.useBias;
    this.returnSequences = o.returnSequences;
    this.goBackwards = o.goBackwards;
    this.returnState = o.returnState;
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
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const batch = shape[0] ?? null;
    const output = this.returnSequences ? [batch, shape[1] ?? null, this.units] : [batch, this.units];
    if (!this.returnState) return output;
    return [output, ...Array.from({ length: this.stateCount }, () => [batch, this.units])];
  }

  /**
   * Splits the layer input into the sequence and the initial states (Float32Arrays [batch, units], zeros when not
   * given).
   *
   * @throws {ShapeMismatchError} when the sequence is not rank 3 or an initial state is not [batch, units].
   */
  protected splitInputs(inputs: tf.Tensor | tf.Tensor[]): { x: tf.Tensor; states: Float32Array[] } {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const x = list[0]!;
    if (x.rank !== 3 || list.length > 1 + this.stateCount)
      throw new ShapeMismatchError({
        where: this.where,
        parameter: 'inputs',
        expectedShape: [-1, -1, -1],
        actualShape: x.shape,
        detail: `(x [batch, time, features], optionally followed by ${this.stateCount} initial state(s); got ${list.length} tensors)`,
      });
    const batch = x.shape[0]!;
    const states = Array.from({ length: this.stateCount }, (_, i) => {
      const s = list[1 + i];
      if (s === undefined) return new Float32Array(batch * this.units);
      if (s.size !== batch * this.units)
        throw new ShapeMismatchError({
          where: this.where,
          parameter: `initial state ${i}`,
          expectedShape: [batch, this.units],
          actualShape: s.shape,
        });
      return Float32Array.from(s.dataSync());
    });
    return { x, states };
  }

  /** Time steps in processing order. */
  protected stepOrder(steps: number): number[] {
    return Array.from({ length: steps }, (_, t) => (this.goBackwards ? steps - 1 - t : t));
  }

  /**
   * The layer output from the per-step outputs (processing order) and the final states, as tfjs's RNN returns it.
   * With no step the output is the initial h.
   */
  protected finish(outputs: tf.Tensor2D[], states: tf.Tensor2D[]): tf.Tensor | tf.Tensor[] {
    const output = this.returnSequences
      ? outputs.length > 0
        ? tf.stack(outputs, 1)
        : tf.zeros([states[0]!.shape[0], 0, this.units])
      : (outputs[outputs.length - 1] ?? states[0]!);
    return this.returnState ? [output, ...states] : output;
  }

  /** Same as {@link MemristiveGatedRNN.finish} for outputs and states held as Float32Arrays [batch, units]. */
  protected finishArrays(outputs: Float32Array[], states: Float32Array[], batch: number): tf.Tensor | tf.Tensor[] {
    const units = this.units;
    const stateTensors = states.map((s) => tf.tensor2d(s, [batch, units]));
    if (!this.returnSequences || outputs.length === 0)
      return this.finish(
        outputs.length > 0 ? [tf.tensor2d(outputs[outputs.length - 1]!, [batch, units])] : [],
        stateTensors,
      );
    const steps = outputs.length;
    const out = new Float32Array(batch * steps * units);
    for (let t = 0; t < steps; t++)
      for (let b = 0; b < batch; b++)
        out.set(outputs[t]!.subarray(b * units, (b + 1) * units), (b * steps + t) * units);
    const sequence = tf.tensor3d(out, [batch, steps, units]);
    return this.returnState ? [sequence, ...stateTensors] : sequence;
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
      returnState: this.returnState,
    };
  }
}
