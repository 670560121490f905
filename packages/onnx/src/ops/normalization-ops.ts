// BatchNormalization (inference, when not folded into the conv), ReduceMean/Sum/Max/Min and Pad.
import * as tf from '@tensorflow/tfjs';
import { onnxShape } from '../graph/value';
import { OnnxPad, type PadMode } from '../layers/onnx-pad';
import { OnnxReduce, type ReduceOp } from '../layers/onnx-reduce';
import type { Converter } from './converter';

export const convertBatchNormalization: Converter = (ctx, node, attributes) => {
  if (attributes.int('training_mode', 0) !== 0)
    throw ctx.nodeError(node, 'training_mode = 0 (inference)', 'training_mode = 1');
  if ((node.output ?? []).slice(1).some((o) => ctx.isUsed(o)))
    throw ctx.nodeError(node, 'only the normalised output used (inference)', 'running statistics outputs used');
  const v = ctx.tensor(node, 0);
  if (v.perm[0] !== 0) throw ctx.nodeError(node, 'an input with the batch first', `layout ${JSON.stringify(v.perm)}`);
  const x = v.perm.length === 2 ? ctx.unflatten(node, v) : ctx.toChannelsLast(node, v);
  const channels = x.symbolic.shape[x.symbolic.shape.length - 1] as number;
  const params = [1, 2, 3, 4].map((i) => ctx.constant(node, i, ['scale', 'B', 'mean', 'var'][i - 1]));
  for (const p of params)
    if (p.data.length !== channels)
      throw ctx.nodeError(node, `per-channel parameters of length ${channels}`, `dims [${p.dims}]`);
  const layer = tf.layers.batchNormalization({
    axis: -1,
    epsilon: attributes.float('epsilon', 1e-5),
    name: ctx.layerName(node),
  });
  const weights = params.map((p) => tf.tensor1d(Float32Array.from(p.data)));
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic: ctx.applyOne(layer, x.symbolic, weights), perm: [...x.perm] });
};

function reduce(op: ReduceOp): Converter {
  return (ctx, node, attributes) => {
    const v = ctx.unflatten(node, ctx.tensor(node, 0));
    const rank = v.perm.length;
    const fromInput = ctx.optionalConstant(node, 1, 'axes');
    let axes = attributes.ints('axes') ?? (fromInput ? Array.from(fromInput.data) : undefined);
    if (!axes || axes.length === 0) {
      if (attributes.int('noop_with_empty_axes', 0) === 1) {
        ctx.setOutput(node, 0, v);
        return;
      }
      axes = Array.from({ length: rank }, (_, i) => i);
    }
    axes = axes.map((a) => (a < 0 ? a + rank : a));
    if (axes.includes(v.perm[0]!)) throw ctx.nodeError(node, 'axes that leave the batch axis alone', `axes [${axes}]`);
    const keepDims = attributes.int('keepdims', 1) === 1;
    const tfAxes = axes.map((a) => v.perm.indexOf(a)).sort((a, b) => a - b);
    const symbolic = ctx.applyOne(
      new OnnxReduce({ op, axes: tfAxes, keepDims, name: ctx.layerName(node) }),
      v.symbolic,
    );
    const perm = keepDims
      ? [...v.perm]
      : v.perm.filter((a) => !axes.includes(a)).map((a) => a - axes.filter((r) => r < a).length);
    ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm });
  };
}

export const convertReduceMean = reduce('mean');
export const convertReduceSum = reduce('sum');
export const convertReduceMax = reduce('max');
export const convertReduceMin = reduce('min');

export const convertPad: Converter = (ctx, node, attributes) => {
  const v = ctx.unflatten(node, ctx.tensor(node, 0));
  const rank = v.perm.length;
  const mode = attributes.string('mode', 'constant') as PadMode;
  if (!['constant', 'reflect', 'edge'].includes(mode))
    throw ctx.nodeError(node, 'mode constant, reflect or edge', mode);
  const pads = attributes.ints('pads') ?? Array.from(ctx.constant(node, 1, 'pads').data);
  const valueInput = ctx.optionalConstant(node, 2, 'constant_value');
  const value = attributes.has('value') ? attributes.float('value', 0) : valueInput ? valueInput.data[0]! : 0;
  const axesInput = ctx.optionalConstant(node, 3, 'axes');
  const axes = axesInput
    ? Array.from(axesInput.data, (a) => (a < 0 ? a + rank : a))
    : Array.from({ length: rank }, (_, i) => i);
  const begin = new Array<number>(rank).fill(0);
  const end = new Array<number>(rank).fill(0);
  axes.forEach((a, k) => {
    begin[a] = pads[k]!;
    end[a] = pads[k + axes.length]!;
  });
  const batch = v.perm[0]!;
  if (begin[batch] !== 0 || end[batch] !== 0)
    throw ctx.nodeError(node, 'no padding of the batch axis', `pads [${pads}] on shape [${onnxShape(v)}]`);
  const paddings = v.perm.slice(1).map((a) => [begin[a]!, end[a]!] as [number, number]);
  const symbolic = ctx.applyOne(new OnnxPad({ paddings, mode, value, name: ctx.layerName(node) }), v.symbolic);
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm: [...v.perm] });
};
