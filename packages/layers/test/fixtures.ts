import { createRng } from '@memsim/core';
import { MemristiveConv2D, MemristiveGRU } from '../src/index';
import { tf } from './helpers';
import { gruReference } from './recurrent-reference';

/** A small model with odd shapes and its input shape (without batch). */
export interface ModelCase {
  name: string;
  build: () => tf.LayersModel;
  input: number[];
  /** An independent reference output when the model is not a plain tfjs model (default: its own `predict`). */
  reference?: (model: tf.LayersModel, x: tf.Tensor) => tf.Tensor;
}

/** Gives every weight of `model` seeded N(0, std) values (tfjs initialisers are not seedable). */
export function seedWeights(model: tf.LayersModel, seed: number, std = 0.5): tf.LayersModel {
  const rng = createRng(seed);
  for (const layer of model.layers) {
    const weights = layer.getWeights();
    if (weights.length === 0) continue;
    layer.setWeights(
      weights.map((w) => tf.tensor(rng.fillNormal(new Float32Array(w.size), 0, std) as Float32Array, w.shape)),
    );
  }
  return model;
}

export const MODEL_CASES: ModelCase[] = [
  {
    name: 'Dense relu',
    input: [7],
    build: () => tf.sequential({ layers: [tf.layers.dense({ units: 5, activation: 'relu', inputShape: [7] })] }),
  },
  {
    name: 'Dense on rank-3 input, no bias',
    input: [3, 6],
    build: () => tf.sequential({ layers: [tf.layers.dense({ units: 4, useBias: false, inputShape: [3, 6] })] }),
  },
  {
    name: 'Conv1D k3 stride 2 same tanh',
    input: [11, 3],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv1d({
            filters: 4,
            kernelSize: 3,
            strides: 2,
            padding: 'same',
            activation: 'tanh',
            inputShape: [11, 3],
          }),
        ],
      }),
  },
  {
    name: 'Conv2D non-square k(3,2) stride (2,1) same',
    input: [9, 7, 3],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({ filters: 4, kernelSize: [3, 2], strides: [2, 1], padding: 'same', inputShape: [9, 7, 3] }),
        ],
      }),
  },
  {
    name: 'Conv2D k(2,3) dilation 2 valid',
    input: [8, 9, 2],
    build: () =>
      tf.sequential({
        layers: [tf.layers.conv2d({ filters: 3, kernelSize: [2, 3], dilationRate: 2, inputShape: [8, 9, 2] })],
      }),
  },
  {
    name: 'Conv3D k(2,3,2) stride 2 same',
    input: [5, 6, 4, 2],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv3d({
            filters: 3,
            kernelSize: [2, 3, 2],
            strides: 2,
            padding: 'same',
            inputShape: [5, 6, 4, 2],
          }),
        ],
      }),
  },
  {
    name: 'Conv3D k(2,2,3) dilation (2,1,2) valid',
    input: [5, 4, 7, 3],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv3d({ filters: 2, kernelSize: [2, 2, 3], dilationRate: [2, 1, 2], inputShape: [5, 4, 7, 3] }),
        ],
      }),
  },
  {
    name: 'Conv1D k4 dilation 2 same elu',
    input: [10, 3],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv1d({
            filters: 5,
            kernelSize: 4,
            dilationRate: 2,
            padding: 'same',
            activation: 'elu',
            inputShape: [10, 3],
          }),
        ],
      }),
  },
  {
    name: 'DepthwiseConv2D k(3,2) ×2 stride (1,2) same',
    input: [6, 7, 3],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.depthwiseConv2d({
            kernelSize: [3, 2],
            depthMultiplier: 2,
            strides: [1, 2],
            padding: 'same',
            inputShape: [6, 7, 3],
          }),
        ],
      }),
  },
  {
    name: 'grouped Conv2D (3 groups)',
    input: [6, 5, 6],
    build: () =>
      tf.sequential({
        layers: [
          new MemristiveConv2D({ filters: 6, kernelSize: [3, 2], groups: 3, padding: 'same', inputShape: [6, 5, 6] }),
        ],
      }),
  },
  {
    name: 'SimpleRNN sequences',
    input: [4, 3],
    build: () =>
      tf.sequential({ layers: [tf.layers.simpleRNN({ units: 5, returnSequences: true, inputShape: [4, 3] })] }),
  },
  {
    name: 'SimpleRNN backwards, relu, sequences',
    input: [5, 2],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.simpleRNN({
            units: 3,
            activation: 'relu',
            goBackwards: true,
            returnSequences: true,
            inputShape: [5, 2],
          }),
        ],
      }),
  },
  {
    name: 'SimpleRNN last output, no bias',
    input: [3, 4],
    build: () => tf.sequential({ layers: [tf.layers.simpleRNN({ units: 4, useBias: false, inputShape: [3, 4] })] }),
  },
  {
    name: 'LSTM last output (tfjs defaults: tanh, hardSigmoid)',
    input: [5, 3],
    build: () => tf.sequential({ layers: [tf.layers.lstm({ units: 4, inputShape: [5, 3] })] }),
  },
  {
    name: 'LSTM sequences, sigmoid gates, backwards',
    input: [4, 2],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.lstm({
            units: 3,
            recurrentActivation: 'sigmoid',
            goBackwards: true,
            returnSequences: true,
            inputShape: [4, 2],
          }),
        ],
      }),
  },
  {
    name: 'LSTM no bias, selu activation (tfjs fallback for the gates) → Dense',
    input: [3, 4],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.lstm({ units: 5, useBias: false, activation: 'selu', inputShape: [3, 4] }),
          tf.layers.dense({ units: 2 }),
        ],
      }),
  },
  {
    name: 'GRU sequences (reset before, tfjs)',
    input: [4, 3],
    build: () => tf.sequential({ layers: [tf.layers.gru({ units: 4, returnSequences: true, inputShape: [4, 3] })] }),
  },
  {
    name: 'GRU last output, sigmoid gates, backwards, no bias',
    input: [5, 2],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.gru({
            units: 3,
            recurrentActivation: 'sigmoid',
            goBackwards: true,
            useBias: false,
            inputShape: [5, 2],
          }),
        ],
      }),
  },
  {
    name: 'GRU reset after (Keras/PyTorch form), sigmoid gates, sequences',
    input: [4, 3],
    build: () =>
      tf.sequential({
        layers: [
          new MemristiveGRU({
            units: 4,
            resetAfter: true,
            recurrentActivation: 'sigmoid',
            returnSequences: true,
            inputShape: [4, 3],
          }),
        ],
      }),
    // tfjs has no reset-after GRU: the float64 Keras equations are the reference.
    reference: (model, x) => {
      const [kernel, recurrent, bias] = model.layers[0]!.getWeights();
      const y = gruReference(
        x.dataSync(),
        x.shape as [number, number, number],
        kernel!.dataSync(),
        recurrent!.dataSync(),
        bias!.dataSync(),
        { units: 4, resetAfter: true, recurrentActivation: 'sigmoid', returnSequences: true },
      );
      return tf.tensor(Float32Array.from(y), [x.shape[0]!, x.shape[1]!, 4]);
    },
  },
  {
    name: 'functional conv → flatten → dense + skip',
    input: [6, 6, 2],
    build: () => {
      const input = tf.input({ shape: [6, 6, 2] });
      const c = tf.layers
        .conv2d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' })
        .apply(input) as tf.SymbolicTensor;
      const f = tf.layers.flatten().apply(c) as tf.SymbolicTensor;
      const d1 = tf.layers.dense({ units: 4 }).apply(f) as tf.SymbolicTensor;
      const d2 = tf.layers.dense({ units: 4, activation: 'tanh' }).apply(d1) as tf.SymbolicTensor;
      const out = tf.layers.add().apply([d1, d2]) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: out });
    },
  },
];

/** Conv layers with the padding/stride variants MODEL_CASES lacks (causal; valid with stride). */
export const CONV_VARIANT_CASES: ModelCase[] = [
  {
    name: 'Conv1D k3 dilation 2 causal',
    input: [10, 4],
    build: () =>
      tf.sequential({
        layers: [
          tf.layers.conv1d({ filters: 3, kernelSize: 3, dilationRate: 2, padding: 'causal', inputShape: [10, 4] }),
        ],
      }),
  },
  {
    name: 'Conv2D k3 stride 2 valid',
    input: [9, 8, 3],
    build: () =>
      tf.sequential({
        layers: [tf.layers.conv2d({ filters: 5, kernelSize: 3, strides: 2, padding: 'valid', inputShape: [9, 8, 3] })],
      }),
  },
];

/** The reference output of a case: the original tfjs model, except the grouped conv (tfjs has no groups): per-group tf.conv2d. */
export function referenceOutput(c: ModelCase, model: tf.LayersModel, x: tf.Tensor): tf.Tensor {
  if (c.reference) return c.reference(model, x);
  if (c.name.startsWith('grouped')) {
    return tf.tidy(() => {
      const [kernel, bias] = model.layers[0]!.getWeights();
      const xs = tf.split(x, 3, 3);
      const ks = tf.split(kernel!, 3, 3);
      const y = tf.concat(
        xs.map((xi, g) => tf.conv2d(xi as tf.Tensor4D, ks[g] as tf.Tensor4D, 1, 'same')),
        3,
      );
      return tf.add(y, bias!);
    });
  }
  return model.predict(x) as tf.Tensor;
}
