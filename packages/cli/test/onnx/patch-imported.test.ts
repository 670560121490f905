import { VTEAM } from '@memsim/devices';
import { loadChip, patchModel, saveChip } from '@memsim/layers';
import type { ChipArtifact } from '@memsim/layers';
import { importOnnx, OnnxGRU } from '@memsim/onnx';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../../src/tf/backend';
import { initBackend } from '@memsim/layers';
import { FIXTURES, fixture } from './fixtures';

beforeAll(async () => {
  await initBackend();
});

/** Max |a − b| / max |b|. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i]! - b[i]!));
    den = Math.max(den, Math.abs(b[i]!));
  }
  return num / den;
}

const CLASSES: Record<string, string[]> = {
  lstm: ['MemristiveLSTM', 'MemristiveDense'],
  'resnet20-cifar': [...Array(21).fill('MemristiveConv2D'), 'MemristiveDense'],
  'vgg16-cifar-quarter': [...Array(13).fill('MemristiveConv2D'), 'MemristiveDense', 'MemristiveDense'],
};

describe('patchModel on imported PyTorch networks (ONNX fixtures)', () => {
  it.each(FIXTURES)(
    "%s: every conv/linear/LSTM on crossbars; 'ideal' mode = digital within 1e-4; tiled + 8-bit ADC runs; save → load bit-identical",
    async (name) => {
      const f = fixture(name);
      const model = await importOnnx(f.bytes);
      const x = tf.tensor(f.input, f.inputShape);
      const digital = (model.predict(x) as tf.Tensor).dataSync();
      // the import itself is right (the precondition of everything below)
      expect(relativeError(digital, f.expected)).toBeLessThan(1e-5);

      const ideal = await patchModel(model, { model: VTEAM });
      expect(ideal.layers.map((l) => l.getClassName())).toEqual(CLASSES[name]);
      ideal.tune();
      expect(relativeError((ideal.predict(x) as tf.Tensor).dataSync(), digital)).toBeLessThan(1e-4);
      ideal.dispose();

      const tiled = await patchModel(model, {
        model: VTEAM,
        tileShape: [64, 64],
        adc: { bits: 8 },
        maxInputVoltage: 1,
      });
      expect(tiled.settings.engine.mode).toBe('tiled');
      tiled.tune();
      const y = (tiled.predict(x) as tf.Tensor).dataSync();
      expect(y.every(Number.isFinite)).toBe(true);
      const error = relativeError(y, digital);
      expect(error).toBeGreaterThan(1e-6); // the 8-bit ADC is felt …
      expect(error).toBeLessThan(0.5); // … but does not wreck the network

      tiled.applyNonidealities([
        { kind: 'deviceFaults', lrsProportion: 0.01, hrsProportion: 0.01, electroformProportion: 0, seed: 3 },
      ]);
      const before = Array.from((tiled.predict(x) as tf.Tensor).dataSync());
      const { weightData, ...rest } = await saveChip(tiled);
      const copy = await loadChip({
        ...(JSON.parse(JSON.stringify(rest)) as Omit<ChipArtifact, 'weightData'>),
        weightData,
      });
      expect(Array.from((copy.predict(x) as tf.Tensor).dataSync())).toEqual(before);
      tiled.dispose();
      copy.dispose();
    },
    120_000,
  );

  it("PyTorch's GRU (OnnxGRU, reset after) becomes a MemristiveGRU: 'ideal' = digital within 1e-4, save → load bit-identical", async () => {
    const input = tf.input({ shape: [6, 5] });
    const gru = new OnnxGRU({ units: 4, returnSequences: true, returnState: true, name: 'gru' });
    const [sequence, state] = gru.apply(input) as tf.SymbolicTensor[];
    const model = tf.model({ inputs: input, outputs: [sequence!, state!] });
    let seed = 1;
    gru.setWeights(gru.getWeights().map((w) => tf.randomNormal(w.shape, 0, 0.4, 'float32', seed++)));
    const x = tf.randomUniform([3, 6, 5], -1, 1, 'float32', 9);
    const digital = (model.predict(x) as tf.Tensor[]).map((t) => t.dataSync());
    const patched = await patchModel(model, { model: VTEAM, layers: ['GRU'] });
    expect(patched.layers.map((l) => [l.getClassName(), (l as unknown as { resetAfter: boolean }).resetAfter])).toEqual(
      [['MemristiveGRU', true]],
    );
    patched.tune();
    const got = patched.predict(x) as tf.Tensor[];
    for (const [i, d] of digital.entries()) expect(relativeError(got[i]!.dataSync(), d)).toBeLessThan(1e-4);
    const { weightData, ...rest } = await saveChip(patched);
    const copy = await loadChip({ ...JSON.parse(JSON.stringify(rest)), weightData });
    const again = copy.predict(x) as tf.Tensor[];
    for (const [i, t] of got.entries()) expect(Array.from(again[i]!.dataSync())).toEqual(Array.from(t.dataSync()));
  });
});
