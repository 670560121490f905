import { convGeometry, flattenConvKernel } from '../src/index';
import type { ConvPadding, RowOrder } from '../src/index';
import { tf } from './helpers';

/** One convolution of the conv test tables: rank 1–3, every padding, strides, dilations, groups, depthwise. */
export interface ConvCase {
  name: string;
  input: number[]; // [batch, ...spatial, C]
  kernel: number[]; // spatial kernel
  out: number; // output channels (depthwise: multiplier)
  strides?: number[];
  dilation?: number[];
  padding: ConvPadding;
  groups?: number;
  depthwise?: boolean;
}

/** The conv cases shared by the unfold tests and the own-conv-path-vs-tfjs tests. */
export const CONV_CASES: ConvCase[] = [
  { name: '1d valid', input: [2, 9, 3], kernel: [3], out: 4, padding: 'valid' },
  { name: '1d same stride 2', input: [2, 9, 3], kernel: [4], out: 2, strides: [2], padding: 'same' },
  { name: '1d dilation 2 same', input: [1, 10, 2], kernel: [3], out: 3, dilation: [2], padding: 'same' },
  { name: '1d causal dilation 2', input: [2, 7, 2], kernel: [3], out: 3, dilation: [2], padding: 'causal' },
  { name: '2d square same', input: [2, 6, 6, 3], kernel: [3, 3], out: 2, padding: 'same' },
  {
    name: '2d non-square stride (2,1) same',
    input: [2, 7, 5, 3],
    kernel: [3, 2],
    out: 4,
    strides: [2, 1],
    padding: 'same',
  },
  {
    name: '2d non-square valid stride 2',
    input: [1, 9, 8, 2],
    kernel: [2, 3],
    out: 3,
    strides: [2, 2],
    padding: 'valid',
  },
  { name: '2d dilation 2 same', input: [2, 7, 6, 2], kernel: [3, 2], out: 3, dilation: [2, 2], padding: 'same' },
  { name: '2d grouped 3', input: [2, 5, 5, 6], kernel: [3, 3], out: 9, padding: 'same', groups: 3 },
  {
    name: '2d depthwise ×2',
    input: [2, 6, 5, 3],
    kernel: [3, 2],
    out: 2,
    strides: [2, 1],
    padding: 'same',
    depthwise: true,
  },
  { name: '3d same', input: [2, 4, 5, 3, 2], kernel: [2, 3, 2], out: 3, padding: 'same' },
  {
    name: '3d valid stride 2',
    input: [1, 5, 5, 6, 2],
    kernel: [3, 2, 2],
    out: 2,
    strides: [2, 2, 1],
    padding: 'valid',
  },
  { name: '3d dilation 2', input: [1, 6, 5, 5, 1], kernel: [2, 2, 3], out: 2, dilation: [2, 1, 2], padding: 'same' },
  { name: '3d grouped 2', input: [1, 4, 4, 4, 4], kernel: [2, 2, 2], out: 4, padding: 'valid', groups: 2 },
];

/** The reference convolution through tfjs ops (per group for grouped convs). */
export function tfConv(c: ConvCase, x: Float32Array, k: Float32Array, kernelShape: number[]): tf.Tensor {
  const rank = c.kernel.length;
  const strides = c.strides ?? new Array(rank).fill(1);
  const dilation = c.dilation ?? new Array(rank).fill(1);
  return tf.tidy(() => {
    let input = tf.tensor(x, c.input);
    let padding: 'same' | 'valid' = c.padding === 'causal' ? 'valid' : c.padding;
    if (c.padding === 'causal') {
      input = tf.pad(input, [
        [0, 0],
        [(c.kernel[0]! - 1) * dilation[0]!, 0],
        [0, 0],
      ]);
      padding = 'valid';
    }
    const kernel = tf.tensor(k, kernelShape);
    if (c.depthwise)
      return tf.depthwiseConv2d(
        input as tf.Tensor4D,
        kernel as tf.Tensor4D,
        strides as [number, number],
        padding,
        'NHWC',
        dilation as [number, number],
      );
    const groups = c.groups ?? 1;
    const xs = tf.split(input, groups, rank + 1);
    const ks = tf.split(kernel, groups, rank + 1);
    const outs = xs.map((xi, g) => {
      const ki = ks[g]!;
      if (rank === 1) return tf.conv1d(xi as tf.Tensor3D, ki as tf.Tensor3D, strides[0]!, padding, 'NWC', dilation[0]!);
      if (rank === 2)
        return tf.conv2d(
          xi as tf.Tensor4D,
          ki as tf.Tensor4D,
          strides as [number, number],
          padding,
          'NHWC',
          dilation as [number, number],
        );
      return tf.conv3d(
        xi as tf.Tensor5D,
        ki as tf.Tensor5D,
        strides as [number, number, number],
        padding,
        'NDHWC',
        dilation as [number, number, number],
      );
    });
    return tf.concat(outs, rank + 1);
  });
}

/**
 * The set-up both conv suites share: input `x` and kernel `k` drawn by `draw` (seeds `seed`, `seed + 1`), the layer's
 * geometry and its kernel flattened into one crossbar matrix per group in `rowOrder`, and the output channel counts.
 */
export function convSetup(
  c: ConvCase,
  rowOrder: RowOrder,
  draw: (n: number, seed: number) => Float32Array,
  seed: number,
) {
  const cin = c.input[c.input.length - 1]!;
  const groups = c.depthwise ? cin : (c.groups ?? 1);
  const kernelShape = c.depthwise ? [...c.kernel, cin, c.out] : [...c.kernel, cin / groups, c.out];
  const x = draw(
    c.input.reduce((a, b) => a * b, 1),
    seed,
  );
  const k = draw(
    kernelShape.reduce((a, b) => a * b, 1),
    seed + 1,
  );
  const geometry = convGeometry('test', c.input, {
    kernelSize: c.kernel,
    strides: c.strides,
    dilationRate: c.dilation,
    padding: c.padding,
    groups,
  });
  const matrices = flattenConvKernel(k, kernelShape, { groups, depthwise: c.depthwise, rowOrder });
  const outChannels = c.depthwise ? cin * c.out : c.out;
  return { groups, kernelShape, x, k, geometry, matrices, outChannels, og: outChannels / groups };
}
