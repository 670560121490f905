import { beforeAll, describe, expect, it } from 'vitest';
import { importOnnx } from '../../src/index';
import { setupBackend } from '../helpers';
import { buildModel, int, ints, type NodeSpec, tensorAttr } from '../onnx-builder';
import { expectLikeOnnxruntime, uniform } from '../ort-check';

beforeAll(setupBackend);

const i64 = (name: string, values: number[], dims = [values.length]) => ({ name, dims, data: values, int64: true });

/** A conv first, so the tensor is channel-last inside the model and the layout bookkeeping is exercised. */
const convFirst: NodeSpec = { op: 'Conv', inputs: ['input', 'w'], outputs: ['x'] };
const w = { name: 'w', dims: [3, 3, 1, 1], data: uniform(9, 2) };

describe('layout ops against onnxruntime', () => {
  it.each<[string, NodeSpec[], number?, ReturnType<typeof i64>[]?]>([
    [
      'Transpose [0, 2, 3, 1]',
      [convFirst, { op: 'Transpose', inputs: ['x'], outputs: ['output'], attributes: { perm: ints([0, 2, 3, 1]) } }],
    ],
    [
      'Transpose [0, 3, 1, 2] then Relu',
      [
        convFirst,
        { op: 'Transpose', inputs: ['x'], outputs: ['t'], attributes: { perm: ints([0, 3, 1, 2]) } },
        { op: 'Relu', inputs: ['t'], outputs: ['output'] },
      ],
    ],
    ['Flatten of a conv output', [convFirst, { op: 'Flatten', inputs: ['x'], outputs: ['output'] }]],
    [
      'Reshape [0, -1] (literal)',
      [convFirst, { op: 'Reshape', inputs: ['x', 's'], outputs: ['output'] }],
      17,
      [i64('s', [0, -1])],
    ],
    [
      'Reshape [-1, 60] (literal)',
      [convFirst, { op: 'Reshape', inputs: ['x', 's'], outputs: ['output'] }],
      17,
      [i64('s', [-1, 60])],
    ],
    [
      'Reshape [0, 3, -1]',
      [convFirst, { op: 'Reshape', inputs: ['x', 's'], outputs: ['output'] }],
      17,
      [i64('s', [0, 3, -1])],
    ],
    [
      'Reshape [0, 6, 2, 5]',
      [convFirst, { op: 'Reshape', inputs: ['x', 's'], outputs: ['output'] }],
      17,
      [i64('s', [0, 6, 2, 5])],
    ],
    [
      'Reshape through the PyTorch shape chain (Shape, Gather, Unsqueeze, Concat)',
      [
        convFirst,
        { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
        { op: 'Gather', inputs: ['shape', 'zero'], outputs: ['n'], attributes: { axis: int(0) } },
        { op: 'Unsqueeze', inputs: ['n', 'axes0'], outputs: ['n1'] },
        { op: 'Concat', inputs: ['n1', 'minus1'], outputs: ['target'], attributes: { axis: int(0) } },
        { op: 'Reshape', inputs: ['x', 'target'], outputs: ['output'] },
      ],
      17,
      [i64('zero', [0], []), i64('axes0', [0]), i64('minus1', [-1])],
    ],
    [
      'Squeeze (axes input, opset 13)',
      [
        convFirst,
        { op: 'ReduceMean', inputs: ['x'], outputs: ['m'], attributes: { axes: ints([2]) } },
        { op: 'Squeeze', inputs: ['m', 'ax'], outputs: ['output'] },
      ],
      13,
      [i64('ax', [2])],
    ],
    [
      'Squeeze (axes attribute, opset 11)',
      [
        convFirst,
        { op: 'ReduceMean', inputs: ['x'], outputs: ['m'], attributes: { axes: ints([2]) } },
        { op: 'Squeeze', inputs: ['m'], outputs: ['output'], attributes: { axes: ints([-2]) } },
      ],
      11,
    ],
    [
      'Squeeze (no axes: every size-1 axis)',
      [
        convFirst,
        { op: 'ReduceMean', inputs: ['x'], outputs: ['m'], attributes: { axes: ints([2]) } },
        { op: 'Squeeze', inputs: ['m'], outputs: ['output'] },
      ],
      13,
    ],
    [
      'Unsqueeze (axes input, opset 13)',
      [convFirst, { op: 'Unsqueeze', inputs: ['x', 'ax'], outputs: ['output'] }],
      13,
      [i64('ax', [1, -1])],
    ],
    [
      'Unsqueeze (axes attribute, opset 11)',
      [convFirst, { op: 'Unsqueeze', inputs: ['x'], outputs: ['output'], attributes: { axes: ints([2]) } }],
      11,
    ],
    [
      'Concat on channels',
      [
        convFirst,
        { op: 'Relu', inputs: ['x'], outputs: ['r'] },
        { op: 'Concat', inputs: ['x', 'r', 'x'], outputs: ['output'], attributes: { axis: int(1) } },
      ],
    ],
    [
      'Concat on a spatial axis (negative)',
      [
        convFirst,
        { op: 'Relu', inputs: ['x'], outputs: ['r'] },
        { op: 'Concat', inputs: ['x', 'r'], outputs: ['output'], attributes: { axis: int(-1) } },
      ],
    ],
    [
      'Gather a scalar index on a spatial axis',
      [convFirst, { op: 'Gather', inputs: ['x', 'k'], outputs: ['output'], attributes: { axis: int(3) } }],
      17,
      [i64('k', [-1], [])],
    ],
    [
      'Gather 1-D indices on channels',
      [convFirst, { op: 'Gather', inputs: ['x', 'k'], outputs: ['output'], attributes: { axis: int(1) } }],
      17,
      [i64('k', [2, 0])],
    ],
    [
      'Constant / ConstantOfShape / Cast folded into an Add',
      [
        convFirst,
        {
          op: 'Constant',
          inputs: [],
          outputs: ['shape'],
          attributes: { value: tensorAttr({ name: 'v', dims: [3], data: [3, 1, 1], int64: true }) },
        },
        {
          op: 'ConstantOfShape',
          inputs: ['shape'],
          outputs: ['c'],
          attributes: { value: tensorAttr({ name: 'f', dims: [1], data: Float32Array.of(0.5) }) },
        },
        { op: 'Cast', inputs: ['c'], outputs: ['cf'], attributes: { to: int(1) } },
        { op: 'Add', inputs: ['x', 'cf'], outputs: ['output'] },
      ],
    ],
  ])('%s', async (_name, nodes, opset = 17, ints64 = []) => {
    await expectLikeOnnxruntime({
      opset,
      inputs: [{ name: 'input', shape: ['N', 3, 4, 5] }],
      outputs: [{ name: 'output' }],
      initializers: [w, ...ints64],
      nodes,
    });
  });

  it('reads initializers stored in floatData and int64Data (not only rawData)', async () => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 3, 4, 5] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { ...w, storage: 'typed' },
        { name: 's', dims: [2], data: [0, -1], int64: true, storage: 'typed' },
        { name: 'fc', dims: [60, 2], data: uniform(120, 4), storage: 'typed' },
      ],
      nodes: [
        convFirst,
        { op: 'Reshape', inputs: ['x', 's'], outputs: ['f'] },
        { op: 'MatMul', inputs: ['f', 'fc'], outputs: ['output'] },
      ],
    });
  });

  it('keeps a Transpose as bookkeeping: no layer is added for it', async () => {
    const bytes = buildModel({
      inputs: [{ name: 'input', shape: ['N', 3, 4, 5] }],
      outputs: [{ name: 'output' }],
      initializers: [w],
      nodes: [
        convFirst,
        { op: 'Transpose', inputs: ['x'], outputs: ['t'], attributes: { perm: ints([0, 2, 3, 1]) } },
        { op: 'Relu', inputs: ['t'], outputs: ['output'] },
      ],
    });
    const model = await importOnnx(bytes);
    // NCHW input permuted once for the conv; the Transpose to [N, H, W, C] is then the tfjs order: no layer.
    expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Permute', 'Conv2D', 'ReLU']);
  });
});

describe('Pad, ReduceMean, BatchNormalization against onnxruntime', () => {
  it.each<[string, NodeSpec, number?, object[]?]>([
    [
      'Pad constant, asymmetric',
      { op: 'Pad', inputs: ['x', 'p', 'v'], outputs: ['output'] },
      17,
      [i64('p', [0, 0, 1, 2, 0, 0, 2, 0]), { name: 'v', dims: [], data: Float32Array.of(0.7) }],
    ],
    [
      'Pad reflect',
      {
        op: 'Pad',
        inputs: ['x', 'p'],
        outputs: ['output'],
        attributes: { mode: { kind: 'string', value: 'reflect' } },
      },
      17,
      [i64('p', [0, 0, 2, 1, 0, 0, 1, 3])],
    ],
    [
      'Pad edge',
      { op: 'Pad', inputs: ['x', 'p'], outputs: ['output'], attributes: { mode: { kind: 'string', value: 'edge' } } },
      17,
      [i64('p', [0, 0, 1, 1, 0, 0, 2, 2])],
    ],
    [
      'Pad with axes input (opset 18)',
      { op: 'Pad', inputs: ['x', 'p', '', 'ax'], outputs: ['output'] },
      18,
      [i64('p', [1, 2, 0, 1]), i64('ax', [2, 3])],
    ],
    [
      'Pad opset 11, negative pads crop',
      { op: 'Pad', inputs: ['x', 'p'], outputs: ['output'] },
      11,
      [i64('p', [0, 0, -1, 1, 0, 0, 1, -2])],
    ],
    [
      'ReduceMean spatial, keepdims',
      { op: 'ReduceMean', inputs: ['x'], outputs: ['output'], attributes: { axes: ints([2, 3]) } },
    ],
    [
      'ReduceMean spatial, keepdims 0',
      { op: 'ReduceMean', inputs: ['x'], outputs: ['output'], attributes: { axes: ints([-1, -2]), keepdims: int(0) } },
    ],
    [
      'ReduceMean axes input (opset 18)',
      { op: 'ReduceMean', inputs: ['x', 'ax'], outputs: ['output'], attributes: { keepdims: int(0) } },
      18,
      [i64('ax', [2, 3])],
    ],
    ['ReduceMean channels', { op: 'ReduceMean', inputs: ['x'], outputs: ['output'], attributes: { axes: ints([1]) } }],
    [
      'BatchNormalization 4-D',
      {
        op: 'BatchNormalization',
        inputs: ['x', 'g', 'b', 'm', 'var'],
        outputs: ['output'],
        attributes: { epsilon: { kind: 'float', value: 1e-3 } },
      },
    ],
  ])('%s', async (_name, node, opset = 17, extra = []) => {
    await expectLikeOnnxruntime({
      opset,
      inputs: [{ name: 'input', shape: ['N', 3, 4, 5] }],
      outputs: [{ name: 'output' }],
      initializers: [
        w,
        { name: 'g', dims: [3], data: uniform(3, 31, 0.5, 2) },
        { name: 'b', dims: [3], data: uniform(3, 32) },
        { name: 'm', dims: [3], data: uniform(3, 33) },
        { name: 'var', dims: [3], data: uniform(3, 34, 0.5, 2) },
        ...(extra as never[]),
      ],
      nodes: [convFirst, node],
    });
  });

  it('BatchNormalization on [N, C] (BatchNorm1d after a Linear)', async () => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 6] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { name: 'g', dims: [6], data: uniform(6, 31, 0.5, 2) },
        { name: 'b', dims: [6], data: uniform(6, 32) },
        { name: 'm', dims: [6], data: uniform(6, 33) },
        { name: 'var', dims: [6], data: uniform(6, 34, 0.5, 2) },
      ],
      nodes: [{ op: 'BatchNormalization', inputs: ['input', 'g', 'b', 'm', 'var'], outputs: ['output'] }],
    });
  });
});
