import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importOnnx } from '@memsim/onnx';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../src/index';
import { tf } from '../../src/tf/backend';
import { initBackend } from '@memsim/layers';
import { runCli, tempDir } from '../helpers';
import { writeNpy } from '../npy-writer';
import { fixture, fixtureNpy } from '../onnx/fixtures';

beforeAll(async () => {
  await initBackend();
});

describe('memsim import', () => {
  it('writes a TensorFlow.js model folder equal to the ONNX network and prints the op / parameter summary', async () => {
    const out = join(tempDir(), 'lstm-tfjs');
    const f = fixture('lstm');
    const r = await runCli(['import', f.path, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/opset 17, produced by pytorch/);
    expect(r.stdout).toMatch(/input {2}input \[batch, 1, 28, 28\] FLOAT/);
    expect(r.stdout).toMatch(/24,714 parameters/);
    expect(r.stdout).toMatch(/ {2}LSTM +1\n/);
    expect(r.stdout).toMatch(/on crossbars: 1 LSTM, 1 Dense/);
    expect(existsSync(join(out, 'model.json')) && existsSync(join(out, 'weights.bin'))).toBe(true);
    const x = tf.tensor(f.input, f.inputShape);
    const saved = await loadModel(out);
    const direct = await importOnnx(f.bytes);
    expect(Array.from((saved.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((direct.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('--json gives the summary; --layout nhwc writes a channels-last model', async () => {
    const out = join(tempDir(), 'resnet');
    const r = await runCli(['import', fixture('resnet20-cifar').path, '--out', out, '--layout', 'nhwc', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.parameters).toBe(271690);
    expect(json.inputLayout).toBe('nhwc');
    expect(json.crossbarLayers).toEqual({ Conv2D: 21, Dense: 1 });
    expect((await loadModel(out)).inputs[0]!.shape).toEqual([null, 32, 32, 3]);
  });

  it('bad files give one-line errors: not ONNX, truncated, missing, no file named', async () => {
    const dir = tempDir();
    const text = join(dir, 'notes.onnx');
    writeFileSync(text, 'this is not a protobuf model\n');
    const cut = join(dir, 'cut.onnx');
    writeFileSync(cut, fixture('lstm').bytes.subarray(0, 5000));
    for (const [argv, message] of [
      [['import', text, '--out', join(dir, 'a')], /(import|inspect)Onnx.*not ONNX/],
      [['import', cut, '--out', join(dir, 'b')], /(import|inspect)Onnx/],
      [['import', join(dir, 'missing.onnx')], /readable \.onnx file \(ENOENT\)/],
      [['import'], /exactly one \.onnx file/],
    ] as const) {
      const r = await runCli([...argv]);
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('memsim experiment on your PyTorch network and data', () => {
  it('--model fixture.onnx --data x.npy --labels y.npy (in-process and in worker threads)', async () => {
    const dir = tempDir();
    const { x, y } = fixtureNpy('lstm', dir);
    for (const workers of ['1', '2']) {
      const r = await runCli([
        'experiment',
        'faults',
        '--model',
        fixture('lstm').path,
        '--data',
        x,
        '--labels',
        y,
        '--seeds',
        '1',
        '--workers',
        workers,
        '--out',
        join(dir, `out${workers}`),
        '--json',
        '--quiet',
        '--fresh',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout);
      expect(json.samples).toBe(8);
      expect(json.dataset).toBe(x);
      expect(json.digitalAccuracy).toBe(1); // labels are onnxruntime's classes
      expect(json.chance).toBeCloseTo(0.1); // ten outputs, whatever classes the labels show
      const clean = json.summary.filter((s: { point: { rate: number } }) => s.point.rate === 0);
      for (const s of clean) expect(s.mean).toBe(1); // no faults: the LSTM on crossbars keeps every answer
    }
  }, 180_000);

  it('an imported tfjs folder and NHWC data work too (the data is laid out as the model takes it)', async () => {
    const dir = tempDir();
    const f = fixture('resnet20-cifar');
    const folder = join(dir, 'resnet-nhwc');
    expect((await runCli(['import', f.path, '--out', folder, '--layout', 'nhwc', '--quiet'])).code).toBe(0);
    const { x, y } = fixtureNpy('resnet20-cifar', dir); // N×C×H×W, moved to N×H×W×C for this model
    const r = await runCli([
      'experiment',
      'tutorial',
      '--model',
      folder,
      '--data',
      x,
      '--labels',
      y,
      '--workers',
      '1',
      '--out',
      join(dir, 'out'),
      '--json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).digitalAccuracy).toBe(1);
  }, 120_000);

  it('--dataset cifar10 --data DIR (binary batches) with an imported ResNet-20', async () => {
    const dir = tempDir();
    const cifar = join(dir, 'cifar-10-batches-bin');
    mkdirSync(cifar);
    const records = new Uint8Array(6 * 3073);
    for (let i = 0; i < 6; i++) {
      records[i * 3073] = i;
      for (let p = 1; p < 3073; p++) records[i * 3073 + p] = (i * 31 + p * 7) % 256;
    }
    writeFileSync(join(cifar, 'test_batch.bin'), records);
    const r = await runCli([
      'experiment',
      'tutorial',
      '--model',
      fixture('resnet20-cifar').path,
      '--dataset',
      'cifar10',
      '--data',
      dir,
      '--workers',
      '1',
      '--out',
      join(dir, 'out'),
      '--json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.dataset).toBe('cifar10');
    expect(json.samples).toBe(6);
  }, 120_000);

  it('memsim train --dataset cifar10 trains on channels-last images (CHW records turned HWC)', async () => {
    const dir = tempDir();
    const records = new Uint8Array(12 * 3073);
    for (let i = 0; i < 12; i++) {
      records[i * 3073] = i % 2;
      for (let p = 1; p < 3073; p++) records[i * 3073 + p] = i % 2 === 0 ? (p * 5) % 256 : 255 - ((p * 5) % 256);
    }
    writeFileSync(join(dir, 'data_batch_1.bin'), records);
    writeFileSync(join(dir, 'test_batch.bin'), records);
    const out = join(dir, 'models');
    const r = await runCli([
      'train',
      '--dataset',
      'cifar10',
      '--data',
      dir,
      '--arch',
      'mlp',
      '--epochs',
      '1',
      '--out',
      out,
      '--quiet',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await loadModel(join(out, 'mlp'))).inputs[0]!.shape).toEqual([null, 32, 32, 3]);
  }, 120_000);

  it('bad data gives one-line errors: no labels, mismatched labels, labels beyond the outputs, cifar10 without a directory', async () => {
    const dir = tempDir();
    const { x } = fixtureNpy('lstm', dir);
    const y7 = writeNpy(join(dir, 'y7.npy'), '<i8', [7], new BigInt64Array(7));
    const y12 = writeNpy(join(dir, 'y12.npy'), '<i8', [8], BigInt64Array.from([0, 1, 2, 12, 3, 4, 5, 6], BigInt));
    const model = fixture('lstm').path;
    for (const [extra, message] of [
      [['--data', x], /--labels/],
      [['--data', x, '--labels', y7], /y7\.npy.*\[8\].*\[7\]/],
      [['--data', x, '--labels', y12], /10 classes/],
      [['--dataset', 'cifar10'], /cannot download/],
    ] as const) {
      const r = await runCli(['experiment', 'tutorial', '--model', model, ...extra, '--out', join(dir, 'out')]);
      expect(r.code).toBe(1);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});

describe('memsim run on your network', () => {
  it('runs the whole tour of studies on an imported LSTM and its .npy data', async () => {
    const dir = tempDir();
    const { x, y } = fixtureNpy('lstm', dir);
    const out = join(dir, 'report');
    const r = await runCli([
      'run',
      '--model',
      fixture('lstm').path,
      '--data',
      x,
      '--labels',
      y,
      '--limit',
      '8',
      '--seeds',
      '1',
      '--workers',
      '1',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/digital\s+model-[0-9a-f]{8}\s+100\.00 %/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    const studies = new Set(summary.rows.map((row: { study: string }) => row.study));
    expect([...studies].sort()).toEqual([
      'adc',
      'digital',
      'drift',
      'faults',
      'finite-states',
      'line-resistance',
      'programming-noise',
      'states-faults',
      'states-ratio',
      'tutorial',
      'variability',
    ]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toMatch(/Your network/);
    expect(existsSync(join(out, 'heatmap.svg'))).toBe(true);
  }, 300_000);
});
