import { beforeAll, describe, expect, it } from 'vitest';
import { importOnnx, inspectOnnx } from '../../src/index';
import { FIXTURE_NAMES, loadFixture, predict, relativeError, setupBackend, toChannelsLast } from '../helpers';

beforeAll(setupBackend);

describe.each(FIXTURE_NAMES)('PyTorch fixture %s', (name) => {
  const fixture = loadFixture(name);

  it('imports with inputs in the ONNX layout and reproduces onnxruntime within 1e-5 × max|output|', async () => {
    const model = await importOnnx(fixture.bytes);
    const y = predict(model, fixture.input, fixture.inputShape);
    expect(y.shape).toEqual(fixture.outputShape);
    const error = relativeError(y.data, fixture.expected);
    expect(error, `relative error ${error}`).toBeLessThan(1e-5);
  });

  it('imports with inputs in NHWC and reproduces onnxruntime within 1e-5 × max|output|', async () => {
    const model = await importOnnx(fixture.bytes, { inputLayout: 'nhwc' });
    const x = toChannelsLast(fixture.input, fixture.inputShape);
    const y = predict(model, x.data, x.shape);
    expect(y.shape).toEqual(fixture.outputShape);
    const error = relativeError(y.data, fixture.expected);
    expect(error, `relative error ${error}`).toBeLessThan(1e-5);
  });

  it('is summarised by inspectOnnx (ops, parameters, opset as recorded at export)', async () => {
    const summary = inspectOnnx(fixture.bytes);
    expect(summary.opset).toBe(fixture.meta.opset);
    if (name === 'resnet20-cifar' || name === 'vgg16-cifar-quarter') {
      // PyTorch counted the BatchNorm γ, β that the export folded into the convolutions; the file holds the rest,
      // which is exactly what the imported model (conv + dense kernels and biases) holds.
      const model = await importOnnx(fixture.bytes);
      expect(summary.parameters).toBeLessThan(fixture.meta.parameters);
      expect(summary.parameters).toBe(model.countParams());
    } else expect(summary.parameters).toBe(fixture.meta.parameters);
    expect(summary.ops.map((o) => o.opType)).toEqual(fixture.meta.ops);
    expect(summary.unsupportedOps).toEqual([]);
    expect(summary.inputs.map((i) => i.name)).toEqual(['input']);
    expect(summary.inputs[0]!.shape).toEqual(['batch', ...fixture.inputShape.slice(1)]);
  });
});
