import * as tf from '@tensorflow/tfjs';
import { applyActivation } from './apply-activation';

/**
 * Scalar forms of the tfjs activations recurrent gates use most (tfjs-layers `activations.ts` / `K.hardSigmoid`), so
 * the per-step gate arithmetic of the crossbar forward runs on Float32Arrays: a tfjs op per gate and step costs tens of
 * µs of dispatch for a few thousand values, which would dominate an LSTM forward. Others go through tfjs.
 */
const SCALAR: Readonly<Record<string, (v: number) => number>> = Object.freeze({
  linear: (v: number) => v,
  tanh: Math.tanh,
  sigmoid: (v: number) => 1 / (1 + Math.exp(-v)),
  hardSigmoid: (v: number) => Math.min(1, Math.max(0, 0.2 * v + 0.5)),
  relu: (v: number) => Math.max(0, v),
  relu6: (v: number) => Math.min(6, Math.max(0, v)),
  softsign: (v: number) => v / (1 + Math.abs(v)),
  elu: (v: number) => (v > 0 ? v : Math.exp(v) - 1),
});

/** An activation applied in place to the column block [offset, offset + width) of a row-major [rows, stride] matrix. */
export type BlockActivation = (data: Float32Array, rows: number, stride: number, offset: number, width: number) => void;

/**
 * Returns an in-place activation over a column block [offset, offset + width) of a row-major [rows, stride] matrix:
 * scalar JavaScript for the common gate activations, the tfjs activation (same op as the layer's) otherwise.
 */
export function blockActivation(activation: string): BlockActivation {
  const f = SCALAR[activation];
  if (f !== undefined)
    return (data, rows, stride, offset, width) => {
      for (let r = 0; r < rows; r++) {
        const base = r * stride + offset;
        for (let j = 0; j < width; j++) data[base + j] = f(data[base + j]!);
      }
    };
  return (data, rows, stride, offset, width) => {
    const block = new Float32Array(rows * width);
    for (let r = 0; r < rows; r++)
      block.set(data.subarray(r * stride + offset, r * stride + offset + width), r * width);
    const result = tf.tidy(() => applyActivation(tf.tensor2d(block, [rows, width]), activation));
    const out = result.dataSync() as Float32Array;
    result.dispose();
    for (let r = 0; r < rows; r++) data.set(out.subarray(r * width, (r + 1) * width), r * stride + offset);
  };
}

/**
 * Reorders a batch-major sequence [batch, steps, features] into time-major rows [steps, batch, features], so one
 * crossbar call covers the input projections of the whole sequence.
 */
export function toTimeMajor(data: Float32Array, batch: number, steps: number, features: number): Float32Array {
  const out = new Float32Array(batch * steps * features);
  for (let t = 0; t < steps; t++)
    for (let b = 0; b < batch; b++)
      out.set(data.subarray((b * steps + t) * features, (b * steps + t + 1) * features), (t * batch + b) * features);
  return out;
}

/** Adds `bias` (length `cols`, starting at `biasOffset`) to every row of a row-major [rows, cols] matrix, in place. */
export function addBiasRows(data: Float32Array, rows: number, cols: number, bias: Float32Array, biasOffset = 0): void {
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let j = 0; j < cols; j++) data[base + j]! += bias[biasOffset + j]!;
  }
}

/** Columns [from, from + width) of a row-major [rows, cols] matrix, as a new row-major [rows, width] matrix. */
export function sliceColumns(
  data: Float32Array,
  rows: number,
  cols: number,
  from: number,
  width: number,
): Float32Array {
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) out.set(data.subarray(r * cols + from, r * cols + from + width), r * width);
  return out;
}
