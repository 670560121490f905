import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FASHION_MNIST_DIR, loadDataset, loadModel } from '../../src/index';
import { runCli, tempDir } from '../helpers';

function idx(dims: number[], bytes: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, 8, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  return new Uint8Array([...header, ...bytes]);
}

describe('your own data (--data)', () => {
  const mnist = loadDataset({ split: 'test', limit: 200 });
  const pixels = Uint8Array.from(mnist.x, (v) => Math.round(v * 255));

  it('runs an experiment on a directory of IDX files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 't10k-images-idx3-ubyte'), idx([200, 28, 28], pixels));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idx([200], Uint8Array.from(mnist.y)));
    const r = await runCli([
      'experiment',
      'tutorial',
      '--arch',
      'mlp',
      '--data',
      dir,
      '--out',
      join(dir, 'out'),
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.dataset).toBe(dir);
    expect(json.samples).toBe(200);
    expect(json.digitalAccuracy).toBeGreaterThan(0.9);
  });

  it('runs an experiment on a CSV (label column + 784 pixels)', async () => {
    const dir = tempDir();
    const lines = [['label', ...Array.from({ length: 784 }, (_, i) => `p${i}`)].join(',')];
    for (let i = 0; i < 100; i++) lines.push([mnist.y[i], ...pixels.subarray(i * 784, (i + 1) * 784)].join(','));
    const csv = join(dir, 'digits.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const r = await runCli([
      'experiment',
      'finite-states',
      '--arch',
      'cnn',
      '--data',
      csv,
      '--out',
      join(dir, 'out'),
      '--json',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.samples).toBe(100);
    expect(json.digitalAccuracy).toBeGreaterThan(0.9);
  });

  it('rejects data that does not fit the network with a one-line hint', async () => {
    const dir = tempDir();
    const csv = join(dir, 'small.csv');
    writeFileSync(csv, 'y,a,b\n0,1,2\n1,3,4\n');
    const r = await runCli(['experiment', 'tutorial', '--data', csv, '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/memsim train --data PATH/);
  });

  it('--dataset fashion-mnist reads the Debian layout (gzipped IDX files)', async () => {
    const dir = tempDir();
    const n = 50;
    writeFileSync(join(dir, 't10k-images-idx3-ubyte.gz'), gzipSync(idx([n, 28, 28], pixels.subarray(0, n * 784))));
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx([n], Uint8Array.from(mnist.y.subarray(0, n)))));
    process.env.MEMSIM_FASHION_MNIST_DIR = dir;
    try {
      const d = loadDataset({ dataset: 'fashion-mnist', split: 'test' });
      expect(d.name).toBe('fashion-mnist');
      expect(d.count).toBe(n);
      expect(Array.from(d.y)).toEqual(Array.from(mnist.y.subarray(0, n)));
      const r = await runCli([
        'experiment',
        'tutorial',
        '--arch',
        'mlp',
        '--dataset',
        'fashion-mnist',
        '--out',
        join(dir, 'out'),
        '--json',
        '--quiet',
      ]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).csv).toMatch(/tutorial-mlp-fashion-mnist\.csv$/);
    } finally {
      delete process.env.MEMSIM_FASHION_MNIST_DIR;
    }
  });

  it('an unwritable --out gives a one-line error', async () => {
    const r = await runCli(['device', 'VTEAM', '--out', '/dev/null/x', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/`--out` must be a directory outside \/dev/);
  });

  it.skipIf(!existsSync(FASHION_MNIST_DIR))(
    "reads the real Fashion-MNIST test split from Debian's dataset-fashion-mnist",
    () => {
      // The published test split: 10 000 images of 28×28, exactly 1 000 per class (Xiao et al. 2017).
      const d = loadDataset({ dataset: 'fashion-mnist', split: 'test' });
      expect(d.count).toBe(10000);
      expect(d.features).toBe(784);
      expect(d.classes).toBe(10);
      const perClass = new Array(10).fill(0);
      for (const label of d.y) perClass[label]++;
      expect(perClass).toEqual(new Array(10).fill(1000));
      let min = Number.POSITIVE_INFINITY;
      let max = Number.NEGATIVE_INFINITY;
      for (const v of d.x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      expect([min, max]).toEqual([0, 1]);
    },
  );

  it.skipIf(existsSync(FASHION_MNIST_DIR))(
    '--dataset fashion-mnist explains how to install it when absent',
    async () => {
      const r = await runCli(['experiment', 'tutorial', '--dataset', 'fashion-mnist', '--out', tempDir()]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/apt-get install dataset-fashion-mnist/);
    },
  );
});

describe('memsim train', () => {
  it('trains and saves both networks on a slice; the saved models load and beat chance', async () => {
    const out = tempDir();
    mkdirSync(out, { recursive: true });
    const r = await runCli(['train', '--limit', '512', '--epochs', '1', '--out', out, '--json', '--quiet']);
    expect(r.code).toBe(0);
    const results = JSON.parse(r.stdout) as { arch: string; accuracy: number }[];
    expect(results.map((x) => x.arch)).toEqual(['mlp', 'cnn']);
    for (const x of results) {
      expect(x.accuracy).toBeGreaterThan(0.3);
      const model = await loadModel(join(out, x.arch));
      expect(model.outputs[0]!.shape).toEqual([null, 10]);
      const meta = JSON.parse(readFileSync(join(out, x.arch, 'model.json'), 'utf8')).userDefinedMetadata.memsim;
      expect(meta.trainSamples).toBe(512);
      model.dispose();
    }
  });
});
