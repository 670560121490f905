import { InvalidParameterError, ShapeMismatchError } from '@memsim/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { convGeometry, flattenConvKernel, ROW_ORDERS, unfold } from '../../src/index';
import type { RowOrder } from '../../src/index';
import { CONV_CASES as CASES, convSetup, tfConv } from '../conv-cases';
import { gemm } from '@memsim/crossbar';
import { matmul64, randomIntegers, randomUniform, setupBackend, tf } from '../helpers';

beforeAll(async () => {
  await setupBackend();
});

describe.each(ROW_ORDERS)('unfold · flattenConvKernel == tf conv, rowOrder %s', (rowOrder: RowOrder) => {
  it.each(CASES)('$name (exact on integer data)', (c) => {
    const rank = c.kernel.length;
    const { groups, kernelShape, x, k, geometry, matrices, outChannels, og } = convSetup(
      c,
      rowOrder,
      randomIntegers,
      11,
    );
    expect(matrices).toHaveLength(groups);
    const got = new Float64Array(geometry.batch * geometry.positions * outChannels);
    for (let g = 0; g < groups; g++) {
      const patches = unfold(x, geometry, { group: g, rowOrder });
      expect(patches.cols).toBe(geometry.kernelVolume * geometry.channelsPerGroup);
      const y = matmul64(patches.data, matrices[g]!.data, patches.rows, patches.cols, og);
      for (let r = 0; r < patches.rows; r++)
        for (let o = 0; o < og; o++) got[r * outChannels + g * og + o] = y[r * og + o]!;
    }
    const reference = tfConv(c, x, k, kernelShape);
    expect(reference.shape).toEqual([geometry.batch, ...geometry.outShape, outChannels]);
    expect(Array.from(got)).toEqual(Array.from(reference.dataSync()));
    expect(rank).toBe(geometry.rank);
    reference.dispose();
  });
});

describe.each(ROW_ORDERS)(
  'own conv path (unfold into a reused buffer · fast gemm) vs tf conv, rowOrder %s',
  (rowOrder) => {
    it.each(CASES)('$name: equal within float32 rounding (1e-5 of the output scale)', (c) => {
      const { groups, kernelShape, x, k, geometry, matrices, outChannels, og } = convSetup(
        c,
        rowOrder,
        randomUniform,
        21,
      );
      const got = new Float32Array(geometry.batch * geometry.positions * outChannels);
      const rows = geometry.batch * geometry.positions;
      const cols = geometry.kernelVolume * geometry.channelsPerGroup;
      // A dirty buffer, as the layer's reused one is: unfold must write every entry (padding zeros included).
      const buffer = new Float32Array(rows * cols).fill(Number.NaN);
      for (let g = 0; g < groups; g++) {
        const patches = unfold(x, geometry, { group: g, rowOrder, out: buffer });
        const y = gemm(patches.data, matrices[g]!.data, { m: rows, k: cols, n: og });
        for (let r = 0; r < rows; r++) for (let o = 0; o < og; o++) got[r * outChannels + g * og + o] = y[r * og + o]!;
      }
      const reference = tfConv(c, x, k, kernelShape);
      const want = reference.dataSync();
      reference.dispose();
      let scale = 0;
      for (const v of want) scale = Math.max(scale, Math.abs(v));
      for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1e-5 * scale);
    });
  },
);

describe('row orders', () => {
  it("'channels-first' rows are (c, kd, kh, kw): the kernel element [kd, kh, kw, c, o] sits on row c·volume + k", () => {
    // Kernel [2, 3, 2, 3, 2] (kd, kh, kw, c, out) with entry value = its own flat index: every row is identifiable.
    const shape = [2, 3, 2, 3, 2];
    const k = Float32Array.from({ length: 72 }, (_, i) => i);
    const [first] = flattenConvKernel(k, shape, { rowOrder: 'channels-first' });
    const [last] = flattenConvKernel(k, shape, { rowOrder: 'channels-last' });
    const volume = 12;
    for (let kIndex = 0; kIndex < volume; kIndex++)
      for (let c = 0; c < 3; c++)
        for (let o = 0; o < 2; o++) {
          const flat = (kIndex * 3 + c) * 2 + o; // tfjs layout
          expect(first!.data[(c * volume + kIndex) * 2 + o]).toBe(flat);
          expect(last!.data[(kIndex * 3 + c) * 2 + o]).toBe(flat);
        }
  });
  it('unfold columns follow the same permutation (same-padded 3-D input with groups)', () => {
    const geometry = convGeometry('test', [2, 3, 4, 4, 4], { kernelSize: [2, 3, 2], padding: 'same', groups: 2 });
    const x = randomIntegers(2 * 3 * 4 * 4 * 4, 21);
    for (const group of [0, 1]) {
      const first = unfold(x, geometry, { group, rowOrder: 'channels-first' });
      const last = unfold(x, geometry, { group, rowOrder: 'channels-last' });
      const volume = geometry.kernelVolume;
      const cg = geometry.channelsPerGroup;
      for (let r = 0; r < first.rows; r++)
        for (let kIndex = 0; kIndex < volume; kIndex++)
          for (let c = 0; c < cg; c++)
            expect(first.data[r * first.cols + c * volume + kIndex]).toBe(last.data[r * last.cols + kIndex * cg + c]);
    }
  });
  it('the default is channels-first and an unknown order is rejected', () => {
    const geometry = convGeometry('test', [1, 4, 4, 2], { kernelSize: [2, 2] });
    const x = randomIntegers(32, 22);
    expect(unfold(x, geometry).data).toEqual(unfold(x, geometry, { rowOrder: 'channels-first' }).data);
    expect(() => unfold(x, geometry, { rowOrder: 'kh-first' as never })).toThrow(/rowOrder/);
    expect(() => flattenConvKernel(new Float32Array(16), [2, 2, 2, 2], { rowOrder: 'x' as never })).toThrow(/rowOrder/);
  });
});

describe('convGeometry / unfold / flattenConvKernel bad input', () => {
  it.each([
    [{ kernelSize: [0, 3] }, InvalidParameterError, /kernelSize\[0\]/],
    [{ kernelSize: [3] }, InvalidParameterError, /kernelSize/],
    [{ kernelSize: [3, 3], strides: [1, Number.NaN] }, InvalidParameterError, /strides\[1\]/],
    [{ kernelSize: [3, 3], padding: 'full' }, InvalidParameterError, /padding/],
    [{ kernelSize: [3, 3], padding: 'causal' }, InvalidParameterError, /padding/],
    [{ kernelSize: [3, 3], groups: 2 }, ShapeMismatchError, /channels/],
    [{ kernelSize: [9, 3] }, ShapeMismatchError, /inputShape/],
    [{ kernelSize: [3, 3], strid: [1, 1] }, InvalidParameterError, /strid/],
  ])('convGeometry %j throws', (options, cls, pattern) => {
    expect(() => convGeometry('test', [1, 5, 5, 3], options as never)).toThrow(cls);
    expect(() => convGeometry('test', [1, 5, 5, 3], options as never)).toThrow(pattern);
  });
  it('unfold rejects a wrong input length and group', () => {
    const g = convGeometry('test', [1, 4, 4, 2], { kernelSize: [2, 2], groups: 2 });
    expect(() => unfold(new Float32Array(5), g)).toThrow(ShapeMismatchError);
    expect(() => unfold(new Float32Array(32), g, { group: 2 })).toThrow(/group/);
  });
  it('flattenConvKernel rejects NaN, wrong length and indivisible groups', () => {
    const k = new Float32Array(2 * 2 * 2 * 4);
    k[3] = Number.NaN;
    expect(() => flattenConvKernel(k, [2, 2, 2, 4])).toThrow(/kernel\[3\]/);
    expect(() => flattenConvKernel(new Float32Array(3), [2, 2, 2, 4])).toThrow(ShapeMismatchError);
    expect(() => flattenConvKernel(new Float32Array(2 * 2 * 2 * 3), [2, 2, 2, 3], { groups: 2 })).toThrow(
      ShapeMismatchError,
    );
  });
});
