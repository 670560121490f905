import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { CIFAR10_RECORD_BYTES, loadDataset, parseCifar10Batch } from '../../src/index';
import { tempDir } from '../helpers';

/** The pixel byte of image `id` at channel c, row h, column w (distinct per image and position). */
function pixel(id: number, c: number, h: number, w: number): number {
  return (id * 37 + c * 101 + h * 7 + w * 3) % 256;
}

/** CIFAR-10 binary records written as the format describes: label byte, then R, G, B planes of 32 rows × 32 columns. */
function batch(ids: number[], labels: number[]): Uint8Array {
  const out = new Uint8Array(ids.length * CIFAR10_RECORD_BYTES);
  ids.forEach((id, i) => {
    const base = i * CIFAR10_RECORD_BYTES;
    out[base] = labels[i]!;
    for (let c = 0; c < 3; c++)
      for (let h = 0; h < 32; h++)
        for (let w = 0; w < 32; w++) out[base + 1 + c * 1024 + h * 32 + w] = pixel(id, c, h, w);
  });
  return out;
}

function cifarDir(nested = false): string {
  const root = tempDir('memsim-cifar-');
  const dir = nested ? join(root, 'cifar-10-batches-bin') : root;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'data_batch_1.bin'), batch([0, 1, 2], [6, 9, 0]));
  writeFileSync(join(dir, 'data_batch_2.bin'), batch([3, 4], [1, 3]));
  writeFileSync(join(dir, 'test_batch.bin'), batch([10, 11, 12, 13], [3, 8, 8, 0]));
  writeFileSync(join(dir, 'batches.meta.txt'), 'airplane\nautomobile\n');
  return root;
}

describe('CIFAR-10 binary reader', () => {
  it('test split: labels, CHW pixels / 255, shape [3, 32, 32] channels first, 10 classes', () => {
    const d = loadDataset({ dataset: 'cifar10', data: cifarDir(), split: 'test' });
    expect(d.name).toBe('cifar10');
    expect(d.count).toBe(4);
    expect(d.shape).toEqual([3, 32, 32]);
    expect(d.layout).toBe('channels-first');
    expect(d.classes).toBe(10);
    expect(Array.from(d.y)).toEqual([3, 8, 8, 0]);
    for (const [i, c, h, w] of [
      [0, 0, 0, 0],
      [1, 2, 31, 5],
      [3, 1, 17, 31],
    ] as const)
      expect(d.x[i * 3072 + c * 1024 + h * 32 + w]).toBe(Math.fround(pixel(10 + i, c, h, w) / 255));
  });

  it('train split: data_batch_1…5 present, in order; the archive folder cifar-10-batches-bin is found; limit spans files', () => {
    for (const nested of [false, true]) {
      const d = loadDataset({ dataset: 'cifar10', data: cifarDir(nested), split: 'train' });
      expect(d.count).toBe(5);
      expect(Array.from(d.y)).toEqual([6, 9, 0, 1, 3]);
      expect(d.x[4 * 3072 + 2 * 1024 + 5 * 32 + 6]).toBe(Math.fround(pixel(4, 2, 5, 6) / 255));
    }
    const limited = loadDataset({ dataset: 'cifar10', data: cifarDir(), split: 'train', limit: 4 });
    expect(Array.from(limited.y)).toEqual([6, 9, 0, 1]);
  });

  it('rejects a size that is not a multiple of 3073 bytes, naming the file and its size', () => {
    const dir = tempDir('memsim-cifar-');
    writeFileSync(join(dir, 'test_batch.bin'), new Uint8Array(2 * CIFAR10_RECORD_BYTES + 5));
    expect(() => loadDataset({ dataset: 'cifar10', data: dir })).toThrow(InvalidParameterError);
    expect(() => loadDataset({ dataset: 'cifar10', data: dir })).toThrow(/test_batch\.bin.*3073.*6151 bytes/);
    expect(() => parseCifar10Batch(new Uint8Array(0))).toThrow(/multiple of 3073/);
  });

  it('rejects a label outside 0–9, naming the record', () => {
    expect(() => parseCifar10Batch(batch([0, 1], [4, 10]), 'data_batch_1.bin')).toThrow(
      /data_batch_1\.bin record 1 label.*0–9.*received 10/,
    );
  });

  it('missing data: no --data, a directory without the files, a split without its files', () => {
    expect(() => loadDataset({ dataset: 'cifar10' })).toThrow(/--data.*cannot download/);
    expect(() => loadDataset({ dataset: 'cifar10', data: tempDir('memsim-empty-') })).toThrow(/test_batch\.bin/);
    const only = tempDir('memsim-cifar-');
    writeFileSync(join(only, 'test_batch.bin'), batch([1], [1]));
    expect(() => loadDataset({ dataset: 'cifar10', data: only, split: 'train' })).toThrow(/train split.*data_batch_1/);
  });
});
