// Conv (1-D and 2-D; groups incl. depthwise; strides, dilations, explicit/asymmetric pads, auto_pad) → tfjs
// conv1d/conv2d/depthwiseConv2d in channel-last layout, weights transposed once ([Cout, Cin, k…] → [k…, Cin, Cout]).
import * as tf from '@tensorflow/tfjs';
import type { ConvertContext } from '../graph/context';
import { transposeConst } from '../graph/const-ops';
import type { ConstValue, TensorValue } from '../graph/value';
import { OnnxPad } from '../layers/onnx-pad';
import { OnnxSlice } from '../layers/onnx-slice';
import type { NodeAttributes } from '../proto/attributes';
import type { NodeProto } from '../proto/onnx-proto';
import type { Converter } from './converter';

/** Resolved geometry of a sliding window op along its spatial axes. */
export interface WindowGeometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** Padding at the start of each spatial axis. */
  begin: number[];
  /** Padding at the end of each spatial axis. */
  end: number[];
}

/** Reads kernel_shape/strides/dilations/pads/auto_pad and resolves SAME_* padding for the given input size. */
export function windowGeometry(
  ctx: ConvertContext,
  node: NodeProto,
  attributes: NodeAttributes,
  kernel: number[],
  inputSize: number[],
): WindowGeometry {
  const s = kernel.length;
  const strides = attributes.ints('strides') ?? new Array(s).fill(1);
  const dilations = attributes.ints('dilations') ?? new Array(s).fill(1);
  const pads = attributes.ints('pads') ?? new Array(2 * s).fill(0);
  const autoPad = attributes.string('auto_pad', 'NOTSET');
  let begin = pads.slice(0, s);
  let end = pads.slice(s, 2 * s);
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    begin = [];
    end = [];
    for (let i = 0; i < s; i++) {
      const out = Math.ceil(inputSize[i]! / strides[i]!);
      const total = Math.max(0, (out - 1) * strides[i]! + (kernel[i]! - 1) * dilations[i]! + 1 - inputSize[i]!);
      const small = Math.floor(total / 2);
      begin.push(autoPad === 'SAME_UPPER' ? small : total - small);
      end.push(autoPad === 'SAME_UPPER' ? total - small : small);
    }
  } else if (autoPad === 'VALID') {
    begin = new Array(s).fill(0);
    end = new Array(s).fill(0);
  } else if (autoPad !== 'NOTSET')
    throw ctx.nodeError(node, 'auto_pad NOTSET, SAME_UPPER, SAME_LOWER or VALID', autoPad);
  return { kernel, strides, dilations, begin, end };
}

/** tfjs `'same'` reproduces the padding exactly when the stride is 1 and the start gets floor(total/2). */
function paddingMode(g: WindowGeometry): 'valid' | 'same' | 'explicit' {
  if (g.begin.every((p) => p === 0) && g.end.every((p) => p === 0)) return 'valid';
  const same = g.kernel.every((k, i) => {
    const total = (k - 1) * g.dilations[i]!;
    return g.strides[i] === 1 && g.begin[i] === Math.floor(total / 2) && g.end[i] === total - Math.floor(total / 2);
  });
  return same ? 'same' : 'explicit';
}

/** A ZeroPadding layer (1-D or 2-D) for explicit pads; returns the padded symbolic tensor. */
export function zeroPad(
  ctx: ConvertContext,
  node: NodeProto,
  x: tf.SymbolicTensor,
  g: WindowGeometry,
): tf.SymbolicTensor {
  const name = ctx.layerName(node, '_pad');
  const layer =
    g.kernel.length === 1
      ? new OnnxPad({
          paddings: [
            [g.begin[0]!, g.end[0]!],
            [0, 0],
          ],
          name,
        })
      : tf.layers.zeroPadding2d({
          padding: [
            [g.begin[0]!, g.end[0]!],
            [g.begin[1]!, g.end[1]!],
          ],
          name,
        });
  return ctx.applyOne(layer, x);
}

export const convertConv: Converter = (ctx, node, attributes) => {
  const w = ctx.constant(node, 1, 'W (the weights)');
  const s = w.dims.length - 2;
  if (s !== 1 && s !== 2) throw ctx.nodeError(node, 'a 1-D or 2-D convolution', `${s}-D`);
  const v = ctx.tensor(node, 0);
  if (v.perm.length !== s + 2) throw ctx.nodeError(node, `an input of rank ${s + 2}`, `rank ${v.perm.length}`);
  if (v.perm[0] !== 0) throw ctx.nodeError(node, 'an input with the batch first', `layout ${JSON.stringify(v.perm)}`);
  const x = ctx.toChannelsLast(node, v);
  const inShape = x.symbolic.shape as number[];
  const cin = inShape[s + 1]!;
  const group = attributes.int('group', 1);
  const [cout, cinPerGroup] = w.dims as [number, number];
  if (cinPerGroup * group !== cin)
    throw ctx.nodeError(
      node,
      `W with ${cin / group} input channels per group (input has ${cin}, group ${group})`,
      `dims [${w.dims}]`,
    );
  const kernel = w.dims.slice(2);
  const g = windowGeometry(ctx, node, attributes, kernel, inShape.slice(1, 1 + s));
  if (g.strides.some((st) => st > 1) && g.dilations.some((d) => d > 1))
    throw ctx.nodeError(
      node,
      'strides or dilations > 1, not both (TensorFlow.js cannot combine them)',
      `strides [${g.strides}], dilations [${g.dilations}]`,
    );
  const mode = paddingMode(g);
  let input = x.symbolic;
  if (mode === 'explicit') input = zeroPad(ctx, node, input, g);
  const padding = mode === 'same' ? 'same' : 'valid';
  const b = ctx.optionalConstant(node, 2, 'B (the bias)');
  // [Cout, Cin/g, k…] → [k…, Cin/g, Cout]
  const tfKernel = transposeConst(w, s === 1 ? [2, 1, 0] : [2, 3, 1, 0]);
  const common = { padding, useBias: b !== undefined, kernelInitializer: 'zeros' } as const;
  const geometry2d = { strides: g.strides as [number, number], dilationRate: g.dilations as [number, number] };
  let symbolic: tf.SymbolicTensor;
  if (group === 1) {
    const layer =
      s === 1
        ? tf.layers.conv1d({
            ...common,
            filters: cout,
            kernelSize: kernel[0]!,
            strides: g.strides[0]!,
            dilationRate: g.dilations[0]!,
            name: ctx.layerName(node),
          })
        : tf.layers.conv2d({
            ...common,
            ...geometry2d,
            filters: cout,
            kernelSize: kernel as [number, number],
            name: ctx.layerName(node),
          });
    symbolic = ctx.applyOne(layer, input, weightTensors(tfKernel, b));
  } else if (s === 2 && cinPerGroup === 1 && group === cin) {
    // Depthwise: ONNX output channel c·m + j is input channel c, multiplier j — the tfjs order too.
    const multiplier = cout / cin;
    const depthwise = tfKernel.data; // [kh, kw, 1, Cout] = [kh, kw, Cin, multiplier] in memory
    const layer = tf.layers.depthwiseConv2d({
      kernelSize: kernel as [number, number],
      depthMultiplier: multiplier,
      strides: g.strides as [number, number],
      dilationRate: g.dilations as [number, number],
      padding,
      useBias: b !== undefined,
      depthwiseInitializer: 'zeros',
      name: ctx.layerName(node),
    });
    const weights = [tf.tensor(asFloat32(depthwise), [kernel[0]!, kernel[1]!, cin, multiplier])];
    if (b) weights.push(tf.tensor1d(asFloat32(b.data)));
    symbolic = ctx.applyOne(layer, input, weights);
  } else {
    // General groups: one convolution per group on its channel slice, concatenated (each stays a plain conv layer).
    const coutPerGroup = cout / group;
    const outputs: tf.SymbolicTensor[] = [];
    for (let k = 0; k < group; k++) {
      const slice = ctx.applyOne(
        new OnnxSlice({
          axis: s + 1,
          begin: k * cinPerGroup,
          size: cinPerGroup,
          name: ctx.layerName(node, `_group${k}_slice`),
        }),
        input,
      );
      const wk = sliceLastAxis(tfKernel, k * coutPerGroup, coutPerGroup);
      const bk = b
        ? { ...b, dims: [coutPerGroup], data: b.data.slice(k * coutPerGroup, (k + 1) * coutPerGroup) }
        : undefined;
      const name = ctx.layerName(node, `_group${k}`);
      const layer =
        s === 1
          ? tf.layers.conv1d({
              ...common,
              filters: coutPerGroup,
              kernelSize: kernel[0]!,
              strides: g.strides[0]!,
              dilationRate: g.dilations[0]!,
              name,
            })
          : tf.layers.conv2d({
              ...common,
              ...geometry2d,
              filters: coutPerGroup,
              kernelSize: kernel as [number, number],
              name,
            });
      outputs.push(ctx.applyOne(layer, slice, weightTensors(wk, bk)));
    }
    symbolic = ctx.applyOne(tf.layers.concatenate({ axis: -1, name: ctx.layerName(node, '_concat') }), outputs);
  }
  ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm: [...x.perm] } satisfies TensorValue);
};

function weightTensors(kernel: ConstValue, b: ConstValue | undefined): tf.Tensor[] {
  const out: tf.Tensor[] = [tf.tensor(asFloat32(kernel.data), kernel.dims)];
  if (b) out.push(tf.tensor1d(asFloat32(b.data)));
  return out;
}

/** Columns [start, start + size) of the last axis. */
function sliceLastAxis(c: ConstValue, start: number, size: number): ConstValue {
  const last = c.dims[c.dims.length - 1]!;
  const rows = c.data.length / last;
  const out = new Float32Array(rows * size);
  for (let r = 0; r < rows; r++) out.set(c.data.subarray(r * last + start, r * last + start + size), r * size);
  return { kind: 'const', dims: [...c.dims.slice(0, -1), size], data: out, integer: false };
}

/** Float32 data for a tfjs tensor (tfjs copies it; no copy here when it already is float32). */
function asFloat32(data: Float32Array | Float64Array): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}
