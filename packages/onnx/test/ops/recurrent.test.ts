import { beforeAll, describe, expect, it } from 'vitest';
import { importOnnx } from '../../src/index';
import { loadFixture, predict, relativeError, setupBackend } from '../helpers';
import {
  type Attribute,
  buildModel,
  type InitializerSpec,
  int,
  ints,
  type NodeSpec,
  str,
  tensorAttr,
} from '../onnx-builder';
import { expectLikeOnnxruntime, runOrt, uniform } from '../ort-check';

beforeAll(setupBackend);

const GATES = { LSTM: 4, GRU: 3, RNN: 1 } as const;
type Kind = keyof typeof GATES;
const T = 5;
const I = 3;
const H = 4;

interface Case {
  kind: Kind;
  direction?: 'forward' | 'reverse' | 'bidirectional';
  bias?: boolean;
  /** 'const': initializer [D, 1, H] (batch 1); 'shape': ConstantOfShape over the dynamic batch, value 0.3. */
  initial?: 'const' | 'shape';
  batchFirst?: boolean;
  output?: 'Y' | 'Y_h' | 'Y_c';
  attributes?: Record<string, Attribute>;
}

function recurrentModel(c: Case) {
  const d = c.direction === 'bidirectional' ? 2 : 1;
  const g = GATES[c.kind];
  const initializers: InitializerSpec[] = [
    { name: 'W', dims: [d, g * H, I], data: uniform(d * g * H * I, 41, -0.6, 0.6) },
    { name: 'R', dims: [d, g * H, H], data: uniform(d * g * H * H, 42, -0.6, 0.6) },
  ];
  if (c.bias) initializers.push({ name: 'B', dims: [d, 2 * g * H], data: uniform(d * 2 * g * H, 43, -0.5, 0.5) });
  const nodes: NodeSpec[] = [];
  let x = 'input';
  if (!c.batchFirst) {
    nodes.push({ op: 'Transpose', inputs: ['input'], outputs: ['x'], attributes: { perm: ints([1, 0, 2]) } });
    x = 'x';
  }
  const states: string[] = ['', ''];
  if (c.initial === 'const') {
    initializers.push({ name: 'h0', dims: c.batchFirst ? [1, d, H] : [d, 1, H], data: uniform(d * H, 44) });
    initializers.push({ name: 'c0', dims: c.batchFirst ? [1, d, H] : [d, 1, H], data: uniform(d * H, 45) });
    states[0] = 'h0';
    states[1] = 'c0';
  } else if (c.initial === 'shape') {
    // PyTorch's pattern: zeros-like states of shape [D, batch, H] built from Shape(input).
    initializers.push({ name: 'zero', dims: [], data: [0], int64: true });
    initializers.push({ name: 'ax0', dims: [1], data: [0], int64: true });
    initializers.push({ name: 'dims_d', dims: [1], data: [d], int64: true });
    initializers.push({ name: 'dims_h', dims: [1], data: [H], int64: true });
    nodes.push({ op: 'Shape', inputs: ['input'], outputs: ['shape'] });
    nodes.push({ op: 'Gather', inputs: ['shape', 'zero'], outputs: ['n'], attributes: { axis: int(0) } });
    nodes.push({ op: 'Unsqueeze', inputs: ['n', 'ax0'], outputs: ['n1'] });
    const parts = c.batchFirst ? ['n1', 'dims_d', 'dims_h'] : ['dims_d', 'n1', 'dims_h'];
    nodes.push({ op: 'Concat', inputs: parts, outputs: ['sshape'], attributes: { axis: int(0) } });
    nodes.push({
      op: 'ConstantOfShape',
      inputs: ['sshape'],
      outputs: ['s0'],
      attributes: { value: tensorAttr({ name: 'v', dims: [1], data: Float32Array.of(0.3) }) },
    });
    states[0] = 's0';
    states[1] = 's0';
  }
  const inputs = ['x', 'W', 'R', c.bias ? 'B' : '', '', states[0]!];
  inputs[0] = x;
  if (c.kind === 'LSTM') inputs.push(states[1]!);
  while (inputs[inputs.length - 1] === '') inputs.pop();
  nodes.push({
    op: c.kind,
    inputs,
    outputs: ['Y', 'Y_h', ...(c.kind === 'LSTM' ? ['Y_c'] : [])],
    attributes: {
      hidden_size: int(H),
      ...(c.direction ? { direction: str(c.direction) } : {}),
      ...(c.batchFirst ? { layout: int(1) } : {}),
      ...(c.attributes ?? {}),
    },
  });
  const output = c.output ?? 'Y';
  if (c.batchFirst) nodes.push({ op: 'Identity', inputs: [output], outputs: ['output'] });
  else
    nodes.push({
      op: 'Transpose',
      inputs: [output],
      outputs: ['output'],
      attributes: { perm: ints(output === 'Y' ? [2, 0, 1, 3] : [1, 0, 2]) },
    });
  return {
    opset: c.batchFirst ? 14 : 17,
    inputs: [{ name: 'input', shape: ['N', T, I] }],
    outputs: [{ name: 'output' }],
    initializers,
    nodes,
  };
}

const cases: [string, Case][] = [];
for (const kind of ['LSTM', 'GRU', 'RNN'] as const) {
  cases.push([`${kind} forward, no bias, Y`, { kind }]);
  cases.push([`${kind} forward, bias, Y_h`, { kind, bias: true, output: 'Y_h' }]);
  cases.push([`${kind} reverse, bias, Y`, { kind, bias: true, direction: 'reverse' }]);
  cases.push([`${kind} bidirectional, bias, Y`, { kind, bias: true, direction: 'bidirectional' }]);
  cases.push([`${kind} bidirectional, Y_h`, { kind, bias: true, direction: 'bidirectional', output: 'Y_h' }]);
  cases.push([
    `${kind} with initial state from ConstantOfShape over the batch`,
    { kind, bias: true, initial: 'shape' },
  ]);
}
cases.push(['LSTM Y_c', { kind: 'LSTM', bias: true, output: 'Y_c' }]);
cases.push([
  'GRU linear_before_reset = 1 (PyTorch), Y',
  { kind: 'GRU', bias: true, attributes: { linear_before_reset: int(1) } },
]);
cases.push([
  'GRU linear_before_reset = 1, reverse, Y_h',
  { kind: 'GRU', bias: true, direction: 'reverse', output: 'Y_h', attributes: { linear_before_reset: int(1) } },
]);
cases.push([
  'GRU linear_before_reset = 1, bidirectional, shape initial state',
  {
    kind: 'GRU',
    bias: true,
    direction: 'bidirectional',
    initial: 'shape',
    attributes: { linear_before_reset: int(1) },
  },
]);
cases.push([
  'RNN with Relu activation',
  { kind: 'RNN', bias: true, attributes: { activations: { kind: 'strings', value: ['Relu'] } } },
]);

describe('LSTM, GRU, RNN against onnxruntime', () => {
  it.each(cases)('%s', async (_name, c) => {
    await expectLikeOnnxruntime(recurrentModel(c), { batch: 3 });
  });

  it.each(['LSTM', 'GRU', 'RNN'] as const)('%s with constant initial states [D, 1, H] (batch 1)', async (kind) => {
    await expectLikeOnnxruntime(recurrentModel({ kind, bias: true, initial: 'const' }), { batch: 1 });
    await expectLikeOnnxruntime(
      recurrentModel({ kind, bias: true, initial: 'const', direction: 'bidirectional', output: 'Y_h' }),
      {
        batch: 1,
      },
    );
  });

  // onnxruntime refuses layout = 1 ("Batchwise recurrent operations are not supported"), so the batch-first graph is
  // checked against onnxruntime's output for the same network written with layout 0 and Transposes.
  it.each(['LSTM', 'GRU', 'RNN'] as const)(
    '%s layout 1 (batch first) equals onnxruntime on the layout-0 graph',
    async (kind) => {
      for (const output of ['Y', 'Y_h'] as const) {
        const reference = buildModel(recurrentModel({ kind, bias: true, initial: 'shape', output }));
        const batchFirst = buildModel(recurrentModel({ kind, bias: true, initial: 'shape', output, batchFirst: true }));
        const data = uniform(3 * T * I, 5);
        const expected = await runOrt(reference, data, [3, T, I]);
        const model = await importOnnx(batchFirst);
        const got = predict(model, data, [3, T, I]);
        expect(got.shape).toEqual(expected.shape);
        expect(relativeError(got.data, expected.data)).toBeLessThan(1e-5);
      }
    },
  );

  it('maps LSTM to a tfjs LSTM layer and PyTorch GRU to OnnxGRU (reset after)', async () => {
    const lstm = await expectLikeOnnxruntime(recurrentModel({ kind: 'LSTM', bias: true }), {
      batch: 2,
      layouts: ['onnx'],
    });
    expect(lstm.layers.map((l) => l.getClassName())).toContain('LSTM');
    const gru = await expectLikeOnnxruntime(
      recurrentModel({ kind: 'GRU', bias: true, attributes: { linear_before_reset: int(1) } }),
      { batch: 2, layouts: ['onnx'] },
    );
    expect(gru.layers.map((l) => l.getClassName())).toContain('OnnxGRU');
    const rnn = await expectLikeOnnxruntime(recurrentModel({ kind: 'RNN' }), { batch: 2, layouts: ['onnx'] });
    expect(rnn.layers.map((l) => l.getClassName())).toContain('SimpleRNN');
  });

  it('uses plain recurrent layers (no returnState) unless the cell state or both Y and Y_h are used', async () => {
    const config = (model: Awaited<ReturnType<typeof importOnnx>>, className: string) =>
      model.layers.find((l) => l.getClassName() === className)!.getConfig();
    const fixture = await importOnnx(loadFixture('lstm').bytes);
    expect(config(fixture, 'LSTM')).toMatchObject({ returnSequences: true, returnState: false });
    const last = await importOnnx(buildModel(recurrentModel({ kind: 'GRU', bias: true, output: 'Y_h' })));
    expect(config(last, 'GRU')).toMatchObject({ returnSequences: false, returnState: false });
    const cell = await importOnnx(buildModel(recurrentModel({ kind: 'LSTM', bias: true, output: 'Y_c' })));
    expect(config(cell, 'LSTM')).toMatchObject({ returnState: true });
  });
});
