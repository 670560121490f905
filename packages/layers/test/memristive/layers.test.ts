import { InvalidParameterError } from '@memsim/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MemristiveConv1D,
  MemristiveConv2D,
  MemristiveConv3D,
  MemristiveDense,
  MemristiveDepthwiseConv2D,
  MemristiveGRU,
  MemristiveLSTM,
  MemristiveSimpleRNN,
  patchModel,
} from '../../src/index';
import type { EngineFactory, MemristiveLayer } from '../../src/index';
import { MODEL_CASES, referenceOutput, seedWeights } from '../fixtures';
import { matmul64, randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

/** An exact digital engine (float64 x·W): isolates the layer plumbing (unfold, scatter, bias, activation). */
const digital: EngineFactory =
  ({ weights }) =>
  (x, batch) =>
    Float32Array.from(matmul64(x, weights.data, batch, weights.rows, weights.cols));

describe('memristive layers with an injected engine', () => {
  it.each(MODEL_CASES)('$name: memristive forward = tf forward; legacy = tf forward', async (c) => {
    const original = seedWeights(c.build(), 3);
    const x = tf.tensor(randomUniform(2 * c.input.reduce((a, b) => a * b, 1), 4), [2, ...c.input]);
    const expected = referenceOutput(c, original, x);
    const patched = await patchModel(original, { engine: digital });
    expect(patched.layers.length).toBeGreaterThan(0);
    const got = patched.predict(x) as tf.Tensor;
    expect(got.shape).toEqual(expected.shape);
    expect(relativeError(got.dataSync(), expected.dataSync())).toBeLessThan(1e-5);
    patched.setLegacy(true);
    const legacy = patched.predict(x) as tf.Tensor;
    // Legacy runs the same (fused) tfjs ops as the original layer; XNNPACK may round the last bit differently.
    expect(relativeError(legacy.dataSync(), expected.dataSync())).toBeLessThan(1e-6);
    tf.dispose([x, expected, got, legacy]);
  });

  it('the engine sees the unfolded rows and its output is used (a scaled engine scales the pre-bias output)', async () => {
    const original = seedWeights(
      tf.sequential({ layers: [tf.layers.dense({ units: 3, useBias: false, inputShape: [4] })] }),
      5,
    );
    const doubled: EngineFactory = (request) => {
      const base = digital(request);
      return (x, batch) => base(x, batch).map((v) => 2 * v);
    };
    const patched = await patchModel(original, { engine: doubled });
    const x = tf.tensor(randomUniform(8, 6), [2, 4]);
    const got = (patched.predict(x) as tf.Tensor).dataSync();
    const ref = (original.predict(x) as tf.Tensor).dataSync();
    expect(
      relativeError(
        got,
        ref.map((v) => 2 * v),
      ),
    ).toBeLessThan(1e-6);
  });
});

describe('getConfig / fromConfig round trip', () => {
  const layers: [string, () => MemristiveLayer, number[]][] = [
    ['MemristiveDense', () => new MemristiveDense({ units: 3, activation: 'relu', useBias: false, name: 'd' }), [2, 4]],
    [
      'MemristiveConv1D',
      () => new MemristiveConv1D({ filters: 2, kernelSize: 3, padding: 'causal', dilationRate: 2, name: 'c1' }),
      [1, 6, 2],
    ],
    [
      'MemristiveConv2D',
      () =>
        new MemristiveConv2D({
          filters: 4,
          kernelSize: [3, 2],
          strides: [2, 1],
          groups: 2,
          padding: 'same',
          name: 'c2',
        }),
      [1, 5, 5, 4],
    ],
    [
      'MemristiveConv3D',
      () => new MemristiveConv3D({ filters: 2, kernelSize: 2, activation: 'tanh', name: 'c3' }),
      [1, 3, 3, 3, 1],
    ],
    [
      'MemristiveDepthwiseConv2D',
      () => new MemristiveDepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, name: 'dw' }),
      [1, 4, 4, 2],
    ],
    [
      'MemristiveSimpleRNN',
      () => new MemristiveSimpleRNN({ units: 3, returnSequences: true, goBackwards: true, name: 'r' }),
      [2, 4, 3],
    ],
    [
      'MemristiveLSTM',
      () => new MemristiveLSTM({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true, name: 'l' }),
      [2, 4, 3],
    ],
    [
      'MemristiveGRU',
      () => new MemristiveGRU({ units: 2, resetAfter: true, goBackwards: true, activation: 'relu', name: 'g' }),
      [2, 5, 3],
    ],
  ];
  it.each(layers)('%s', (className, make, shape) => {
    const layer = make();
    const config = layer.getConfig();
    const cls = tf.serialization.SerializationMap.getMap().classNameMap[className]![0] as unknown as {
      fromConfig: (cls: unknown, config: unknown) => MemristiveLayer;
    };
    const copy = cls.fromConfig(cls, config);
    expect(copy.getConfig()).toEqual(config);
    expect(copy.getClassName()).toBe(className);
    const x = tf.ones(shape);
    expect((copy.apply(x) as tf.Tensor).shape).toEqual((layer.apply(x) as tf.Tensor).shape);
    expect(layer.computeOutputShape(shape)).toEqual((layer.apply(x) as tf.Tensor).shape);
  });
});

describe('layer constructor bad input', () => {
  const bad = [-1, 0, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}];
  it.each(bad.map((v) => [v]))('MemristiveDense units = %s', (units) => {
    expect(() => new MemristiveDense({ units: units as never })).toThrow(InvalidParameterError);
    expect(() => new MemristiveDense({ units: units as never })).toThrow(/MemristiveDense.*units/);
  });
  it.each(bad.map((v) => [v]))('MemristiveConv2D filters = %s', (filters) => {
    expect(() => new MemristiveConv2D({ filters: filters as never, kernelSize: 3 })).toThrow(
      /MemristiveConv2D.*filters/,
    );
  });
  it.each([0, 1.5, Number.NaN, '3', [3], [3, 0], [3, 3, 3]].map((v) => [v]))(
    'MemristiveConv2D kernelSize = %j',
    (kernelSize) => {
      expect(() => new MemristiveConv2D({ filters: 2, kernelSize: kernelSize as never })).toThrow(
        InvalidParameterError,
      );
    },
  );
  it('rejects unknown options, activations, causal 2-D padding, channelsFirst and indivisible groups', () => {
    expect(() => new MemristiveDense({ units: 2, unitz: 3 } as never)).toThrow(
      /unknown key `unitz`; did you mean `units`/,
    );
    expect(() => new MemristiveDense({ units: 2, activation: 'relux' })).toThrow(/activation/);
    expect(() => new MemristiveConv2D({ filters: 2, kernelSize: 3, padding: 'causal' })).toThrow(/padding/);
    expect(() => new MemristiveConv2D({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' as never })).toThrow(
      /dataFormat/,
    );
    expect(() => new MemristiveConv2D({ filters: 3, kernelSize: 3, groups: 2 })).toThrow(/filters/);
    expect(() => new MemristiveSimpleRNN({ units: 2, returnSequences: 'yes' as never })).toThrow(/returnSequences/);
  });
});
