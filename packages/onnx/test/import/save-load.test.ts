import { beforeAll, describe, expect, it } from 'vitest';
import { importOnnx } from '../../src/index';
import { FIXTURE_NAMES, loadFixture, predict, setupBackend, tf } from '../helpers';
import { buildModel, float, int, ints, str } from '../onnx-builder';
import { uniform } from '../ort-check';

beforeAll(setupBackend);

/** Saves to memory (model.json topology + weights) and loads back with tf.loadLayersModel. */
async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  // Through JSON text, as a model.json file would be.
  const topology = JSON.parse(JSON.stringify(artifacts!.modelTopology));
  return tf.loadLayersModel(tf.io.fromMemory({ ...artifacts!, modelTopology: topology }));
}

async function expectSameAfterRoundTrip(model: tf.LayersModel, data: Float32Array, shape: number[]): Promise<string[]> {
  const loaded = await roundTrip(model);
  const before = predict(model, data, shape);
  const after = predict(loaded, data, shape);
  expect(after.shape).toEqual(before.shape);
  expect(Array.from(after.data)).toEqual(Array.from(before.data));
  return loaded.layers.map((l) => l.getClassName());
}

describe('imported models save and load bit-identically (custom layers are registered)', () => {
  it.each(FIXTURE_NAMES)('%s', async (name) => {
    const f = loadFixture(name);
    await expectSameAfterRoundTrip(await importOnnx(f.bytes), f.input, f.inputShape);
  });

  it('a graph using every custom Onnx* layer', async () => {
    const i64 = (n: string, v: number[], dims = [v.length]) => ({ name: n, dims, data: v, int64: true });
    const bytes = buildModel({
      inputs: [{ name: 'input', shape: ['N', 4, 6, 6] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { name: 'w', dims: [4, 2, 3, 3], data: uniform(72, 1) },
        { name: 'scale', dims: [4, 1, 1], data: uniform(4, 2) },
        i64('pads', [0, 0, 1, 1, 0, 0, 1, 1]),
        i64('k', [1], []),
        { name: 'fc', dims: [4, 3], data: uniform(12, 3) },
      ],
      nodes: [
        { op: 'Pad', inputs: ['input', 'pads'], outputs: ['p'], attributes: { mode: str('reflect') } }, // OnnxPad
        { op: 'Conv', inputs: ['p', 'w'], outputs: ['c'], attributes: { group: int(2) } }, // OnnxSlice ×2
        {
          op: 'AveragePool',
          inputs: ['c'],
          outputs: ['a'],
          attributes: { kernel_shape: ints([3, 3]), strides: ints([2, 2]), ceil_mode: int(1) },
        }, // OnnxPool
        { op: 'Mul', inputs: ['a', 'scale'], outputs: ['m'] }, // OnnxConstantOp
        { op: 'Clip', inputs: ['m'], outputs: ['cl'], attributes: {} },
        { op: 'LeakyRelu', inputs: ['cl'], outputs: ['lr'], attributes: { alpha: float(0.1) } },
        { op: 'ReduceMean', inputs: ['lr'], outputs: ['g'], attributes: { axes: ints([2, 3]) } }, // OnnxReduce
        { op: 'Sub', inputs: ['lr', 'g'], outputs: ['d'] }, // OnnxBinary
        { op: 'Gather', inputs: ['d', 'k'], outputs: ['row'], attributes: { axis: int(2) } }, // OnnxGather
        { op: 'LogSoftmax', inputs: ['row'], outputs: ['ls'], attributes: { axis: int(1) } }, // OnnxSoftmax
        { op: 'ReduceMax', inputs: ['ls'], outputs: ['rm'], attributes: { axes: ints([2]), keepdims: int(0) } },
        { op: 'MatMul', inputs: ['rm', 'fc'], outputs: ['output'] },
      ],
    });
    const model = await importOnnx(bytes);
    const classes = await expectSameAfterRoundTrip(model, uniform(2 * 4 * 36, 9), [2, 4, 6, 6]);
    for (const c of [
      'OnnxPad',
      'OnnxSlice',
      'OnnxPool',
      'OnnxConstantOp',
      'OnnxReduce',
      'OnnxBinary',
      'OnnxGather',
      'OnnxSoftmax',
    ])
      expect(classes).toContain(c);
  });

  it('a PyTorch-style GRU (OnnxGRU) with a non-zero initial state (OnnxBroadcastConstant) and a clip (OnnxClip)', async () => {
    const H = 3;
    const bytes = buildModel({
      inputs: [{ name: 'input', shape: ['N', 4, 2] }],
      outputs: [{ name: 'output' }],
      initializers: [
        { name: 'W', dims: [1, 3 * H, 2], data: uniform(6 * H, 1) },
        { name: 'R', dims: [1, 3 * H, H], data: uniform(9 * H, 2) },
        { name: 'B', dims: [1, 6 * H], data: uniform(6 * H, 3) },
        { name: 'h0', dims: [1, 1, H], data: uniform(H, 4) },
        { name: 'lo', dims: [], data: Float32Array.of(-0.2) },
      ],
      nodes: [
        { op: 'Transpose', inputs: ['input'], outputs: ['x'], attributes: { perm: ints([1, 0, 2]) } },
        {
          op: 'GRU',
          inputs: ['x', 'W', 'R', 'B', '', 'h0'],
          outputs: ['', 'h'],
          attributes: { hidden_size: int(H), linear_before_reset: int(1) },
        },
        { op: 'Squeeze', inputs: ['h'], outputs: ['s'] },
        { op: 'Clip', inputs: ['s', 'lo'], outputs: ['output'] },
      ],
    });
    const model = await importOnnx(bytes);
    const classes = await expectSameAfterRoundTrip(model, uniform(8, 5), [1, 4, 2]);
    for (const c of ['OnnxGRU', 'OnnxBroadcastConstant', 'OnnxClip']) expect(classes).toContain(c);
  });
});
