import { VTEAM } from '@memsim/devices';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChip, MemristiveConvBase, patchModel, saveChip } from '../../src/index';
import type { EngineFactory, MemristiveModel, ReadoutConfig } from '../../src/index';
import { matmul64, randomUniform, relativeError, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

/** Seeded weights; batch norms get statistics far from the identity (mean ±0.5, variance 0.5…2, γ, β ≠ 1, 0). */
function seeded(model: tf.LayersModel): tf.LayersModel {
  let seed = 11;
  for (const layer of model.layers) {
    const bn = layer.getClassName() === 'BatchNormalization';
    layer.setWeights(
      layer
        .getWeights()
        .map((w, i) =>
          bn
            ? tf.randomUniform(w.shape, i === 3 ? 0.5 : -0.5, i === 3 ? 2 : 0.5, 'float32', seed++).add(i === 0 ? 1 : 0)
            : tf.randomNormal(w.shape, 0, 0.2, 'float32', seed++),
        ),
    );
  }
  return model;
}

/** conv (bias, linear) → BN → ReLU: the tutorial VGG's block, as the whole model (no later layer re-quantises). */
function block(options: { depthwise?: boolean; maxValue?: number } = {}): tf.LayersModel {
  const conv = options.depthwise
    ? tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same', inputShape: [10, 10, 6] })
    : tf.layers.conv2d({ filters: 12, kernelSize: 3, padding: 'same', inputShape: [10, 10, 6] });
  return seeded(
    tf.sequential({
      layers: [
        conv,
        tf.layers.batchNormalization(),
        options.maxValue === undefined ? tf.layers.reLU() : tf.layers.reLU({ maxValue: options.maxValue }),
      ],
    }),
  );
}

const x = tf.tensor(randomUniform(3 * 10 * 10 * 6, 5, 0, 1), [3, 10, 10, 6]);

function convs(patched: MemristiveModel): MemristiveConvBase[] {
  return patched.layers.filter((l): l is MemristiveConvBase => l instanceof MemristiveConvBase);
}

function run(patched: MemristiveModel): Float32Array {
  const y = patched.predict(x) as tf.Tensor;
  const d = y.dataSync() as Float32Array;
  y.dispose();
  return d;
}

/** The same model with every fold removed for one forward: tfjs's own BatchNormalization and ReLU. */
function unfolded(patched: MemristiveModel): Float32Array {
  const folds = convs(patched).map((c) => c.normalizationFold);
  for (const c of convs(patched)) c.setNormalizationFold(null);
  try {
    return run(patched);
  } finally {
    for (const [i, c] of convs(patched).entries()) c.setNormalizationFold(folds[i]!);
  }
}

const READOUTS: [string, ReadoutConfig][] = [
  ['ideal', { mode: 'ideal', adc: undefined, tileShape: undefined }],
  ['tiled 32×8 + 8-bit ADC', { mode: 'tiled', tileShape: [32, 8], adc: { bits: 8 } }],
  [
    'passive 32×8 tiles + 8-bit ADC',
    { mode: 'passive', tileShape: [32, 8], adc: { bits: 8 }, sourceResistance: 1, lineResistance: 1 },
  ],
];

async function patched(model = block(), readout: ReadoutConfig = READOUTS[1]![1]): Promise<MemristiveModel> {
  return patchModel(model, {
    device: { model: VTEAM },
    mapping: { tileShape: [32, 8] },
    readout: { maxInputVoltage: 1, ...readout },
    threads: 1,
  });
}

describe('conv → BatchNormalization → ReLU folded into the conv epilogue', () => {
  it('links the chain; the BN and ReLU then pass the conv output through', async () => {
    const p = await patched();
    const [conv] = convs(p);
    expect(conv!.normalizationFold?.normalization).toBe(p.model.layers[1]);
    expect(conv!.normalizationFold?.relu).toBe(p.model.layers[2]);
    // No tfjs normalisation, ReLU or bias add runs in the folded forward; all of them without the fold.
    const kernels = async (f: () => unknown) =>
      (
        await tf.profile(() => {
          f();
        })
      ).kernels.map((k) => k.name);
    const glue = ['FusedBatchNorm', 'Relu', 'Add', 'BiasAdd'];
    expect((await kernels(() => run(p))).filter((k) => glue.includes(k))).toEqual([]);
    const plain = await kernels(() => unfolded(p));
    expect(plain).toContain('FusedBatchNorm');
    expect(plain).toContain('Relu');
  });

  it('the passed-through tensors share the conv output (no copy kernel) and a forward leaks no tensor', async () => {
    const p = await patched();
    run(p);
    const identities = async (f: () => unknown) =>
      (
        await tf.profile(() => {
          f();
        })
      ).kernels.filter((k) => k.name === 'Identity').length;
    // tfjs's predict copies its output once (the plain model shows it); the fold adds no copy of its own.
    const model = block();
    const plain = await identities(() => (model.predict(x) as tf.Tensor).dispose());
    expect(plain).toBe(1);
    expect(await identities(() => run(p))).toBe(plain);
    const before = tf.memory();
    for (let i = 0; i < 3; i++) run(p);
    const after = tf.memory();
    expect([after.numTensors, after.numBytes]).toEqual([before.numTensors, before.numBytes]);
  });

  it.each(READOUTS)(
    '%s (switched by setReadout): equal to the unfolded forward within float32 rounding',
    async (_, r) => {
      const p = await patched();
      p.setReadout(r);
      const folded = run(p);
      expect(relativeError(folded, unfolded(p))).toBeLessThan(1e-5);
      // Calibrated (tune): the calibration becomes the epilogue's pre stage.
      p.tune({ perColumn: true });
      expect(relativeError(run(p), unfolded(p))).toBeLessThan(1e-5);
      expect(folded.some((v) => v > 0) && folded.some((v) => v === 0)).toBe(true); // the ReLU did clamp
    },
  );

  it.each(READOUTS)('%s: threads 1, 2 and 3 bit-identical with the fold', async (_, r) => {
    const p = await patched();
    const outs = [1, 2, 3].map((threads) => {
      p.setReadout({ ...r, threads });
      return Array.from(run(p));
    });
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
  });

  it('depthwise conv (a crossbar set per channel): equal to the unfolded forward', async () => {
    const p = await patched(block({ depthwise: true }), READOUTS[0]![1]);
    expect(convs(p)[0]!.normalizationFold).not.toBeNull();
    expect(relativeError(run(p), unfolded(p))).toBeLessThan(1e-5);
  });

  it('an exact digital engine (no conv fast path: the epilogue runs after the engine) equals tfjs conv → BN → ReLU', async () => {
    const exact: EngineFactory =
      ({ weights }) =>
      (v, batch) =>
        Float32Array.from(matmul64(v, weights.data, batch, weights.rows, weights.cols));
    const model = block();
    const p = await patchModel(model, { engine: exact });
    expect(convs(p)[0]!.normalizationFold).not.toBeNull();
    const y = run(p);
    expect(relativeError(y, (model.predict(x) as tf.Tensor).dataSync())).toBeLessThan(1e-5);
    expect(relativeError(y, unfolded(p))).toBeLessThan(1e-5);
  });

  it('legacy (digital) mode does not fold: bit-identical to the original tfjs model', async () => {
    const model = block();
    const p = await patched(model);
    p.setLegacy(true);
    expect(Array.from(run(p))).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });

  it('a ReLU with maxValue is not folded (BN only); the BN of a direct call still normalises', async () => {
    const p = await patched(block({ maxValue: 0.5 }), READOUTS[0]![1]);
    const fold = convs(p)[0]!.normalizationFold!;
    expect(fold.relu).toBeNull();
    const y = run(p);
    expect(Math.max(...y)).toBeLessThanOrEqual(0.5);
    expect(relativeError(y, unfolded(p))).toBeLessThan(1e-5);
    // A tensor the conv did not produce goes through tfjs's BatchNormalization.
    const t = tf.ones([1, 2, 2, 12]);
    const direct = (fold.normalization.apply(t) as tf.Tensor).dataSync();
    const [gamma, beta, mean, variance] = fold.normalization.getWeights().map((w) => w.dataSync());
    expect(direct[0]).toBeCloseTo(((1 - mean![0]!) / Math.sqrt(variance![0]! + 1e-3)) * gamma![0]! + beta![0]!, 5);
  });

  it('does not fold when the conv output has another consumer, is a model output, or the conv has an activation', async () => {
    const input = tf.input({ shape: [10, 10, 6] });
    const c = tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same' }).apply(input) as tf.SymbolicTensor;
    const b = tf.layers.reLU().apply(tf.layers.batchNormalization().apply(c)) as tf.SymbolicTensor;
    const residual = tf.layers.add().apply([b, c]) as tf.SymbolicTensor;
    const twoOutputs = tf.layers.conv2d({ filters: 6, kernelSize: 1 }).apply(input) as tf.SymbolicTensor;
    const bn2 = tf.layers.batchNormalization().apply(twoOutputs) as tf.SymbolicTensor;
    const relu = tf.layers.conv2d({ filters: 6, kernelSize: 1, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
    const bn3 = tf.layers.batchNormalization().apply(relu) as tf.SymbolicTensor;
    const model = seeded(tf.model({ inputs: input, outputs: [residual, twoOutputs, bn2, bn3] }));
    const p = await patched(model, READOUTS[0]![1]);
    expect(convs(p).map((l) => l.normalizationFold)).toEqual([null, null, null]);
    const outs = p.predict(x) as tf.Tensor[];
    p.setLegacy(true);
    const digital = p.predict(x) as tf.Tensor[];
    // Unfolded: the ideal read-out is the digital network up to the device mapping (a loose bound, not rounding).
    for (const [i, o] of outs.entries()) expect(relativeError(o.dataSync(), digital[i]!.dataSync())).toBeLessThan(0.05);
  });

  it('a BN whose output goes to two layers folds without its ReLU', async () => {
    const input = tf.input({ shape: [10, 10, 6] });
    const bn = tf.layers
      .batchNormalization()
      .apply(tf.layers.conv2d({ filters: 6, kernelSize: 3, padding: 'same' }).apply(input)) as tf.SymbolicTensor;
    const out = tf.layers.add().apply([tf.layers.reLU().apply(bn) as tf.SymbolicTensor, bn]) as tf.SymbolicTensor;
    const p = await patched(seeded(tf.model({ inputs: input, outputs: out })), READOUTS[0]![1]);
    expect(convs(p)[0]!.normalizationFold?.relu).toBeNull();
    expect(relativeError(run(p), unfolded(p))).toBeLessThan(1e-5);
  });

  it('fit trains the BN with batch statistics (no fold while training); inference then folds the new statistics', async () => {
    const p = await patched(block(), READOUTS[0]![1]);
    const bn = p.model.layers[1]!;
    const before = bn.getWeights().map((w) => Array.from(w.dataSync()));
    p.model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const target = tf.onesLike(p.model.predict(x) as tf.Tensor);
    const history = await p.model.fit(x, target, { epochs: 2, batchSize: 3, verbose: 0 });
    expect(history.history.loss!.every((l) => Number.isFinite(l as number))).toBe(true);
    const after = bn.getWeights().map((w) => Array.from(w.dataSync()));
    // γ, β (trained) and the moving mean and variance (batch statistics) all moved.
    for (const [i, w] of after.entries()) expect(w).not.toEqual(before[i]);
    expect(relativeError(run(p), unfolded(p))).toBeLessThan(1e-5);
  });

  it('saveChip / loadChip: the loaded model folds again and gives the same bits', async () => {
    const p = await patched();
    p.tune();
    const y = run(p);
    const copy = await loadChip(await saveChip(p));
    expect(convs(copy)[0]!.normalizationFold).not.toBeNull();
    expect(Array.from(run(copy))).toEqual(Array.from(y));
  });
});
