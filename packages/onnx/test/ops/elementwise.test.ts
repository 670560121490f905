import { beforeAll, describe, it } from 'vitest';
import { setupBackend } from '../helpers';
import { type Attribute, float, int, ints, type NodeSpec } from '../onnx-builder';
import { expectLikeOnnxruntime, uniform } from '../ort-check';

beforeAll(setupBackend);

describe('Add/Sub/Mul/Div with broadcasting against onnxruntime', () => {
  const ops = ['Add', 'Sub', 'Mul', 'Div'] as const;
  const constants: [string, number[]][] = [
    ['scalar', []],
    ['per-channel [C, 1, 1]', [3, 1, 1]],
    ['last axis [W]', [5]],
    ['full [1, C, H, W]', [1, 3, 4, 5]],
    ['[H, 1]', [4, 1]],
  ];
  it.each(
    ops.flatMap((op) =>
      constants.flatMap(([name, dims]) => [true, false].map((first) => [op, name, dims, first] as const)),
    ),
  )('%s with a %s constant (constant first: %s)', async (op, _name, dims, constantFirst) => {
    const size = dims.reduce((a, b) => a * b, 1);
    // Divisors kept away from 0.
    const c = op === 'Div' ? uniform(size, 21, 0.5, 2) : uniform(size, 21);
    await expectLikeOnnxruntime(
      {
        inputs: [{ name: 'input', shape: ['N', 3, 4, 5] }],
        outputs: [{ name: 'output' }],
        initializers: [{ name: 'c', dims, data: c }],
        // A conv first puts the tensor in channel-last layout, so the constant must be permuted to match.
        nodes: [
          { op: 'Relu', inputs: ['input'], outputs: ['r'] },
          { op: 'AveragePool', inputs: ['r'], outputs: ['x'], attributes: { kernel_shape: ints([1, 1]) } },
          { op, inputs: constantFirst ? ['c', 'x'] : ['x', 'c'], outputs: ['output'] },
        ],
      },
      { low: op === 'Div' && constantFirst ? 0.5 : -1, high: op === 'Div' && constantFirst ? 2 : 1 },
    );
  });

  it.each(ops)('%s of two computed tensors, [N, C, H, W] and [N, C, 1, 1] (squeeze-excite shape)', async (op) => {
    await expectLikeOnnxruntime(
      {
        inputs: [{ name: 'input', shape: ['N', 3, 4, 5] }],
        outputs: [{ name: 'output' }],
        nodes: [
          { op: 'GlobalAveragePool', inputs: ['input'], outputs: ['g'] },
          { op: 'Sigmoid', inputs: ['g'], outputs: ['s'] },
          { op, inputs: ['input', 's'], outputs: ['output'] },
        ],
      },
      { low: 0.2, high: 1 },
    );
  });

  it.each(ops)('%s of two computed tensors of the same shape (residual)', async (op) => {
    await expectLikeOnnxruntime(
      {
        inputs: [{ name: 'input', shape: ['N', 2, 4, 4] }],
        outputs: [{ name: 'output' }],
        initializers: [{ name: 'w', dims: [2, 2, 3, 3], data: uniform(36, 3) }],
        nodes: [
          { op: 'Conv', inputs: ['input', 'w'], outputs: ['c'], attributes: { pads: ints([1, 1, 1, 1]) } },
          { op: 'Sigmoid', inputs: ['c'], outputs: ['s'] },
          { op, inputs: ['input', 's'], outputs: ['output'] },
        ],
      },
      { low: 0.2, high: 1 },
    );
  });
});

describe('activations against onnxruntime', () => {
  const unary = (op: string, attributes: Record<string, Attribute> = {}, extra: NodeSpec['inputs'] = []) => ({
    op,
    inputs: ['input', ...extra],
    outputs: ['output'],
    attributes,
  });
  it.each<[string, NodeSpec, number?]>([
    ['Relu', unary('Relu')],
    ['LeakyRelu alpha 0.2', unary('LeakyRelu', { alpha: float(0.2) })],
    ['Sigmoid', unary('Sigmoid')],
    ['Tanh', unary('Tanh')],
    ['Softmax axis -1', unary('Softmax', { axis: int(-1) })],
    ['Softmax axis 1 of a 3-D tensor', unary('Softmax', { axis: int(1) })],
    ['LogSoftmax axis -1', unary('LogSoftmax', { axis: int(-1) })],
    ['LogSoftmax axis 2', unary('LogSoftmax', { axis: int(2) })],
    ['Clip as ReLU6 (min/max inputs)', unary('Clip', {}, ['zero', 'six'])],
    ['Clip with min and max inputs', unary('Clip', {}, ['lo', 'hi'])],
    ['Clip with only a max input', unary('Clip', {}, ['', 'hi'])],
    ['Dropout (inference)', unary('Dropout')],
    ['Identity', unary('Identity')],
  ])('%s', async (_name, node) => {
    await expectLikeOnnxruntime(
      {
        inputs: [{ name: 'input', shape: ['N', 3, 4] }],
        outputs: [{ name: 'output' }],
        initializers: [
          { name: 'zero', dims: [], data: Float32Array.of(0) },
          { name: 'six', dims: [], data: Float32Array.of(6) },
          { name: 'lo', dims: [], data: Float32Array.of(-0.5) },
          { name: 'hi', dims: [], data: Float32Array.of(0.25) },
        ],
        nodes: [node],
      },
      { low: -8, high: 8 },
    );
  });

  it('Softmax before opset 13 (axis 1 of a 2-D input)', async () => {
    await expectLikeOnnxruntime({
      opset: 12,
      inputs: [{ name: 'input', shape: ['N', 7] }],
      outputs: [{ name: 'output' }],
      nodes: [{ op: 'Softmax', inputs: ['input'], outputs: ['output'] }],
    });
  });
});
