// Shape-level ops: constants, shape arithmetic folded at import, and the layout-only ops (Transpose, Squeeze,
// Unsqueeze, Flatten, Reshape, Concat, Gather, Identity).
import * as tf from '@tensorflow/tfjs';
import type { ConvertContext } from '../graph/context';
import {
  concatConst,
  constant,
  foldArithmetic,
  gatherConst,
  sizeOf,
  sliceConst,
  sliceRange,
  transposeConst,
} from '../graph/const-ops';
import { BATCH, type ConstValue, identityPerm, isBatch, onnxShape, type TensorValue } from '../graph/value';
import { OnnxGather } from '../layers/onnx-gather';
import { OnnxSlice } from '../layers/onnx-slice';
import type { NodeAttributes } from '../proto/attributes';
import type { NodeProto } from '../proto/onnx-proto';
import type { Converter } from './converter';

const normalizeAxis = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis);

function intList(c: ConstValue): number[] {
  return Array.from(c.data, (v) => v);
}

/** Axes given as an attribute (older opsets) or as input `index` (newer). */
function axesOf(ctx: ConvertContext, node: NodeProto, attributes: NodeAttributes, index: number): number[] | undefined {
  const fromAttribute = attributes.ints('axes');
  if (fromAttribute) return fromAttribute;
  const input = ctx.optionalConstant(node, index, 'axes');
  return input ? intList(input) : undefined;
}

export const convertConstant: Converter = (ctx, node, attributes) => {
  const t = attributes.tensor('value');
  let value: ConstValue;
  if (t) value = constant(t.dims, t.data, t.integer);
  else if (attributes.has('value_float'))
    value = constant([], Float32Array.of(attributes.float('value_float', 0)), false);
  else if (attributes.has('value_floats')) {
    const f = attributes.floats('value_floats')!;
    value = constant([f.length], Float32Array.from(f), false);
  } else if (attributes.has('value_int')) value = constant([], Float64Array.of(attributes.int('value_int', 0)), true);
  else if (attributes.has('value_ints')) {
    const v = attributes.ints('value_ints')!;
    value = constant([v.length], Float64Array.from(v), true);
  } else throw ctx.nodeError(node, 'a Constant with value, value_float(s) or value_int(s)', 'another attribute');
  ctx.setOutput(node, 0, value);
};

export const convertShape: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  const dims = v.kind === 'const' ? v.dims : onnxShape(v);
  const rank = dims.length;
  const start = normalizeAxis(attributes.int('start', 0), rank);
  const end = attributes.has('end') ? normalizeAxis(attributes.int('end', rank), rank) : rank;
  const slice = dims.slice(Math.max(0, start), Math.min(rank, end));
  ctx.setOutput(node, 0, constant([slice.length], Float64Array.from(slice), true));
};

export const convertConstantOfShape: Converter = (ctx, node, attributes) => {
  const shape = intList(ctx.constant(node, 0, 'shape'));
  const t = attributes.tensor('value');
  const fill = t ? t.data[0]! : 0;
  const integer = t ? t.integer : false;
  // A dynamic (batch) dimension becomes 1: such a constant broadcasts over the batch where it is used.
  const dims = shape.map((d) => (isBatch(d) ? 1 : d));
  const data = integer ? new Float64Array(sizeOf(dims)) : new Float32Array(sizeOf(dims));
  data.fill(fill);
  ctx.setOutput(node, 0, constant(dims, data, integer));
};

export const convertCast: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  if (v.kind === 'tensor') {
    // Float to float casts (e.g. FLOAT → FLOAT) are identities in a float32 model.
    const to = attributes.int('to', 1);
    if (to !== 1 && to !== 11 && to !== 10)
      throw ctx.nodeError(node, 'a Cast of a computed tensor to a float type', `to=${to}`);
    ctx.setOutput(node, 0, v);
    return;
  }
  const to = attributes.int('to', 1);
  const integer = to !== 1 && to !== 10 && to !== 11;
  const data = integer ? Float64Array.from(v.data, (x) => (isBatch(x) ? x : Math.trunc(x))) : Float32Array.from(v.data);
  ctx.setOutput(node, 0, constant(v.dims, data, integer));
};

export const convertIdentity: Converter = (ctx, node) => {
  ctx.setOutput(node, 0, ctx.value(node, 0));
};

export const convertTranspose: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  const rank = v.kind === 'const' ? v.dims.length : v.perm.length;
  const perm = attributes.ints('perm') ?? identityPerm(rank).reverse();
  if (v.kind === 'const') {
    ctx.setOutput(node, 0, transposeConst(v, perm));
    return;
  }
  // Bookkeeping only: the data stays; the layout records which ONNX axis each tfjs axis holds.
  const t = ctx.unflatten(node, v);
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic: t.symbolic, perm: t.perm.map((axis) => perm.indexOf(axis)) });
};

export const convertSqueeze: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  const dims = v.kind === 'const' ? v.dims : onnxShape(v);
  const rank = dims.length;
  const axes = (axesOf(ctx, node, attributes, 1) ?? dims.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) =>
    normalizeAxis(a, rank),
  );
  if (v.kind === 'const') {
    ctx.setOutput(
      node,
      0,
      constant(
        dims.filter((_, i) => !axes.includes(i)),
        v.data,
        v.integer,
      ),
    );
    return;
  }
  const t = ctx.unflatten(node, v);
  for (const a of axes)
    if (dims[a] !== 1)
      throw ctx.nodeError(
        node,
        'Squeeze axes of size 1 (never the batch axis)',
        `axis ${a} of size ${isBatch(dims[a]!) ? 'batch' : dims[a]}`,
      );
  const keep = t.perm.map((axis, i) => ({ axis, i })).filter(({ axis }) => !axes.includes(axis));
  const shape = t.symbolic.shape;
  const targetShape = keep.slice(1).map(({ i }) => shape[i] as number);
  const symbolic = ctx.reshape(node, t.symbolic, targetShape);
  const perm = keep.map(({ axis }) => axis - axes.filter((a) => a < axis).length);
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm });
};

export const convertUnsqueeze: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  const axes0 = axesOf(ctx, node, attributes, 1);
  if (!axes0) throw ctx.nodeError(node, 'Unsqueeze axes (attribute or input)', 'none');
  const inRank = v.kind === 'const' ? v.dims.length : v.perm.length;
  const outRank = inRank + axes0.length;
  const axes = axes0.map((a) => normalizeAxis(a, outRank)).sort((a, b) => a - b);
  // Output axis of each input axis, in order.
  const kept: number[] = [];
  for (let o = 0; o < outRank; o++) if (!axes.includes(o)) kept.push(o);
  if (v.kind === 'const') {
    const dims = new Array<number>(outRank).fill(1);
    kept.forEach((o, i) => {
      dims[o] = v.dims[i]!;
    });
    ctx.setOutput(node, 0, constant(dims, v.data, v.integer));
    return;
  }
  const t = ctx.unflatten(node, v);
  const perm = [...t.perm.map((axis) => kept[axis]!), ...axes];
  const targetShape = [...(t.symbolic.shape.slice(1) as number[]), ...axes.map(() => 1)];
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic: ctx.reshape(node, t.symbolic, targetShape), perm });
};

export const convertConcat: Converter = (ctx, node, attributes) => {
  const inputs = (node.input ?? []).map((_, i) => ctx.value(node, i));
  const first = inputs[0];
  if (!first) throw ctx.nodeError(node, 'at least one input', 0);
  const rank = first.kind === 'const' ? first.dims.length : first.perm.length;
  const axis = normalizeAxis(attributes.int('axis', 0), rank);
  if (inputs.every((v) => v.kind === 'const')) {
    ctx.setOutput(node, 0, concatConst(inputs as ConstValue[], axis));
    return;
  }
  if (inputs.some((v) => v.kind === 'const'))
    throw ctx.nodeError(node, 'inputs that are all computed tensors or all constants', 'a mix');
  const tensors = inputs as TensorValue[];
  const lead = ctx.unflatten(node, tensors[0]!);
  const aligned = tensors.map((t) => ctx.toPerm(node, t, lead.perm));
  if (axis === lead.perm[0]) throw ctx.nodeError(node, 'a Concat axis other than the batch axis', axis);
  const tfAxis = lead.perm.indexOf(axis);
  const symbolic =
    aligned.length === 1
      ? aligned[0]!.symbolic
      : (ctx.apply(
          tf.layers.concatenate({ axis: tfAxis, name: ctx.layerName(node) }),
          aligned.map((t) => t.symbolic),
        ) as tf.SymbolicTensor);
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm: [...lead.perm] });
};

export const convertGather: Converter = (ctx, node, attributes) => {
  const data = ctx.value(node, 0);
  const index = ctx.constant(node, 1, 'indices');
  const dims = data.kind === 'const' ? data.dims : onnxShape(data);
  const axis = normalizeAxis(attributes.int('axis', 0), dims.length);
  const size = dims[axis]!;
  const indices = intList(index).map((i) => (i < 0 ? i + size : i));
  if (data.kind === 'const') {
    ctx.setOutput(node, 0, gatherConst(data, axis, indices, index.dims));
    return;
  }
  if (index.dims.length > 1)
    throw ctx.nodeError(node, 'a scalar or 1-D constant index', `indices of rank ${index.dims.length}`);
  const t = ctx.unflatten(node, data);
  if (axis === t.perm[0]) throw ctx.nodeError(node, 'a Gather along a non-batch axis', `axis ${axis}`);
  const tfAxis = t.perm.indexOf(axis);
  const scalar = index.dims.length === 0;
  const symbolic = ctx.applyOne(
    new OnnxGather({ axis: tfAxis, indices, scalar, name: ctx.layerName(node) }),
    t.symbolic,
  );
  const perm = scalar ? t.perm.filter((a) => a !== axis).map((a) => (a > axis ? a - 1 : a)) : [...t.perm];
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm });
};

export const convertSlice: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  const starts = attributes.ints('starts') ?? intList(ctx.constant(node, 1, 'starts'));
  const ends = attributes.ints('ends') ?? intList(ctx.constant(node, 2, 'ends'));
  const axesInput = ctx.optionalConstant(node, 3, 'axes');
  const axes = attributes.ints('axes') ?? (axesInput ? intList(axesInput) : starts.map((_, i) => i));
  const stepsInput = ctx.optionalConstant(node, 4, 'steps');
  const steps = stepsInput ? intList(stepsInput) : axes.map(() => 1);
  if (v.kind === 'const') {
    ctx.setOutput(node, 0, sliceConst(v, starts, ends, axes, steps));
    return;
  }
  // A computed tensor: one OnnxSlice per sliced axis (never the batch; positive steps).
  let t = ctx.unflatten(node, v);
  const dims = onnxShape(t);
  axes.forEach((a0, k) => {
    const axis = normalizeAxis(a0, dims.length);
    const step = steps[k] ?? 1;
    if (axis === t.perm[0] || step <= 0)
      throw ctx.nodeError(node, 'a slice of a non-batch axis with a positive step', `axis ${axis}, step ${step}`);
    const { start, count } = sliceRange(dims[axis]!, starts[k]!, ends[k]!, step);
    if (start === 0 && count === dims[axis] && step === 1) return;
    const layer = new OnnxSlice({
      axis: t.perm.indexOf(axis),
      begin: start,
      size: count,
      step,
      name: ctx.layerName(node),
    });
    t = { kind: 'tensor', symbolic: ctx.applyOne(layer, t.symbolic), perm: [...t.perm] };
  });
  ctx.setOutput(node, 0, t);
};

/** Arithmetic between two constants (the shape chains); other cases are handled in elementwise-ops. */
export function foldConstArithmetic(ctx: ConvertContext, node: NodeProto, a: ConstValue, b: ConstValue): void {
  const folded = foldArithmetic(node.opType as 'Add', a, b);
  if (!folded) throw ctx.nodeError(node, 'constant operands whose shapes broadcast', `[${a.dims}] and [${b.dims}]`);
  ctx.setOutput(node, 0, folded);
}

export const convertFlatten: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  if (v.kind === 'const') {
    const axis = normalizeAxis(attributes.int('axis', 1), v.dims.length);
    ctx.setOutput(node, 0, constant([sizeOf(v.dims.slice(0, axis)), sizeOf(v.dims.slice(axis))], v.data, v.integer));
    return;
  }
  const rank = v.perm.length;
  const axis = normalizeAxis(attributes.int('axis', 1), rank);
  if (axis !== 1 || v.perm[0] !== 0)
    throw ctx.nodeError(node, 'a Flatten at axis 1 of a batch-first tensor', `axis ${axis}`);
  ctx.setOutput(node, 0, flattenFeatures(ctx, node, v));
};

/**
 * [N, …] → [N, features]. A channel-last tensor is flattened in its own (tfjs) order and the value remembers it
 * (`flatten`), so the next Dense permutes its kernel rows once instead of transposing activations every call.
 */
export function flattenFeatures(ctx: ConvertContext, node: NodeProto, v: TensorValue): TensorValue {
  if (v.perm.length === 2 || v.flatten) return v;
  const identity = v.perm.every((a, i) => a === i);
  const symbolic = ctx.applyOne(tf.layers.flatten({ name: ctx.layerName(node) }), v.symbolic);
  if (identity) return { kind: 'tensor', symbolic, perm: [0, 1] };
  return {
    kind: 'tensor',
    symbolic,
    perm: [0, 1],
    flatten: { tfShape: v.symbolic.shape.slice(1) as number[], perm: [...v.perm] },
  };
}

export const convertReshape: Converter = (ctx, node, attributes) => {
  const v = ctx.value(node, 0);
  const target = intList(ctx.constant(node, 1, 'shape'));
  const allowZero = attributes.int('allowzero', 0) === 1;
  const inDims = v.kind === 'const' ? v.dims : onnxShape(v);
  const dims = target.map((d, i) => (d === 0 && !allowZero ? inDims[i]! : d));
  if (v.kind === 'const') {
    const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    ctx.setOutput(
      node,
      0,
      constant(
        dims.map((d) => (d === -1 ? v.data.length / known : d)),
        v.data,
        v.integer,
      ),
    );
    return;
  }
  if (v.perm[0] !== 0 && !(v.perm.length === dims.length && v.flatten))
    throw ctx.nodeError(node, 'a Reshape of a tensor whose batch axis is first', `layout ${JSON.stringify(v.perm)}`);
  const features = sizeOf(inDims.slice(1));
  const batchAt = dims.findIndex((d) => isBatch(d));
  const rest = dims.filter((_, i) => i !== 0);
  const known = rest.filter((d) => d !== -1 && !isBatch(d)).reduce((a, b) => a * b, 1);
  // Where is the batch? Folded shapes carry it explicitly; a literal [-1, …] or [n, …] shape keeps the features.
  if (batchAt > 0) throw ctx.nodeError(node, 'a target shape with the batch first', JSON.stringify(target));
  if (batchAt < 0 && !(dims[0] === -1 && !rest.includes(-1)) && known !== features && !rest.includes(-1))
    throw ctx.nodeError(
      node,
      `a target shape that keeps the batch first and the ${features} features of each sample`,
      JSON.stringify(target),
    );
  const featureDims = rest.map((d) => (d === -1 ? features / known : d));
  if (sizeOf(featureDims) !== features || featureDims.some((d) => !Number.isInteger(d) || isBatch(d)))
    throw ctx.nodeError(node, `a target shape whose features multiply to ${features}`, JSON.stringify(target));
  if (featureDims.length === 1) {
    ctx.setOutput(node, 0, flattenFeatures(ctx, node, v));
    return;
  }
  const t = ctx.toOnnxOrder(node, v);
  ctx.setOutput(node, 0, {
    kind: 'tensor',
    symbolic: ctx.reshape(node, t.symbolic, featureDims),
    perm: identityPerm(featureDims.length + 1),
  });
};

export { BATCH };
