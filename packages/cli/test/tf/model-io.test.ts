import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../../src/index';
import { initBackend } from '@memsim/layers';
import { shippedModelDirectory } from '../../src/model/shipped';

/** The shipped MLP rewritten as the converter writes large models: its weights in `group1-shardNof3.bin` files. */
function shardedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'memsim-sharded-'));
  const json = JSON.parse(readFileSync(join(shippedModelDirectory('mlp'), 'model.json'), 'utf8'));
  const weights = readFileSync(join(shippedModelDirectory('mlp'), 'weights.bin'));
  const step = Math.ceil(weights.length / 3);
  const paths = [1, 2, 3].map((k) => `group1-shard${k}of3.bin`);
  mkdirSync(dir, { recursive: true });
  for (const [k, p] of paths.entries()) writeFileSync(join(dir, p), weights.subarray(k * step, (k + 1) * step));
  json.weightsManifest = [{ paths, weights: json.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights) }];
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  return dir;
}

describe('loadModel (CLI model folders)', () => {
  it('reads every weight shard: a sharded copy equals the shipped single-file model', async () => {
    await initBackend();
    const whole = await loadModel(shippedModelDirectory('mlp'));
    const sharded = await loadModel(shardedCopy());
    const a = whole.getWeights();
    const b = sharded.getWeights();
    expect(b.length).toBe(a.length);
    for (const [i, w] of a.entries())
      expect(Buffer.from(b[i]!.dataSync().buffer).equals(Buffer.from(w.dataSync().buffer))).toBe(true);
  });

  it('refuses a weight path leaving the folder', async () => {
    const dir = shardedCopy();
    cpSync(join(dir, 'group1-shard1of3.bin'), join(dir, '..', 'memsim-outside.bin'));
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths[0] = '../memsim-outside.bin';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    await expect(loadModel(dir)).rejects.toThrow(InvalidParameterError);
  });
});
