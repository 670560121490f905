import type * as tf from '@tensorflow/tfjs';

/**
 * A value known at import time (initializer, Constant, or a folded shape computation). Float data is Float32Array;
 * integer/bool data is Float64Array, where {@link BATCH} stands for the (dynamic) batch size in folded shapes.
 */
export interface ConstValue {
  kind: 'const';
  dims: number[];
  data: Float32Array | Float64Array;
  integer: boolean;
}

/**
 * How a 2-D value [batch, features] was flattened from a channel-last tensor without moving data: the features are
 * in TensorFlow.js order. `tfShape` is the source's tfjs shape without the batch, `perm` its layout.
 */
export interface DeferredFlatten {
  tfShape: number[];
  perm: number[];
}

/**
 * A value computed by the model: a symbolic TensorFlow.js tensor plus its layout. TensorFlow.js axis i holds the ONNX
 * axis `perm[i]`; tfjs axis 0 is always the batch, so `perm[0]` is the ONNX batch axis. `flatten` is set when the
 * features of a 2-D value are in tfjs (channel-last) order rather than ONNX order.
 */
export interface TensorValue {
  kind: 'tensor';
  symbolic: tf.SymbolicTensor;
  perm: number[];
  flatten?: DeferredFlatten;
}

export type Value = ConstValue | TensorValue;

/** Marker of the batch size inside folded integer shape constants. */
export const BATCH = Number.NaN;

export function isBatch(v: number): boolean {
  return Number.isNaN(v);
}

/** The identity layout of rank r. */
export function identityPerm(rank: number): number[] {
  return Array.from({ length: rank }, (_, i) => i);
}

/** The channel-last layout of an ONNX [N, C, d1, …] value: tfjs [N, d1, …, C]. */
export function channelsLastPerm(rank: number): number[] {
  return [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
}

export function samePerm(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The ONNX shape of a tensor value, with {@link BATCH} on the batch axis. */
export function onnxShape(value: TensorValue): number[] {
  const shape = value.symbolic.shape;
  const out = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) out[value.perm[i]!] = i === 0 ? BATCH : (shape[i] as number);
  return out;
}

/** The tfjs shape of a tensor value without the batch axis. */
export function featureShape(value: TensorValue): number[] {
  return value.symbolic.shape.slice(1) as number[];
}

/**
 * For a deferred flatten: tfjs feature j holds ONNX feature order[j] (row permutation of the next Dense kernel).
 * Returns undefined when the two orders agree (e.g. spatial size 1).
 */
export function flattenOrder(flatten: DeferredFlatten): Int32Array | undefined {
  const { tfShape, perm } = flatten;
  const rank = tfShape.length + 1;
  // ONNX shape of the source without batch, and strides of the ONNX row-major order.
  const onnxDims = new Array<number>(rank).fill(1);
  for (let i = 1; i < rank; i++) onnxDims[perm[i]!] = tfShape[i - 1]!;
  const onnxStrides = new Array<number>(rank).fill(1);
  for (let a = rank - 2; a >= 1; a--) onnxStrides[a] = onnxStrides[a + 1]! * onnxDims[a + 1]!;
  const size = tfShape.reduce((a, b) => a * b, 1);
  const order = new Int32Array(size);
  const index = new Array<number>(rank - 1).fill(0);
  let identity = true;
  for (let j = 0; j < size; j++) {
    let q = 0;
    for (let i = 1; i < rank; i++) q += index[i - 1]! * onnxStrides[perm[i]!]!;
    order[j] = q;
    if (q !== j) identity = false;
    for (let i = rank - 2; i >= 0; i--) {
      if (++index[i]! < tfShape[i]!) break;
      index[i] = 0;
    }
  }
  return identity ? undefined : order;
}
