// Gemm and MatMul with a constant operand → tfjs Dense (kernel [in, out]); a preceding flatten of a channel-last
// tensor permutes the kernel rows once so the numbers equal PyTorch's C×H×W flatten.
import * as tf from '@tensorflow/tfjs';
import type { ConvertContext } from '../graph/context';
import { transposeConst } from '../graph/const-ops';
import { type ConstValue, flattenOrder, identityPerm, type TensorValue } from '../graph/value';
import type { NodeProto } from '../proto/onnx-proto';
import type { Converter } from './converter';

function bias(
  ctx: ConvertContext,
  node: NodeProto,
  c: ConstValue | undefined,
  units: number,
  scale: number,
): Float32Array | undefined {
  if (!c) return undefined;
  const size = c.data.length;
  const ok = size === 1 || (size === units && c.dims[c.dims.length - 1] === units);
  if (!ok) throw ctx.nodeError(node, `a bias C of shape [${units}], [1, ${units}] or a scalar`, `dims [${c.dims}]`);
  const out = new Float32Array(units);
  for (let j = 0; j < units; j++) out[j] = scale * c.data[size === 1 ? 0 : j]!;
  return out;
}

/** Applies Dense(kernel [K, N], bias) to `x` on its last tfjs axis. */
function dense(
  ctx: ConvertContext,
  node: NodeProto,
  x: TensorValue,
  kernel: ConstValue,
  biasValues: Float32Array | undefined,
): TensorValue {
  const [k, n] = kernel.dims as [number, number];
  let data = kernel.data instanceof Float32Array ? kernel.data : Float32Array.from(kernel.data);
  const order = x.flatten ? flattenOrder(x.flatten) : undefined;
  if (order) {
    const permuted = new Float32Array(data.length);
    for (let j = 0; j < k; j++) permuted.set(data.subarray(order[j]! * n, order[j]! * n + n), j * n);
    data = permuted;
  }
  const layer = tf.layers.dense({
    units: n,
    useBias: biasValues !== undefined,
    kernelInitializer: 'zeros',
    name: ctx.layerName(node),
  });
  const weights = [tf.tensor2d(data, [k, n]), ...(biasValues ? [tf.tensor1d(biasValues)] : [])];
  const symbolic = ctx.applyOne(layer, x.symbolic, weights);
  return { kind: 'tensor', symbolic, perm: [...x.perm] };
}

export const convertGemm: Converter = (ctx, node, attributes) => {
  const a0 = ctx.tensor(node, 0);
  // transA = 1 takes A as [K, batch]: its transpose is batch-first, which the layout records without moving data.
  const transA = attributes.int('transA', 0) === 1;
  const a = transA && !a0.flatten ? { ...a0, perm: a0.perm.map((axis) => 1 - axis) } : a0;
  if (a.perm.length !== 2 || a.perm[0] !== 0)
    throw ctx.nodeError(
      node,
      `a 2-D A whose batch is ${transA ? 'its columns (transA = 1)' : 'its rows'}`,
      `layout ${JSON.stringify(a0.perm)}`,
    );
  const b0 = ctx.constant(node, 1, 'B (the weights)');
  if (b0.dims.length !== 2) throw ctx.nodeError(node, 'a 2-D B', `dims [${b0.dims}]`);
  const alpha = attributes.float('alpha', 1);
  const beta = attributes.float('beta', 1);
  let kernel = attributes.int('transB', 0) === 1 ? transposeConst(b0, [1, 0]) : b0;
  if (alpha !== 1) kernel = { ...kernel, data: Float32Array.from(kernel.data, (v) => alpha * v) };
  const k = a.symbolic.shape[1];
  if (kernel.dims[0] !== k) throw ctx.nodeError(node, `B with ${k} rows (A has ${k} columns)`, `B dims [${b0.dims}]`);
  const c = ctx.optionalConstant(node, 2, 'C (the bias)');
  ctx.setOutput(node, 0, dense(ctx, node, a, kernel, bias(ctx, node, c, kernel.dims[1]!, beta)));
};

/** MatMul(x, W) with W constant, optionally fused with a following Add of a bias (see fuseMatMulAdd). */
export const convertMatMul: Converter = (ctx, node) => {
  const v = ctx.tensor(node, 0);
  const w = ctx.constant(node, 1, 'B (the weights)');
  if (w.dims.length !== 2) throw ctx.nodeError(node, 'a 2-D constant B', `dims [${w.dims}]`);
  const rank = v.perm.length;
  // Dense works on the last tfjs axis, which must hold the last ONNX axis.
  let x = v;
  if (v.perm[rank - 1] !== rank - 1 && !(rank === 2 && v.flatten)) x = ctx.toOnnxOrder(node, v);
  const k = x.symbolic.shape[rank - 1];
  if (w.dims[0] !== k) throw ctx.nodeError(node, `B with ${k} rows`, `dims [${w.dims}]`);
  const c = ctx.optionalConstant(node, 2, 'bias');
  ctx.setOutput(node, 0, dense(ctx, node, x, w, bias(ctx, node, c, w.dims[1]!, 1)));
};

export { identityPerm };
