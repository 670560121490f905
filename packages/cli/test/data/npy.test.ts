import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { loadDataset, loadNpyDataset, parseNpy, readNpy } from '../../src/index';
import { tempDir } from '../helpers';
import { npyBytes, writeNpy } from '../npy-writer';

const N = 3;
const CHW = [2, 3, 4];
const SIZE = N * 2 * 3 * 4;
/** Distinct values: sample n, channel c, row h, column w → n + c/10 + h/100 + w/1000 − 1.5. */
function images(): Float32Array {
  const out = new Float32Array(SIZE);
  let k = 0;
  for (let n = 0; n < N; n++)
    for (let c = 0; c < 2; c++)
      for (let h = 0; h < 3; h++) for (let w = 0; w < 4; w++) out[k++] = n + c / 10 + h / 100 + w / 1000 - 1.5;
  return out;
}

describe('parseNpy (npyjs, with memsim checks)', () => {
  it.each([
    ['<f4', new Float32Array([1.5, -2.25, 3e-8, 7])],
    ['<f8', new Float64Array([1.5, -2.25, 1e-300, 7])],
    ['|u1', new Uint8Array([0, 1, 254, 255])],
    ['<i8', new BigInt64Array([0n, -3n, 9n, 2n ** 40n])],
    ['<i4', new Int32Array([0, -3, 9, 2 ** 30])],
  ])('%s little-endian C order, shape [2, 2]', (descr, data) => {
    const t = parseNpy(npyBytes(descr, [2, 2], data));
    expect(t.shape).toEqual([2, 2]);
    expect(t.dtype).toBe(descr.slice(1));
    expect(Array.from(t.data, Number)).toEqual(Array.from(data as ArrayLike<number | bigint>, Number));
  });

  it('reads a version-2 header (4-byte header length)', () => {
    const t = parseNpy(npyBytes('<f4', [3], new Float32Array([1, 2, 3]), { version: 2 }));
    expect(Array.from(t.data as Float32Array)).toEqual([1, 2, 3]);
  });

  it('rejects Fortran order with the fix in the message', () => {
    const bytes = npyBytes('<f4', [2, 2], new Float32Array(4), { fortran: true });
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(InvalidParameterError);
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(/x\.npy.*np\.ascontiguousarray.*fortran_order: True/);
  });

  it.each([
    ['big-endian float32', npyBytes('>f4', [2], new Float32Array(2)), /little-endian/],
    ['a string dtype', npyBytes('<U3', [1], new Uint32Array(3)), /numeric dtype/],
    ['a complex dtype', npyBytes('<c8', [1], new Float32Array(2)), /numeric dtype/],
    ['not a .npy file', new TextEncoder().encode('label,x\n1,2\n'), /\.npy magic/],
    ['an empty file', new Uint8Array(0), /\.npy magic/],
    ['a cut header', npyBytes('<f4', [2], new Float32Array(2)).subarray(0, 40), /complete \.npy header/],
    ['a partial element', npyBytes('<f4', [2], new Float32Array(2)).slice(0, -2), /whole 4-byte elements/],
  ])('rejects %s', (_name, bytes, message) => {
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(InvalidParameterError);
    expect(() => parseNpy(bytes, 'x.npy')).toThrow(message);
  });

  it('rejects a truncated or oversized data section against the shape', () => {
    const full = npyBytes('<f4', [2, 3], new Float32Array(6));
    expect(() => parseNpy(full.subarray(0, full.length - 8), 'x.npy')).toThrow(ShapeMismatchError);
    expect(() => parseNpy(full.subarray(0, full.length - 8), 'x.npy')).toThrow(/truncated/);
    const long = npyBytes('<f4', [2, 2], new Float32Array(6));
    expect(() => parseNpy(long, 'x.npy')).toThrow(/longer than its header/);
  });

  it('names an unreadable path', () => {
    expect(() => readNpy('/nonexistent/x.npy')).toThrow(/readable \.npy file \(ENOENT\)/);
  });
});

describe('loadNpyDataset / loadDataset with --data x.npy --labels y.npy', () => {
  const dir = tempDir('memsim-npy-');
  const x = writeNpy(join(dir, 'x.npy'), '<f4', [N, ...CHW], images());
  const y = writeNpy(join(dir, 'y.npy'), '<i8', [N], new BigInt64Array([2n, 0n, 1n]));

  it('N×C×H×W float32 images and int64 labels: values as saved, channels first', () => {
    const d = loadDataset({ data: x, labels: y });
    expect(d.count).toBe(3);
    expect(d.shape).toEqual(CHW);
    expect(d.layout).toBe('channels-first');
    expect(d.features).toBe(24);
    expect(d.classes).toBe(3);
    expect(Array.from(d.y)).toEqual([2, 0, 1]);
    // element (n=2, c=1, h=2, w=3) sits at the C-order offset
    expect(d.x[2 * 24 + 1 * 12 + 2 * 4 + 3]).toBe(Math.fround(2 + 0.1 + 0.02 + 0.003 - 1.5));
    expect(Array.from(d.x)).toEqual(Array.from(images()));
  });

  it('float64 data becomes float32; uint8 data is scaled by 1/255; labels as int32, uint8, [N, 1] or integral floats', () => {
    const f64 = writeNpy(
      join(dir, 'x64.npy'),
      '<f8',
      [N, 4],
      Float64Array.from({ length: 12 }, (_, i) => i / 3),
    );
    const u8 = writeNpy(
      join(dir, 'x8.npy'),
      '|u1',
      [N, 4],
      Uint8Array.from({ length: 12 }, (_, i) => 20 * i),
    );
    const labelFiles = [
      writeNpy(join(dir, 'y32.npy'), '<i4', [N], new Int32Array([1, 1, 0])),
      writeNpy(join(dir, 'yu8.npy'), '|u1', [N], new Uint8Array([1, 1, 0])),
      writeNpy(join(dir, 'ycol.npy'), '<i8', [N, 1], new BigInt64Array([1n, 1n, 0n])),
      writeNpy(join(dir, 'yf.npy'), '<f4', [N], new Float32Array([1, 1, 0])),
    ];
    for (const labels of labelFiles) expect(Array.from(loadNpyDataset({ data: f64, labels }).y)).toEqual([1, 1, 0]);
    const d64 = loadNpyDataset({ data: f64, labels: labelFiles[0]! });
    expect(Array.from(d64.x)).toEqual(Array.from({ length: 12 }, (_, i) => Math.fround(i / 3)));
    expect(d64.shape).toEqual([4]);
    expect(d64.layout).toBeUndefined();
    const d8 = loadNpyDataset({ data: u8, labels: labelFiles[0]! });
    expect(Array.from(d8.x)).toEqual(Array.from({ length: 12 }, (_, i) => Math.fround((20 * i) / 255)));
  });

  it('limit keeps the first samples', () => {
    const d = loadDataset({ data: x, labels: y, limit: 2 });
    expect(d.count).toBe(2);
    expect(d.x.length).toBe(48);
    expect(Array.from(d.y)).toEqual([2, 0]);
  });

  it('a shape mismatch between data and labels is a ShapeMismatchError naming both files', () => {
    const y4 = writeNpy(join(dir, 'y4.npy'), '<i8', [4], new BigInt64Array(4));
    expect(() => loadDataset({ data: x, labels: y4 })).toThrow(ShapeMismatchError);
    expect(() => loadDataset({ data: x, labels: y4 })).toThrow(/y4\.npy.*\[3\].*\[4\].*x\.npy/);
  });

  it('labels out of range, non-integral or one-hot are rejected naming the sample', () => {
    const negative = writeNpy(join(dir, 'yneg.npy'), '<i8', [N], new BigInt64Array([0n, -1n, 2n]));
    expect(() => loadDataset({ data: x, labels: negative })).toThrow(/yneg\.npy sample 1.*-1/);
    expect(() => loadDataset({ data: x, labels: y, classes: 2 })).toThrow(
      /y\.npy sample 0.*class index in \[0, 1\] \(the model has 2 outputs\)/,
    );
    const half = writeNpy(join(dir, 'yhalf.npy'), '<f4', [N], new Float32Array([0, 0.5, 1]));
    expect(() => loadDataset({ data: x, labels: half })).toThrow(/sample 1/);
    const oneHot = writeNpy(join(dir, 'yhot.npy'), '<f4', [N, 3], new Float32Array(9));
    expect(() => loadDataset({ data: x, labels: oneHot })).toThrow(/argmax/);
  });

  it('bad inputs: rank 1, non-finite values, .npy without labels, labels without .npy', () => {
    const flat = writeNpy(join(dir, 'flat.npy'), '<f4', [3], new Float32Array(3));
    expect(() => loadDataset({ data: flat, labels: y })).toThrow(/N × features/);
    const nan = writeNpy(join(dir, 'nan.npy'), '<f4', [N, 2], new Float32Array([0, 1, 2, Number.NaN, 4, 5]));
    expect(() => loadDataset({ data: nan, labels: y })).toThrow(/nan\.npy sample 1/);
    expect(() => loadDataset({ data: x })).toThrow(/--labels/);
    const csv = join(dir, 'data.csv');
    writeFileSync(csv, 'label,a\n0,1\n');
    expect(() => loadDataset({ data: csv, labels: y })).toThrow(/\.npy input array with --labels/);
  });
});
