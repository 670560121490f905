import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { loadDataset, parseIdx, readIdx, sliceDataset } from '../../src/index';
import { tempDir } from '../helpers';

function idxBytes(dims: number[], values: number[]): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  header.set([0, 0, 8, dims.length]);
  const view = new DataView(header.buffer);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  return new Uint8Array([...header, ...values]);
}

describe('parseIdx / readIdx', () => {
  it('decodes dims and bytes, plain and gzipped', () => {
    const bytes = idxBytes([2, 2, 3], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
    for (const b of [bytes, new Uint8Array(gzipSync(bytes))]) {
      const t = parseIdx(b);
      expect(t.dims).toEqual([2, 2, 3]);
      expect(Array.from(t.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 255]);
    }
  });
  it.each([
    ['bad magic', new Uint8Array([1, 2, 3, 4])],
    ['float type', new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0])],
    ['truncated', idxBytes([10], [1, 2, 3])],
  ])('rejects %s', (_, bytes) => {
    expect(() => parseIdx(bytes)).toThrow(InvalidParameterError);
  });
  it('names an unreadable path', () => {
    expect(() => readIdx('/nonexistent/file')).toThrow(/readable IDX file \(ENOENT\)/);
  });
});

describe('loadDataset', () => {
  it('reads embedded MNIST straight from the IDX files', () => {
    const test = loadDataset({ split: 'test', limit: 100 });
    expect(test.count).toBe(100);
    expect(test.shape).toEqual([28, 28, 1]);
    expect(test.x.length).toBe(100 * 784);
    expect(Math.max(...test.x)).toBeLessThanOrEqual(1);
    expect(Math.max(...test.y)).toBeLessThanOrEqual(9);
    expect(new Set(test.y).size).toBeGreaterThan(5);
    expect(test.y[0]).toBe(7); // the first MNIST test digit is a 7
    const train = loadDataset({ split: 'train', limit: 10 });
    expect(train.y[0]).toBe(5); // the first MNIST training digit is a 5
  });
  it('reads a directory of IDX files and a CSV file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 't10k-images-idx3-ubyte.gz'),
      gzipSync(idxBytes([2, 2, 2], [0, 255, 0, 255, 255, 0, 255, 0])),
    );
    writeFileSync(join(dir, 't10k-labels-idx1-ubyte'), idxBytes([2], [3, 1]));
    const d = loadDataset({ data: dir });
    expect(d.count).toBe(2);
    expect(Array.from(d.y)).toEqual([3, 1]);
    expect(Array.from(d.x)).toEqual([0, 1, 0, 1, 1, 0, 1, 0]);
    const csv = join(dir, 'mine.csv');
    writeFileSync(csv, 'a,b,label\n0,255,1\n255,0,0\n');
    const c = loadDataset({ data: csv });
    expect(Array.from(c.y)).toEqual([1, 0]);
    expect(Array.from(c.x)).toEqual([0, 1, 1, 0]);
    expect(c.shape).toEqual([2]);
    expect(sliceDataset(c, 1, 5).count).toBe(1);
  });
  it.each([
    [{ data: '/nonexistent/dir' }, /data/],
    [{ dataset: 'cifar' }, /dataset/],
  ])('rejects %o', (options, message) => {
    expect(() => loadDataset(options as never)).toThrow(message);
  });
  it('rejects a directory without IDX files', () => {
    expect(() => loadDataset({ data: tempDir() })).toThrow(/t10k-images/);
  });
});
