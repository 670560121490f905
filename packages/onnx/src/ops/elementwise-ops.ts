// Add / Sub / Mul / Div / Pow with numpy broadcasting, and the activations.
import * as tf from '@tensorflow/tfjs';
import type { ConvertContext } from '../graph/context';
import { broadcastTo } from '../graph/const-ops';
import { type ConstValue, onnxShape, type TensorValue } from '../graph/value';
import { OnnxBinary } from '../layers/onnx-binary';
import { OnnxClip } from '../layers/onnx-clip';
import { arithmeticOp, OnnxConstantOp } from '../layers/onnx-constant-op';
import { OnnxSoftmax } from '../layers/onnx-softmax';
import type { NodeProto } from '../proto/onnx-proto';
import type { Converter } from './converter';
import { foldConstArithmetic } from './shape-ops';

/** The constant `c` as a tfjs-layout tensor broadcastable against `t` (rank aligned, axes permuted). */
function alignConstant(
  ctx: ConvertContext,
  node: NodeProto,
  t: TensorValue,
  c: ConstValue,
): { shape: number[]; data: Float32Array } {
  const rank = t.perm.length;
  if (c.dims.length > rank)
    throw ctx.nodeError(node, `a constant operand of rank ≤ ${rank} (the tensor's rank)`, `dims [${c.dims}]`);
  const dims = [...new Array(rank - c.dims.length).fill(1), ...c.dims];
  const shape = onnxShape(t);
  for (let a = 0; a < rank; a++)
    if (dims[a] !== 1 && dims[a] !== shape[a])
      throw ctx.nodeError(
        node,
        `a constant operand that broadcasts to [${shape.map((d) => (Number.isNaN(d) ? 'batch' : d))}]`,
        `dims [${c.dims}]`,
      );
  // Constant in ONNX order with full rank, then permuted to the tensor's tfjs layout.
  const full: ConstValue = { kind: 'const', dims, data: c.data, integer: c.integer };
  const tfDims = t.perm.map((a) => dims[a]!);
  const values = broadcastTo(full, dims);
  const out = new Float32Array(values.length);
  const onnxStrides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 0; a--) onnxStrides[a] = onnxStrides[a + 1]! * dims[a + 1]!;
  const index = new Array<number>(rank).fill(0);
  for (let j = 0; j < out.length; j++) {
    let q = 0;
    for (let i = 0; i < rank; i++) q += index[i]! * onnxStrides[t.perm[i]!]!;
    out[j] = values[q]!;
    for (let i = rank - 1; i >= 0; i--) {
      if (++index[i]! < tfDims[i]!) break;
      index[i] = 0;
    }
  }
  return { shape: tfDims, data: out };
}

export const convertArithmetic: Converter = (ctx, node) => {
  const op = arithmeticOp(node.opType ?? '');
  const a = ctx.value(node, 0);
  const b = ctx.value(node, 1);
  if (a.kind === 'const' && b.kind === 'const') {
    foldConstArithmetic(ctx, node, a, b);
    return;
  }
  if (a.kind === 'tensor' && b.kind === 'tensor') {
    const x = ctx.unflatten(node, a);
    if (x.perm.length !== b.perm.length)
      throw ctx.nodeError(
        node,
        'two computed operands of the same rank',
        `ranks ${x.perm.length} and ${b.perm.length}`,
      );
    const y = ctx.toPerm(node, b, x.perm);
    const sx = x.symbolic.shape;
    const sy = y.symbolic.shape;
    for (let i = 1; i < sx.length; i++)
      if (sx[i] !== sy[i] && sx[i] !== 1 && sy[i] !== 1)
        throw ctx.nodeError(node, 'operands whose shapes broadcast', `[${onnxShape(x)}] and [${onnxShape(y)}]`);
    const same = sx.every((d, i) => d === sy[i]);
    const name = ctx.layerName(node);
    const layer =
      same && op === 'add'
        ? tf.layers.add({ name })
        : same && op === 'mul'
          ? tf.layers.multiply({ name })
          : new OnnxBinary({ op, name });
    ctx.setOutput(node, 0, {
      kind: 'tensor',
      symbolic: ctx.applyOne(layer, [x.symbolic, y.symbolic]),
      perm: [...x.perm],
    });
    return;
  }
  const constantFirst = a.kind === 'const';
  const t = ctx.unflatten(node, (constantFirst ? b : a) as TensorValue);
  const c = (constantFirst ? a : b) as ConstValue;
  const { shape, data } = alignConstant(ctx, node, t, c);
  const layer = new OnnxConstantOp({ op, constantShape: shape, constantFirst, name: ctx.layerName(node) });
  const symbolic = ctx.applyOne(layer, t.symbolic, [tf.tensor(data, shape)]);
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm: [...t.perm] });
};

/** Unary ops that keep the layout (and a deferred flatten). */
function unary(make: (ctx: ConvertContext, node: NodeProto, name: string) => tf.layers.Layer): Converter {
  return (ctx, node, attributes) => {
    void attributes;
    const t = ctx.tensor(node, 0);
    const symbolic = ctx.applyOne(make(ctx, node, ctx.layerName(node)), t.symbolic);
    ctx.setOutput(node, 0, { ...t, symbolic });
  };
}

export const convertRelu = unary((_c, _n, name) => tf.layers.reLU({ name }));
export const convertSigmoid = unary((_c, _n, name) => tf.layers.activation({ activation: 'sigmoid', name }));
export const convertTanh = unary((_c, _n, name) => tf.layers.activation({ activation: 'tanh', name }));

export const convertLeakyRelu: Converter = (ctx, node, attributes) => {
  const alpha = attributes.float('alpha', 0.01);
  unary((_c, _n, name) => tf.layers.leakyReLU({ alpha, name }))(ctx, node, attributes);
};

export const convertClip: Converter = (ctx, node, attributes) => {
  const bound = (index: number, attr: string, fallback: number) => {
    if (attributes.has(attr)) return attributes.float(attr, fallback);
    const c = ctx.optionalConstant(node, index, attr);
    return c ? c.data[0]! : fallback;
  };
  const min = bound(1, 'min', -Infinity);
  const max = bound(2, 'max', Infinity);
  unary((_c, _n, name) =>
    min === 0
      ? tf.layers.reLU({ name, ...(Number.isFinite(max) ? { maxValue: max } : {}) })
      : new OnnxClip({ min, max, name }),
  )(ctx, node, attributes);
};

function softmaxLike(kind: 'Softmax' | 'LogSoftmax'): Converter {
  return (ctx, node, attributes) => {
    const v = ctx.tensor(node, 0);
    const rank = v.perm.length;
    const axis0 = attributes.int('axis', ctx.opset >= 13 ? -1 : 1);
    const axis = axis0 < 0 ? axis0 + rank : axis0;
    // Before opset 13 the op flattened axes [axis, rank) into one; that equals a softmax over `axis` only when it is last.
    if (ctx.opset < 13 && axis !== rank - 1)
      throw ctx.nodeError(node, `the last axis (${rank - 1}) before opset 13`, `axis ${axis}`);
    const t = ctx.unflatten(node, v);
    if (axis === t.perm[0]) throw ctx.nodeError(node, 'a non-batch axis', `axis ${axis}`);
    const tfAxis = t.perm.indexOf(axis);
    const name = ctx.layerName(node);
    const layer =
      // tfjs's softmax layer handles only the last axis; other axes (and log-softmax) use OnnxSoftmax.
      kind === 'Softmax' && tfAxis === rank - 1
        ? tf.layers.softmax({ axis: tfAxis, name })
        : new OnnxSoftmax({ axis: tfAxis, log: kind === 'LogSoftmax', name });
    ctx.setOutput(node, 0, { kind: 'tensor', symbolic: ctx.applyOne(layer, t.symbolic), perm: [...t.perm] });
  };
}

export const convertSoftmax = softmaxLike('Softmax');
export const convertLogSoftmax = softmaxLike('LogSoftmax');

export const convertDropout: Converter = (ctx, node) => {
  if ((node.output?.[1] ?? '') !== '')
    throw ctx.nodeError(node, 'a Dropout whose mask output is unused (inference only)', 'mask used');
  ctx.setOutput(node, 0, ctx.value(node, 0));
};
