import { beforeAll, describe, it } from 'vitest';
import { setupBackend } from '../helpers';
import { type Attribute, int, ints, str } from '../onnx-builder';
import { expectLikeOnnxruntime, uniform } from '../ort-check';

beforeAll(setupBackend);

/** One Conv node on an N×C×H×W (or N×C×W) input. */
function conv(inShape: number[], weightDims: number[], attributes: Record<string, Attribute>, bias = true) {
  const w = weightDims.reduce((a, b) => a * b, 1);
  return {
    inputs: [{ name: 'input', shape: ['N', ...inShape] }],
    outputs: [{ name: 'output' }],
    initializers: [
      { name: 'w', dims: weightDims, data: uniform(w, 11) },
      ...(bias ? [{ name: 'b', dims: [weightDims[0]!], data: uniform(weightDims[0]!, 12) }] : []),
    ],
    nodes: [{ op: 'Conv', inputs: ['input', 'w', ...(bias ? ['b'] : [])], outputs: ['output'], attributes }],
  };
}

describe('Conv against onnxruntime', () => {
  it.each<[string, number[], number[], Record<string, Attribute>, boolean?]>([
    ['2-D, symmetric pads (tfjs same)', [3, 9, 9], [4, 3, 3, 3], { pads: ints([1, 1, 1, 1]) }],
    ['2-D, no bias, valid', [3, 8, 7], [5, 3, 3, 2], {}, false],
    [
      '2-D, stride 2 with pads 1 (explicit padding)',
      [3, 10, 10],
      [4, 3, 3, 3],
      { strides: ints([2, 2]), pads: ints([1, 1, 1, 1]) },
    ],
    ['2-D, asymmetric pads', [2, 7, 8], [3, 2, 3, 3], { pads: ints([0, 2, 1, 1]) }],
    ['2-D, dilation 2', [2, 11, 11], [3, 2, 3, 3], { dilations: ints([2, 2]), pads: ints([2, 2, 2, 2]) }],
    [
      '2-D, auto_pad SAME_UPPER stride 2',
      [2, 9, 9],
      [3, 2, 3, 3],
      { auto_pad: str('SAME_UPPER'), strides: ints([2, 2]) },
    ],
    [
      '2-D, auto_pad SAME_LOWER stride 2',
      [2, 8, 9],
      [3, 2, 4, 3],
      { auto_pad: str('SAME_LOWER'), strides: ints([2, 2]) },
    ],
    ['2-D, auto_pad VALID', [2, 8, 9], [3, 2, 3, 3], { auto_pad: str('VALID') }],
    ['2-D, groups 2', [4, 6, 6], [6, 2, 3, 3], { group: int(2), pads: ints([1, 1, 1, 1]) }],
    ['2-D, depthwise', [4, 6, 6], [4, 1, 3, 3], { group: int(4), pads: ints([1, 1, 1, 1]) }],
    ['2-D, depthwise with multiplier 2, stride 2', [3, 7, 7], [6, 1, 3, 3], { group: int(3), strides: ints([2, 2]) }],
    [
      '2-D, rectangular kernel and strides',
      [2, 9, 12],
      [3, 2, 2, 5],
      { strides: ints([1, 3]), pads: ints([1, 0, 0, 2]) },
    ],
    ['1-D, pads 1', [3, 12], [4, 3, 3], { pads: ints([1, 1]) }],
    ['1-D, stride 2, asymmetric pads', [3, 12], [4, 3, 4], { strides: ints([2]), pads: ints([2, 1]) }],
    ['1-D, dilation 3', [2, 16], [3, 2, 3], { dilations: ints([3]) }],
    ['1-D, groups 2', [4, 10], [6, 2, 3], { group: int(2), pads: ints([1, 1]) }],
  ])('%s', async (_name, inShape, weightDims, attributes, bias = true) => {
    await expectLikeOnnxruntime(conv(inShape, weightDims, attributes, bias));
  });
});
