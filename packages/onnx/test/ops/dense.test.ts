import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../helpers';
import { type Attribute, float, int, ints } from '../onnx-builder';
import { expectLikeOnnxruntime, uniform } from '../ort-check';

beforeAll(setupBackend);

describe('Gemm against onnxruntime', () => {
  it.each<[string, number[], number[] | undefined, Record<string, Attribute>]>([
    ['B [K, N], bias [N]', [6, 4], [4], {}],
    ['transB, bias [1, N]', [4, 6], [1, 4], { transB: int(1) }],
    ['alpha and beta', [4, 6], [4], { transB: int(1), alpha: float(0.5), beta: float(2) }],
    ['no bias', [6, 4], undefined, { alpha: float(-1.5) }],
    ['scalar bias', [6, 4], [1], {}],
  ])('%s', async (_name, bDims, cDims, attributes) => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 6] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { name: 'B', dims: bDims, data: uniform(24, 3) },
        ...(cDims
          ? [
              {
                name: 'C',
                dims: cDims,
                data: uniform(
                  cDims.reduce((a, b) => a * b, 1),
                  4,
                ),
              },
            ]
          : []),
      ],
      nodes: [{ op: 'Gemm', inputs: ['input', 'B', ...(cDims ? ['C'] : [])], outputs: ['output'], attributes }],
    });
  });

  it('transA = 1 on a transposed input (A given as [K, batch])', async () => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 6] }],
      outputs: [{ name: 'output' }],
      initializers: [{ name: 'B', dims: [4, 6], data: uniform(24, 3) }],
      nodes: [
        { op: 'Transpose', inputs: ['input'], outputs: ['t'], attributes: { perm: ints([1, 0]) } },
        {
          op: 'Gemm',
          inputs: ['t', 'B'],
          outputs: ['output'],
          attributes: { transA: int(1), transB: int(1), alpha: float(2) },
        },
      ],
    });
  });

  it('permutes the rows of the Dense after a flatten of a conv output (PyTorch C×H×W order)', async () => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 2, 5, 4] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { name: 'w', dims: [3, 2, 3, 3], data: uniform(54, 5) },
        { name: 'fc', dims: [7, 60], data: uniform(420, 6) },
        { name: 'fcb', dims: [7], data: uniform(7, 7) },
      ],
      nodes: [
        { op: 'Conv', inputs: ['input', 'w'], outputs: ['c'], attributes: { pads: ints([1, 1, 1, 1]) } },
        { op: 'Relu', inputs: ['c'], outputs: ['r'] },
        { op: 'Flatten', inputs: ['r'], outputs: ['f'] },
        { op: 'Relu', inputs: ['f'], outputs: ['f2'] },
        { op: 'Gemm', inputs: ['f2', 'fc', 'fcb'], outputs: ['output'], attributes: { transB: int(1) } },
      ],
    });
  });

  it('undoes a deferred flatten when the next op needs the ONNX feature order (Softmax)', async () => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 2, 3, 3] }],
      outputs: [{ name: 'output' }],
      initializers: [{ name: 'w', dims: [2, 2, 1, 1], data: uniform(4, 5) }],
      nodes: [
        { op: 'Conv', inputs: ['input', 'w'], outputs: ['c'] },
        { op: 'Flatten', inputs: ['c'], outputs: ['f'] },
        { op: 'Softmax', inputs: ['f'], outputs: ['output'], attributes: { axis: int(1) } },
      ],
    });
  });
});

describe('MatMul with a constant operand against onnxruntime', () => {
  it('2-D input', async () => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 5] }],
      outputs: [{ name: 'output' }],
      initializers: [{ name: 'W', dims: [5, 3], data: uniform(15, 8) }],
      nodes: [{ op: 'MatMul', inputs: ['input', 'W'], outputs: ['output'] }],
    });
  });

  it('3-D input followed by Add of a bias (PyTorch Linear on a sequence), fused into one Dense', async () => {
    const model = await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 4, 5] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { name: 'W', dims: [5, 3], data: uniform(15, 8) },
        { name: 'b', dims: [3], data: uniform(3, 9) },
      ],
      nodes: [
        { op: 'MatMul', inputs: ['input', 'W'], outputs: ['m'] },
        { op: 'Add', inputs: ['m', 'b'], outputs: ['output'] },
      ],
    });
    expect(model.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'Dense']);
  });

  it('4-D input (MatMul on the last ONNX axis of an NCHW tensor)', async () => {
    await expectLikeOnnxruntime({
      inputs: [{ name: 'input', shape: ['N', 2, 3, 4] }],
      outputs: [{ name: 'output' }],
      initializers: [{ name: 'W', dims: [4, 6], data: uniform(24, 8) }],
      nodes: [{ op: 'MatMul', inputs: ['input', 'W'], outputs: ['output'] }],
    });
  });
});
