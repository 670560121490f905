import { InvalidParameterError } from '@memsim/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { importOnnx, inspectOnnx, SUPPORTED_OPS } from '../../src/index';
import { loadFixture, setupBackend } from '../helpers';
import { buildModel, float, int, type ModelSpec } from '../onnx-builder';
import { uniform } from '../ort-check';

beforeAll(setupBackend);

const lenet = loadFixture('lenet5').bytes;

const relu = (overrides: Partial<ModelSpec> = {}): Uint8Array =>
  buildModel({
    inputs: [{ name: 'input', shape: ['N', 4] }],
    outputs: [{ name: 'output' }],
    nodes: [{ op: 'Relu', inputs: ['input'], outputs: ['output'] }],
    ...overrides,
  });

async function expectImportError(bytes: unknown, pattern: RegExp, options?: object): Promise<InvalidParameterError> {
  let caught: unknown;
  try {
    await importOnnx(bytes as Uint8Array, options as never);
  } catch (error) {
    caught = error;
  }
  expect(InvalidParameterError.isInstance(caught), String(caught)).toBe(true);
  expect((caught as Error).message).toMatch(pattern);
  return caught as InvalidParameterError;
}

describe('importOnnx rejects bad input with typed errors', () => {
  it.each([
    ['the first 1000 bytes', 1000],
    ['all but the last 100 bytes', lenet.length - 100],
    ['the first 10 bytes', 10],
  ])('a truncated file (%s)', async (_name, length) => {
    const error = await expectImportError(
      lenet.slice(0, length),
      /importOnnx: `(bytes|tensor .*)` must be .*(truncated|graph|ONNX)/,
    );
    expect(error.message.length).toBeLessThan(2000);
  });

  it.each([
    ['a JSON text', new TextEncoder().encode('{"modelTopology": {"class_name": "Sequential"}}')],
    ['PNG bytes', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52)],
    ['seeded random bytes', Uint8Array.from(uniform(4096, 3, 0, 256), (v) => Math.floor(v))],
    ['zero bytes', new Uint8Array(0)],
  ])('a file that is not ONNX (%s)', async (_name, bytes) => {
    await expectImportError(bytes, /importOnnx: `bytes` must be .*(ONNX|onnx)/);
    expect(() => inspectOnnx(bytes)).toThrow(InvalidParameterError);
  });

  it.each([
    ['a string', 'model.onnx'],
    ['an array of numbers', [1, 2, 3]],
    ['null', null],
  ])('bytes that are %s', async (_name, value) => {
    await expectImportError(value, /`bytes` must be a Uint8Array/);
  });

  it('an unsupported op, naming the node, its op type and the supported ops', async () => {
    const bytes = relu({
      nodes: [
        { op: 'Relu', inputs: ['input'], outputs: ['r'] },
        { op: 'Erf', inputs: ['r'], outputs: ['output'], name: '/gelu/Erf' },
      ],
    });
    const error = await expectImportError(bytes, /node "\/gelu\/Erf"` must be an op memsim imports: /);
    expect(error.message).toContain("received 'op Erf'");
    for (const op of ['Conv', 'Gemm', 'LSTM', 'GRU', 'MaxPool']) expect(error.message).toContain(op);
    expect(inspectOnnx(bytes).unsupportedOps).toEqual(['Erf']);
  });

  it('an op from another domain', async () => {
    const bytes = relu({ nodes: [{ op: 'Relu', inputs: ['input'], outputs: ['output'], domain: 'com.microsoft' }] });
    await expectImportError(bytes, /op com\.microsoft\.Relu/);
  });

  it('a graph with two inputs where one is expected', async () => {
    const bytes = buildModel({
      inputs: [
        { name: 'a', shape: ['N', 4] },
        { name: 'b', shape: ['N', 4] },
      ],
      outputs: [{ name: 'output' }],
      nodes: [{ op: 'Add', inputs: ['a', 'b'], outputs: ['output'] }],
    });
    await expectImportError(bytes, /`graph inputs` must be exactly one input tensor.*received \['a', 'b'\]/);
  });

  it.each([7, 9, 10])('opset %i (below 11)', async (opset) => {
    await expectImportError(relu({ opset }), new RegExp(`\`opset\` must be .*\\[11, 21\\].*received ${opset}`));
  });

  it('an input whose non-batch dimensions are not fixed', async () => {
    await expectImportError(relu({ inputs: [{ name: 'input', shape: ['N', 'features'] }] }), /input "input" shape/);
  });

  it.each([
    [{ inputLayout: 'nchw' }, /`inputLayout` must be one of 'onnx', 'nhwc'/],
    [{ layout: 'nhwc' }, /unknown key `layout`/],
    [{ name: '' }, /`name` must be a non-empty string/],
  ])('options %j', async (options, pattern) => {
    await expectImportError(lenet, pattern, options);
  });

  it('attributes tfjs cannot express, naming the node', async () => {
    // Gemm whose weights are computed (not an initializer).
    await expectImportError(
      relu({
        nodes: [
          { op: 'Relu', inputs: ['input'], outputs: ['r'] },
          { op: 'Gemm', inputs: ['input', 'r'], outputs: ['output'], name: 'g' },
        ],
      }),
      /node "g" \(Gemm\)` must be a constant \(initializer or folded shape\) as B/,
    );
    // LSTM with a cell clip.
    const lstm = buildModel({
      inputs: [{ name: 'input', shape: ['N', 2, 3] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { name: 'W', dims: [1, 8, 3], data: uniform(24, 1) },
        { name: 'R', dims: [1, 8, 2], data: uniform(16, 2) },
      ],
      nodes: [
        {
          op: 'Transpose',
          inputs: ['input'],
          outputs: ['x'],
          attributes: { perm: { kind: 'ints', value: [1, 0, 2] } },
        },
        {
          op: 'LSTM',
          inputs: ['x', 'W', 'R'],
          outputs: ['', 'output'],
          attributes: { hidden_size: int(2), clip: float(3) },
          name: 'l',
        },
      ],
    });
    await expectImportError(lstm, /node "l" \(LSTM\)` must be no cell clip/);
    // A 3-D convolution.
    await expectImportError(
      buildModel({
        inputs: [{ name: 'input', shape: ['N', 1, 4, 4, 4] }],
        outputs: [{ name: 'output' }],
        initializers: [{ name: 'w', dims: [2, 1, 3, 3, 3], data: uniform(54, 1) }],
        nodes: [{ op: 'Conv', inputs: ['input', 'w'], outputs: ['output'], name: 'c3' }],
      }),
      /node "c3" \(Conv\)` must be a 1-D or 2-D convolution/,
    );
  });

  it('lists the supported ops, sorted', () => {
    expect(SUPPORTED_OPS).toEqual([...SUPPORTED_OPS].sort());
    for (const op of [
      'Conv',
      'Gemm',
      'MatMul',
      'Add',
      'Sub',
      'Mul',
      'Div',
      'Relu',
      'LeakyRelu',
      'Clip',
      'Sigmoid',
      'Tanh',
    ])
      expect(SUPPORTED_OPS).toContain(op);
    for (const op of [
      'Softmax',
      'LogSoftmax',
      'MaxPool',
      'AveragePool',
      'GlobalAveragePool',
      'GlobalMaxPool',
      'ReduceMean',
    ])
      expect(SUPPORTED_OPS).toContain(op);
    for (const op of ['BatchNormalization', 'Flatten', 'Reshape', 'Transpose', 'Squeeze', 'Unsqueeze', 'Concat', 'Pad'])
      expect(SUPPORTED_OPS).toContain(op);
    for (const op of ['Dropout', 'Identity', 'Shape', 'Gather', 'Constant', 'ConstantOfShape', 'LSTM', 'GRU', 'RNN'])
      expect(SUPPORTED_OPS).toContain(op);
  });
});
