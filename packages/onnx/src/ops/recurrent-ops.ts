// LSTM, GRU and RNN (forward, reverse, bidirectional) → tfjs lstm / gru / simpleRNN (and OnnxGRU for PyTorch's
// linear_before_reset=1 GRU), weights regrouped once from ONNX gate order to Keras gate order.
import * as tf from '@tensorflow/tfjs';
import type { ConvertContext } from '../graph/context';
import type { ConstValue, TensorValue } from '../graph/value';
import { OnnxBroadcastConstant } from '../layers/onnx-broadcast-constant';
import { OnnxGather } from '../layers/onnx-gather';
import { OnnxGRU } from '../layers/onnx-gru';
import type { NodeAttributes } from '../proto/attributes';
import type { NodeProto } from '../proto/onnx-proto';
import type { Converter } from './converter';

type Kind = 'LSTM' | 'GRU' | 'RNN';
const GATES: Record<Kind, number> = { LSTM: 4, GRU: 3, RNN: 1 };
/** For each Keras gate (LSTM i,f,c,o; GRU z,r,h; RNN), the ONNX gate block it comes from (LSTM i,o,f,c; GRU z,r,h). */
const KERAS_FROM_ONNX: Record<Kind, number[]> = { LSTM: [0, 2, 3, 1], GRU: [0, 1, 2], RNN: [0] };
const DEFAULT_ACTIVATIONS: Record<Kind, string[]> = {
  LSTM: ['Sigmoid', 'Tanh', 'Tanh'],
  GRU: ['Sigmoid', 'Tanh'],
  RNN: ['Tanh'],
};
const TFJS_ACTIVATION: Record<string, string> = { Sigmoid: 'sigmoid', Tanh: 'tanh', Relu: 'relu' };

/** W [D, G·H, cols] of direction d → Keras kernel [cols, G·H] with gates regrouped. */
function kerasKernel(w: ConstValue, d: number, kind: Kind, hidden: number): Float32Array {
  const gates = GATES[kind];
  const cols = w.dims[2]!;
  const out = new Float32Array(cols * gates * hidden);
  const base = d * gates * hidden * cols;
  KERAS_FROM_ONNX[kind].forEach((onnxGate, kerasGate) => {
    for (let h = 0; h < hidden; h++) {
      const row = base + (onnxGate * hidden + h) * cols;
      const col = kerasGate * hidden + h;
      for (let c = 0; c < cols; c++) out[c * gates * hidden + col] = w.data[row + c]!;
    }
  });
  return out;
}

/** B [D, 2·G·H] of direction d → [input bias, recurrent bias], each [G·H] in Keras gate order. */
function kerasBiases(b: ConstValue | undefined, d: number, kind: Kind, hidden: number): [Float32Array, Float32Array] {
  const gates = GATES[kind];
  const input = new Float32Array(gates * hidden);
  const recurrent = new Float32Array(gates * hidden);
  if (!b) return [input, recurrent];
  const base = d * 2 * gates * hidden;
  KERAS_FROM_ONNX[kind].forEach((onnxGate, kerasGate) => {
    for (let h = 0; h < hidden; h++) {
      input[kerasGate * hidden + h] = b.data[base + onnxGate * hidden + h]!;
      recurrent[kerasGate * hidden + h] = b.data[base + gates * hidden + onnxGate * hidden + h]!;
    }
  });
  return [input, recurrent];
}

/** Initial state input `index` ([D, batch, H]) for direction d as a [batch, H] symbolic tensor, or undefined for zeros. */
function initialState(
  ctx: ConvertContext,
  node: NodeProto,
  index: number,
  d: number,
  hidden: number,
  x: TensorValue,
  layoutBatchFirst: boolean,
): tf.SymbolicTensor | undefined {
  const v = ctx.optional(node, index);
  if (!v) return undefined;
  if (v.kind === 'const') {
    // [D, 1 or batch(=1 after folding), H]; batch-first layout: [1, D, H].
    const dims = v.dims;
    const batchDim = layoutBatchFirst ? dims[0] : dims[1];
    if (dims.length !== 3 || batchDim !== 1 || dims[2] !== hidden)
      throw ctx.nodeError(
        node,
        `a constant initial state of shape [directions, 1, ${hidden}] (broadcast over the batch)`,
        `dims [${dims}]`,
      );
    const values = new Float32Array(hidden);
    for (let h = 0; h < hidden; h++) values[h] = v.data[d * hidden + h]!;
    if (values.every((x0) => x0 === 0)) return undefined;
    const layer = new OnnxBroadcastConstant({
      valueShape: [hidden],
      name: ctx.layerName(node, `_state${index}_d${d}`),
    });
    return ctx.applyOne(layer, x.symbolic, [tf.tensor2d(values, [1, hidden])]);
  }
  // A computed state [D, batch, H] (or [batch, D, H]): the tfjs layout must be [batch, D, H].
  const t = ctx.toPerm(node, v, layoutBatchFirst ? [0, 1, 2] : [1, 0, 2]);
  return ctx.applyOne(
    new OnnxGather({ axis: 1, indices: [d], scalar: true, name: ctx.layerName(node, `_state${index}_d${d}`) }),
    t.symbolic,
  );
}

function reverseTime(ctx: ConvertContext, node: NodeProto, y: tf.SymbolicTensor, steps: number, suffix: string) {
  const indices = Array.from({ length: steps }, (_, i) => steps - 1 - i);
  return ctx.applyOne(new OnnxGather({ axis: 1, indices, scalar: false, name: ctx.layerName(node, suffix) }), y);
}

function checkAttributes(
  ctx: ConvertContext,
  node: NodeProto,
  attributes: NodeAttributes,
  kind: Kind,
  directions: number,
): string[] {
  if (attributes.has('clip'))
    throw ctx.nodeError(node, 'no cell clip (tfjs has none)', `clip=${attributes.float('clip', 0)}`);
  if (attributes.int('input_forget', 0) !== 0) throw ctx.nodeError(node, 'input_forget = 0', 'input_forget = 1');
  const activations = attributes.strings('activations') ?? [];
  const perDirection = DEFAULT_ACTIVATIONS[kind].length;
  const chosen = activations.length > 0 ? activations.slice(0, perDirection) : DEFAULT_ACTIVATIONS[kind];
  for (let d = 1; d < directions && activations.length > 0; d++)
    if (activations.slice(d * perDirection, (d + 1) * perDirection).join() !== chosen.join())
      throw ctx.nodeError(node, 'the same activations in both directions', activations.join(','));
  if (kind === 'RNN') {
    if (!TFJS_ACTIVATION[chosen[0]!]) throw ctx.nodeError(node, 'activation Tanh, Relu or Sigmoid', chosen[0]);
    return chosen;
  }
  if (chosen.join() !== DEFAULT_ACTIVATIONS[kind].join())
    throw ctx.nodeError(node, `the default activations ${DEFAULT_ACTIVATIONS[kind].join(', ')}`, chosen.join(', '));
  return chosen;
}

function recurrent(kind: Kind): Converter {
  return (ctx, node, attributes) => {
    const hidden = attributes.int('hidden_size', 0);
    const direction = attributes.string('direction', 'forward');
    if (!['forward', 'reverse', 'bidirectional'].includes(direction))
      throw ctx.nodeError(node, 'direction forward, reverse or bidirectional', direction);
    const directions = direction === 'bidirectional' ? 2 : 1;
    const activations = checkAttributes(ctx, node, attributes, kind, directions);
    const batchFirst = attributes.int('layout', 0) === 1;
    const w = ctx.constant(node, 1, 'W');
    const r = ctx.constant(node, 2, 'R');
    const b = ctx.optionalConstant(node, 3, 'B');
    const gates = GATES[kind];
    if (hidden <= 0 || w.dims[0] !== directions || w.dims[1] !== gates * hidden || r.dims[2] !== hidden)
      throw ctx.nodeError(
        node,
        `W [${directions}, ${gates}·hidden_size, input] and R [${directions}, ${gates}·hidden_size, hidden_size]`,
        `W [${w.dims}], R [${r.dims}], hidden_size ${hidden}`,
      );
    const lens = ctx.optional(node, 4);
    if (lens && lens.kind !== 'const')
      throw ctx.nodeError(node, 'no sequence_lens (all sequences full length)', 'a computed sequence_lens');
    if (kind === 'LSTM') {
      const p = ctx.optionalConstant(node, 7, 'P (peepholes)');
      if (p?.data.some((v) => v !== 0)) throw ctx.nodeError(node, 'no peepholes (tfjs LSTM has none)', 'non-zero P');
    }
    const xv = ctx.tensor(node, 0);
    if (xv.perm.length !== 3) throw ctx.nodeError(node, 'an input X of rank 3', `rank ${xv.perm.length}`);
    // tfjs wants [batch, time, features]: ONNX [T, N, I] (layout 0) or [N, T, I] (layout 1).
    const x = ctx.toPerm(node, xv, batchFirst ? [0, 1, 2] : [1, 0, 2]);
    const steps = x.symbolic.shape[1] as number;
    if (lens?.kind === 'const' && lens.data.some((v) => v !== steps))
      throw ctx.nodeError(node, `sequence_lens all equal to the sequence length ${steps}`, Array.from(lens.data));
    const wantSequence = ctx.isUsed(node.output?.[0]);
    const wantH = ctx.isUsed(node.output?.[1]);
    const wantC = kind === 'LSTM' && ctx.isUsed(node.output?.[2]);
    if (!wantSequence && !wantH && !wantC) return;
    // Plain layers where possible (patchModel takes recurrent layers without returnState): the last output of a
    // layer that returns no sequence is its final hidden state.
    const returnState = wantC || (wantH && wantSequence);
    const sequences: tf.SymbolicTensor[] = [];
    const hStates: tf.SymbolicTensor[] = [];
    const cStates: tf.SymbolicTensor[] = [];
    for (let d = 0; d < directions; d++) {
      const backwards = direction === 'reverse' || d === 1;
      const kernel = tf.tensor2d(kerasKernel(w, d, kind, hidden), [w.dims[2]!, gates * hidden]);
      const recurrentKernel = tf.tensor2d(kerasKernel(r, d, kind, hidden), [hidden, gates * hidden]);
      const [inputBias, recurrentBias] = kerasBiases(b, d, kind, hidden);
      const name = ctx.layerName(node, directions === 2 ? (d === 0 ? '_forward' : '_backward') : '');
      const h0 = initialState(ctx, node, 5, d, hidden, x, batchFirst);
      const c0 = kind === 'LSTM' ? initialState(ctx, node, 6, d, hidden, x, batchFirst) : undefined;
      const common = { units: hidden, returnSequences: wantSequence, returnState, goBackwards: backwards, name };
      let layer: tf.layers.Layer;
      let weights: tf.Tensor[];
      const linearBeforeReset = kind === 'GRU' && attributes.int('linear_before_reset', 0) === 1;
      if (kind === 'GRU' && linearBeforeReset) {
        layer = new OnnxGRU(common);
        const biases = new Float32Array(6 * hidden);
        biases.set(inputBias, 0);
        biases.set(recurrentBias, 3 * hidden);
        weights = [kernel, recurrentKernel, tf.tensor2d(biases, [2, 3 * hidden])];
      } else {
        const summed = inputBias.map((v, i) => v + recurrentBias[i]!);
        const shared = { ...common, kernelInitializer: 'zeros', recurrentInitializer: 'zeros' } as const;
        layer =
          kind === 'LSTM'
            ? tf.layers.lstm({ ...shared, recurrentActivation: 'sigmoid', activation: 'tanh', unitForgetBias: false })
            : kind === 'GRU'
              ? tf.layers.gru({ ...shared, recurrentActivation: 'sigmoid', activation: 'tanh' })
              : tf.layers.simpleRNN({ ...shared, activation: TFJS_ACTIVATION[activations[0]!] as 'tanh' });
        weights = [kernel, recurrentKernel, tf.tensor1d(summed)];
      }
      const states = kind === 'LSTM' ? [h0, c0] : [h0];
      let inputs: tf.SymbolicTensor | tf.SymbolicTensor[] = x.symbolic;
      if (states.some((s) => s !== undefined)) {
        // tfjs needs every state when one is given: a missing one is zeros.
        const filled = states.map(
          (s, i) =>
            s ??
            ctx.applyOne(
              new OnnxBroadcastConstant({ valueShape: [hidden], name: ctx.layerName(node, `_zero${i}_d${d}`) }),
              x.symbolic,
              [tf.zeros([1, hidden])],
            ),
        );
        inputs = [x.symbolic, ...filled];
      }
      const applied = ctx.apply(layer, inputs, weights);
      const outputs = Array.isArray(applied) ? applied : [applied];
      if (wantSequence) {
        let seq = outputs[0]!;
        if (backwards) seq = reverseTime(ctx, node, seq, steps, `_reverse${d}`);
        sequences.push(seq);
      }
      hStates.push(returnState ? outputs[1]! : outputs[0]!);
      if (wantC) cStates.push(outputs[2]!);
    }
    // Y: ONNX [T, D, N, H] (layout 0) / [N, T, D, H] (layout 1) ← tfjs [N, T, D, H].
    if (wantSequence) {
      const withD = sequences.map((s, d) => ctx.reshape(node, s, [steps, 1, hidden], `_y${d}`));
      const y =
        withD.length === 1
          ? withD[0]!
          : ctx.applyOne(tf.layers.concatenate({ axis: 2, name: ctx.layerName(node, '_y') }), withD);
      ctx.setOutput(node, 0, { kind: 'tensor', symbolic: y, perm: batchFirst ? [0, 1, 2, 3] : [2, 0, 1, 3] });
    }
    // Y_h, Y_c: ONNX [D, N, H] (layout 0) / [N, D, H] (layout 1) ← tfjs [N, D, H].
    const stack = (list: tf.SymbolicTensor[], suffix: string) => {
      const withD = list.map((s, d) => ctx.reshape(node, s, [1, hidden], `${suffix}${d}`));
      const y =
        withD.length === 1
          ? withD[0]!
          : ctx.applyOne(tf.layers.concatenate({ axis: 1, name: ctx.layerName(node, suffix) }), withD);
      return { kind: 'tensor' as const, symbolic: y, perm: batchFirst ? [0, 1, 2] : [1, 0, 2] };
    };
    if (wantH) ctx.setOutput(node, 1, stack(hStates, '_h'));
    if (wantC) ctx.setOutput(node, 2, stack(cStates, '_c'));
  };
}

export const convertLSTM = recurrent('LSTM');
export const convertGRU = recurrent('GRU');
export const convertRNN = recurrent('RNN');
