import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { InvalidParameterError } from '@memsim/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFromDirectory } from '../../src/node/index';
import { randomUniform, setupBackend } from '../helpers';

const root = mkdtempSync(join(tmpdir(), 'memsim-load-model-'));
let model: tf.LayersModel;
let artifacts: tf.io.ModelArtifacts;
const x = () => tf.tensor2d(randomUniform(4 * 6, 3), [4, 6]);

beforeAll(async () => {
  await setupBackend();
  model = tf.sequential({
    layers: [tf.layers.dense({ units: 5, inputShape: [6], activation: 'relu' }), tf.layers.dense({ units: 3 })],
  });
  // Deterministic weights (the tfjs initialisers are not seeded by memsim).
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(randomUniform(w.size, 10 + i), w.shape)));
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
});
afterAll(() => model.dispose());

/** Writes `model.json` with the given manifest groups, each a list of [weight names, shard count]. */
function writeSharded(dir: string, layout: { weights: number[]; shards: number }[]): void {
  mkdirSync(dir, { recursive: true });
  const specs = artifacts.weightSpecs!;
  const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData!));
  const offsets: number[] = [0];
  for (const s of specs) offsets.push(offsets.at(-1)! + s.shape.reduce((a, b) => a * b, 1) * 4);
  const manifest = layout.map((group, g) => {
    // The groups take consecutive weights, as the converter writes them.
    const first = group.weights[0]!;
    const last = group.weights.at(-1)!;
    const bytes = data.subarray(offsets[first], offsets[last + 1]);
    const step = Math.ceil(bytes.length / group.shards);
    const paths: string[] = [];
    for (let k = 0; k < group.shards; k++) {
      const name = `group${g + 1}-shard${k + 1}of${group.shards}.bin`;
      writeFileSync(join(dir, name), bytes.subarray(k * step, Math.min(bytes.length, (k + 1) * step)));
      paths.push(name);
    }
    return { paths, weights: group.weights.map((i) => specs[i]!) };
  });
  writeFileSync(
    join(dir, 'model.json'),
    JSON.stringify({ modelTopology: artifacts.modelTopology, weightsManifest: manifest }),
  );
}

describe('loadModelFromDirectory', () => {
  it.each([
    ['one group, one file', [{ weights: [0, 1, 2, 3], shards: 1 }]],
    ['one group in three shards (split inside weights)', [{ weights: [0, 1, 2, 3], shards: 3 }]],
    [
      'several groups of several shards',
      [
        { weights: [0, 1], shards: 3 },
        { weights: [2, 3], shards: 2 },
      ],
    ],
  ])('loads %s with outputs equal to the saved model', async (name, layout) => {
    const dir = join(root, name.replace(/\W+/g, '-'));
    writeSharded(dir, layout);
    const loaded = await loadModelFromDirectory(dir);
    const input = x();
    const expected = (model.predict(input) as tf.Tensor).dataSync();
    const got = (loaded.predict(input) as tf.Tensor).dataSync();
    expect(Array.from(got)).toEqual(Array.from(expected));
    const weights = loaded.getWeights();
    for (const [i, w] of model.getWeights().entries())
      expect(Array.from(weights[i]!.dataSync())).toEqual(Array.from(w.dataSync()));
    loaded.dispose();
    input.dispose();
  });

  it.each([['../outside.bin'], ['/etc/passwd'], ['sub/../../outside.bin']])(
    'refuses the weight path %s that leaves the folder',
    async (path) => {
      const dir = join(root, `escape-${path.replace(/\W+/g, '-')}`);
      writeSharded(dir, [{ weights: [0, 1, 2, 3], shards: 1 }]);
      writeFileSync(join(root, 'outside.bin'), new Uint8Array(16));
      writeFileSync(
        join(dir, 'model.json'),
        JSON.stringify({
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: [path], weights: artifacts.weightSpecs }],
        }),
      );
      await expect(loadModelFromDirectory(dir)).rejects.toThrow(InvalidParameterError);
      await expect(loadModelFromDirectory(dir)).rejects.toThrow(/inside the model folder/);
    },
  );

  it('refuses a weight file that is a symbolic link leading out of the folder', async () => {
    const dir = join(root, 'escape-symlink');
    writeSharded(dir, [{ weights: [0, 1, 2, 3], shards: 1 }]);
    writeFileSync(join(root, 'outside.bin'), new Uint8Array(16));
    symlinkSync(join(root, 'outside.bin'), join(dir, 'link.bin'));
    writeFileSync(
      join(dir, 'model.json'),
      JSON.stringify({
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['link.bin'], weights: artifacts.weightSpecs }],
      }),
    );
    await expect(loadModelFromDirectory(dir)).rejects.toThrow(/a link that leads out of it/);
  });

  it('names a missing shard, a short shard and a missing model.json', async () => {
    const dir = join(root, 'missing');
    writeSharded(dir, [{ weights: [0, 1, 2, 3], shards: 3 }]);
    writeFileSync(join(dir, 'group1-shard3of3.bin'), new Uint8Array(4));
    await expect(loadModelFromDirectory(dir)).rejects.toThrow(/weightsManifest\[0\].*bytes/);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'group1-shard2of3.bin'));
    await expect(loadModelFromDirectory(dir)).rejects.toThrow(/group1-shard2of3\.bin/);
    await expect(loadModelFromDirectory(join(root, 'nothing-here'))).rejects.toThrow(/readable model\.json/);
    await expect(loadModelFromDirectory('' as never)).rejects.toThrow(InvalidParameterError);
  });
});
