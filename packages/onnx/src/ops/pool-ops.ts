// MaxPool / AveragePool (1-D, 2-D), GlobalAveragePool / GlobalMaxPool, in channel-last layout.
import * as tf from '@tensorflow/tfjs';
import { OnnxPool, pooledLength } from '../layers/onnx-pool';
import type { Converter } from './converter';
import { windowGeometry } from './conv-ops';

function pool(mode: 'max' | 'avg'): Converter {
  return (ctx, node, attributes) => {
    const v = ctx.tensor(node, 0);
    const s = v.perm.length - 2;
    if (s !== 1 && s !== 2)
      throw ctx.nodeError(node, 'a 1-D or 2-D pooling (input rank 3 or 4)', `rank ${v.perm.length}`);
    if (v.perm[0] !== 0) throw ctx.nodeError(node, 'an input with the batch first', `layout ${JSON.stringify(v.perm)}`);
    const kernel = attributes.ints('kernel_shape');
    if (!kernel || kernel.length !== s) throw ctx.nodeError(node, `kernel_shape with ${s} entries`, kernel);
    const x = ctx.toChannelsLast(node, v);
    const spatial = x.symbolic.shape.slice(1, 1 + s) as number[];
    const g = windowGeometry(ctx, node, attributes, kernel, spatial);
    if (mode === 'avg' && g.dilations.some((d) => d !== 1))
      throw ctx.nodeError(node, 'dilations of 1 for AveragePool', g.dilations);
    if (g.strides.some((st) => st > 1) && g.dilations.some((d) => d > 1))
      throw ctx.nodeError(
        node,
        'strides or dilations > 1, not both (TensorFlow.js cannot combine them)',
        `strides [${g.strides}], dilations [${g.dilations}]`,
      );
    const ceilMode = attributes.int('ceil_mode', 0) === 1;
    const countIncludePad = attributes.int('count_include_pad', 0) === 1;
    const noPads = g.begin.every((p) => p === 0) && g.end.every((p) => p === 0);
    const ceilChanges =
      ceilMode &&
      spatial.some(
        (n, i) =>
          pooledLength(n, kernel[i]!, g.strides[i]!, g.dilations[i]!, 0, 0, true) !==
          pooledLength(n, kernel[i]!, g.strides[i]!, g.dilations[i]!, 0, 0, false),
      );
    const name = ctx.layerName(node);
    let layer: tf.layers.Layer;
    if (noPads && !ceilChanges && g.dilations.every((d) => d === 1)) {
      const args = { poolSize: kernel, strides: g.strides, padding: 'valid' as const, name };
      layer =
        s === 1
          ? mode === 'max'
            ? tf.layers.maxPooling1d({ ...args, poolSize: kernel[0]!, strides: g.strides[0]! })
            : tf.layers.averagePooling1d({ ...args, poolSize: kernel[0]!, strides: g.strides[0]! })
          : mode === 'max'
            ? tf.layers.maxPooling2d({
                ...args,
                poolSize: kernel as [number, number],
                strides: g.strides as [number, number],
              })
            : tf.layers.averagePooling2d({
                ...args,
                poolSize: kernel as [number, number],
                strides: g.strides as [number, number],
              });
    } else layer = new OnnxPool({ mode, ...g, ceilMode, countIncludePad, name });
    ctx.setOutput(node, 0, { kind: 'tensor', symbolic: ctx.applyOne(layer, x.symbolic), perm: [...x.perm] });
  };
}

export const convertMaxPool = pool('max');
export const convertAveragePool = pool('avg');

function globalPool(mode: 'max' | 'avg'): Converter {
  return (ctx, node) => {
    const v = ctx.tensor(node, 0);
    const s = v.perm.length - 2;
    if (s !== 1 && s !== 2) throw ctx.nodeError(node, 'an input of rank 3 or 4', `rank ${v.perm.length}`);
    if (v.perm[0] !== 0) throw ctx.nodeError(node, 'an input with the batch first', `layout ${JSON.stringify(v.perm)}`);
    const x = ctx.toChannelsLast(node, v);
    const channels = x.symbolic.shape[s + 1] as number;
    const name = ctx.layerName(node);
    const layer =
      s === 1
        ? mode === 'max'
          ? tf.layers.globalMaxPooling1d({ name })
          : tf.layers.globalAveragePooling1d({ name })
        : mode === 'max'
          ? tf.layers.globalMaxPooling2d({ name })
          : tf.layers.globalAveragePooling2d({ name });
    const pooled = ctx.applyOne(layer, x.symbolic);
    // ONNX keeps the spatial axes (size 1): [N, C, 1, 1] → tfjs [N, 1, 1, C].
    const symbolic = ctx.reshape(node, pooled, [...new Array(s).fill(1), channels], '_keepdims');
    ctx.setOutput(node, 0, { kind: 'tensor', symbolic, perm: [...x.perm] });
  };
}

export const convertGlobalAveragePool = globalPool('avg');
export const convertGlobalMaxPool = globalPool('max');
