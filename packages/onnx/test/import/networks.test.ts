// Small whole networks in the shapes PyTorch exports them, checked against onnxruntime-node in both input layouts.
import { beforeAll, describe, it } from 'vitest';
import { setupBackend } from '../helpers';
import { type InitializerSpec, int, ints, type NodeSpec } from '../onnx-builder';
import { expectLikeOnnxruntime, uniform } from '../ort-check';

beforeAll(setupBackend);

let seed = 100;
function param(name: string, dims: number[], low = -0.5, high = 0.5): InitializerSpec {
  return {
    name,
    dims,
    data: uniform(
      dims.reduce((a, b) => a * b, 1),
      seed++,
      low,
      high,
    ),
  };
}
function bn(prefix: string, c: number): InitializerSpec[] {
  return [
    param(`${prefix}.g`, [c], 0.5, 1.5),
    param(`${prefix}.b`, [c]),
    param(`${prefix}.m`, [c]),
    param(`${prefix}.v`, [c], 0.5, 1.5),
  ];
}
const bnNode = (prefix: string, x: string, y: string): NodeSpec => ({
  op: 'BatchNormalization',
  inputs: [x, `${prefix}.g`, `${prefix}.b`, `${prefix}.m`, `${prefix}.v`],
  outputs: [y],
});

describe('whole networks against onnxruntime', () => {
  it.each([
    [11, 6],
    [17, 8],
    [21, 10],
  ])('reads opset %i files of IR version %i', async (opset, irVersion) => {
    await expectLikeOnnxruntime({
      opset,
      irVersion,
      inputs: [{ name: 'input', shape: ['N', 2, 6, 6] }],
      outputs: [{ name: 'output' }],
      initializers: [param('w', [3, 2, 3, 3]), param('fc', [27, 4])],
      nodes: [
        {
          op: 'Conv',
          inputs: ['input', 'w'],
          outputs: ['c'],
          attributes: { strides: ints([2, 2]), pads: ints([1, 1, 1, 1]) },
        },
        { op: 'Relu', inputs: ['c'], outputs: ['r'] },
        { op: 'Flatten', inputs: ['r'], outputs: ['f'] },
        { op: 'MatMul', inputs: ['f', 'fc'], outputs: ['m'] },
        { op: 'Softmax', inputs: ['m'], outputs: ['output'], attributes: { axis: int(1) } },
      ],
    });
  });

  it('MobileNetV2-style block: 1×1 expand, depthwise 3×3 stride 2, BN (not folded), ReLU6, residual, GAP, Linear', async () => {
    const initializers = [
      param('stem', [8, 3, 3, 3]),
      ...bn('bn0', 8),
      param('exp', [16, 8, 1, 1]),
      ...bn('bn1', 16),
      param('dw', [16, 1, 3, 3]),
      ...bn('bn2', 16),
      param('proj', [8, 16, 1, 1]),
      ...bn('bn3', 8),
      param('dw2', [8, 1, 3, 3]),
      param('fc', [5, 8]),
      param('fcb', [5]),
      { name: 'zero', dims: [], data: Float32Array.of(0) },
      { name: 'six', dims: [], data: Float32Array.of(6) },
    ];
    const nodes: NodeSpec[] = [
      {
        op: 'Conv',
        inputs: ['input', 'stem'],
        outputs: ['s'],
        attributes: { pads: ints([1, 1, 1, 1]), strides: ints([2, 2]) },
      },
      bnNode('bn0', 's', 's_bn'),
      { op: 'Clip', inputs: ['s_bn', 'zero', 'six'], outputs: ['s_act'] },
      { op: 'Conv', inputs: ['s_act', 'exp'], outputs: ['e'] },
      bnNode('bn1', 'e', 'e_bn'),
      { op: 'Clip', inputs: ['e_bn', 'zero', 'six'], outputs: ['e_act'] },
      { op: 'Conv', inputs: ['e_act', 'dw'], outputs: ['d'], attributes: { group: int(16), pads: ints([1, 1, 1, 1]) } },
      bnNode('bn2', 'd', 'd_bn'),
      { op: 'Clip', inputs: ['d_bn', 'zero', 'six'], outputs: ['d_act'] },
      { op: 'Conv', inputs: ['d_act', 'proj'], outputs: ['p'] },
      bnNode('bn3', 'p', 'p_bn'),
      { op: 'Add', inputs: ['p_bn', 's_act'], outputs: ['res'] },
      {
        op: 'Conv',
        inputs: ['res', 'dw2'],
        outputs: ['d2'],
        attributes: { group: int(8), strides: ints([2, 2]), pads: ints([1, 1, 1, 1]) },
      },
      { op: 'GlobalAveragePool', inputs: ['d2'], outputs: ['gap'] },
      { op: 'Flatten', inputs: ['gap'], outputs: ['flat'] },
      { op: 'Gemm', inputs: ['flat', 'fc', 'fcb'], outputs: ['output'], attributes: { transB: int(1) } },
    ];
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 3, 16, 16] }],
      outputs: [{ name: 'output' }],
      initializers,
      nodes,
    });
  });

  it('1-D CNN for signals: Conv1d, BN, ReLU, MaxPool1d, AvgPool1d with pads, flatten, two Linear', async () => {
    const initializers = [
      param('c1', [6, 2, 5]),
      param('c1b', [6]),
      ...bn('bn', 6),
      param('c2', [4, 6, 3]),
      param('fc1', [7, 4 * 6]),
      param('fc1b', [7]),
      param('fc2', [3, 7]),
    ];
    const nodes: NodeSpec[] = [
      { op: 'Conv', inputs: ['input', 'c1', 'c1b'], outputs: ['a'], attributes: { pads: ints([2, 2]) } },
      bnNode('bn', 'a', 'b'),
      { op: 'Relu', inputs: ['b'], outputs: ['r'] },
      { op: 'MaxPool', inputs: ['r'], outputs: ['m'], attributes: { kernel_shape: ints([2]), strides: ints([2]) } },
      { op: 'Conv', inputs: ['m', 'c2'], outputs: ['c'], attributes: { pads: ints([1, 1]), dilations: ints([1]) } },
      {
        op: 'AveragePool',
        inputs: ['c'],
        outputs: ['p'],
        attributes: { kernel_shape: ints([3]), strides: ints([2]), pads: ints([1, 1]) },
      },
      { op: 'Flatten', inputs: ['p'], outputs: ['f'] },
      { op: 'Gemm', inputs: ['f', 'fc1', 'fc1b'], outputs: ['h'], attributes: { transB: int(1) } },
      { op: 'Tanh', inputs: ['h'], outputs: ['t'] },
      { op: 'Gemm', inputs: ['t', 'fc2'], outputs: ['g'], attributes: { transB: int(1) } },
      { op: 'LogSoftmax', inputs: ['g'], outputs: ['output'], attributes: { axis: int(1) } },
    ];
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 2, 24] }],
      outputs: [{ name: 'output' }],
      initializers,
      nodes,
    });
  });

  it('a GRU text classifier as PyTorch exports it (batch_first input transposed, linear_before_reset, last step → Linear)', async () => {
    const H = 6;
    const initializers: InitializerSpec[] = [
      param('W', [1, 3 * H, 4]),
      param('R', [1, 3 * H, H]),
      param('B', [1, 6 * H]),
      param('fc', [3, H]),
      param('fcb', [3]),
      { name: 'ax', dims: [1], data: [1], int64: true },
      { name: 'last', dims: [], data: [-1], int64: true },
    ];
    const nodes: NodeSpec[] = [
      { op: 'Transpose', inputs: ['input'], outputs: ['x'], attributes: { perm: ints([1, 0, 2]) } },
      {
        op: 'GRU',
        inputs: ['x', 'W', 'R', 'B'],
        outputs: ['y', 'h'],
        attributes: { hidden_size: int(H), linear_before_reset: int(1) },
      },
      { op: 'Squeeze', inputs: ['y', 'ax'], outputs: ['ys'] },
      { op: 'Gather', inputs: ['ys', 'last'], outputs: ['yl'], attributes: { axis: int(0) } },
      { op: 'Gemm', inputs: ['yl', 'fc', 'fcb'], outputs: ['output'], attributes: { transB: int(1) } },
    ];
    await expectLikeOnnxruntime(
      { inputs: [{ name: 'input', shape: ['N', 7, 4] }], outputs: [{ name: 'output' }], initializers, nodes },
      { batch: 3 },
    );
  });
});
