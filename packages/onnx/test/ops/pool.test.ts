import { beforeAll, describe, it } from 'vitest';
import { setupBackend } from '../helpers';
import { type Attribute, int, ints, str } from '../onnx-builder';
import { expectLikeOnnxruntime } from '../ort-check';

beforeAll(setupBackend);

function pool(op: string, inShape: number[], attributes: Record<string, Attribute>) {
  return {
    inputs: [{ name: 'input', shape: ['N', ...inShape] }],
    outputs: [{ name: 'output' }],
    nodes: [{ op, inputs: ['input'], outputs: ['output'], attributes }],
  };
}

describe('pooling against onnxruntime', () => {
  it.each<[string, string, number[], Record<string, Attribute>]>([
    ['MaxPool 2×2 stride 2', 'MaxPool', [3, 8, 8], { kernel_shape: ints([2, 2]), strides: ints([2, 2]) }],
    [
      'MaxPool 3×3 stride 2 pads 1',
      'MaxPool',
      [2, 9, 9],
      { kernel_shape: ints([3, 3]), strides: ints([2, 2]), pads: ints([1, 1, 1, 1]) },
    ],
    ['MaxPool asymmetric pads', 'MaxPool', [2, 7, 6], { kernel_shape: ints([2, 3]), pads: ints([1, 0, 0, 2]) }],
    [
      'MaxPool ceil_mode',
      'MaxPool',
      [2, 7, 7],
      { kernel_shape: ints([2, 2]), strides: ints([2, 2]), ceil_mode: int(1) },
    ],
    [
      'MaxPool ceil_mode with pads',
      'MaxPool',
      [2, 8, 8],
      { kernel_shape: ints([3, 3]), strides: ints([2, 2]), pads: ints([1, 1, 1, 1]), ceil_mode: int(1) },
    ],
    ['MaxPool dilation 2', 'MaxPool', [2, 9, 9], { kernel_shape: ints([2, 2]), dilations: ints([2, 2]) }],
    [
      'MaxPool auto_pad SAME_UPPER',
      'MaxPool',
      [2, 7, 7],
      { kernel_shape: ints([3, 3]), strides: ints([2, 2]), auto_pad: str('SAME_UPPER') },
    ],
    ['MaxPool 1-D', 'MaxPool', [3, 11], { kernel_shape: ints([3]), strides: ints([2]) }],
    [
      'MaxPool 1-D ceil_mode pads',
      'MaxPool',
      [3, 10],
      { kernel_shape: ints([3]), strides: ints([2]), pads: ints([1, 1]), ceil_mode: int(1) },
    ],
    ['AveragePool 2×2', 'AveragePool', [3, 8, 8], { kernel_shape: ints([2, 2]), strides: ints([2, 2]) }],
    [
      'AveragePool pads, count_include_pad 0',
      'AveragePool',
      [2, 7, 7],
      { kernel_shape: ints([3, 3]), strides: ints([2, 2]), pads: ints([1, 1, 1, 1]) },
    ],
    [
      'AveragePool pads, count_include_pad 1',
      'AveragePool',
      [2, 7, 7],
      { kernel_shape: ints([3, 3]), strides: ints([2, 2]), pads: ints([1, 1, 1, 1]), count_include_pad: int(1) },
    ],
    [
      'AveragePool asymmetric pads, count_include_pad 1',
      'AveragePool',
      [2, 6, 7],
      { kernel_shape: ints([3, 2]), pads: ints([0, 1, 2, 0]), count_include_pad: int(1) },
    ],
    [
      'AveragePool ceil_mode',
      'AveragePool',
      [2, 7, 7],
      { kernel_shape: ints([2, 2]), strides: ints([2, 2]), ceil_mode: int(1) },
    ],
    [
      'AveragePool ceil_mode, pads, count_include_pad 1',
      'AveragePool',
      [2, 8, 8],
      {
        kernel_shape: ints([3, 3]),
        strides: ints([2, 2]),
        pads: ints([1, 1, 1, 1]),
        ceil_mode: int(1),
        count_include_pad: int(1),
      },
    ],
    [
      'AveragePool 1-D pads',
      'AveragePool',
      [3, 10],
      { kernel_shape: ints([3]), strides: ints([2]), pads: ints([1, 1]) },
    ],
    ['GlobalAveragePool 2-D', 'GlobalAveragePool', [4, 5, 6], {}],
    ['GlobalMaxPool 2-D', 'GlobalMaxPool', [4, 5, 6], {}],
    ['GlobalAveragePool 1-D', 'GlobalAveragePool', [4, 9], {}],
  ])('%s', async (_name, op, inShape, attributes) => {
    await expectLikeOnnxruntime(pool(op, inShape, attributes));
  });
});
