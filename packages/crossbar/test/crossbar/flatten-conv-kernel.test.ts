import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { flattenConvKernel } from '../../src/index';

// A 2-D convolution (valid padding, stride 1) computed directly, against patch · flattened kernel.
const C = 3;
const O = 2;
const KH = 2;
const KW = 3;
const H = 4;
const W = 5;
const rng = createRng(5);
const image = Float64Array.from({ length: C * H * W }, () => rng.uniform() - 0.5); // [c][h][w]
const kernelCF = Float64Array.from({ length: O * C * KH * KW }, () => rng.uniform() - 0.5); // [o][c][kh][kw]
const px = (c: number, h: number, w: number) => image[(c * H + h) * W + w]!;
const k = (o: number, c: number, i: number, j: number) => kernelCF[((o * C + c) * KH + i) * KW + j]!;

function direct(o: number, h: number, w: number): number {
  let s = 0;
  for (let c = 0; c < C; c++)
    for (let i = 0; i < KH; i++) for (let j = 0; j < KW; j++) s += px(c, h + i, w + j) * k(o, c, i, j);
  return s;
}

describe('flattenConvKernel', () => {
  it("'channels-first' rows follow the (inChannel, kh, kw) order of an unfolded NCHW patch", () => {
    const m = flattenConvKernel(kernelCF, [O, C, KH, KW], 'channels-first');
    expect([m.rows, m.cols]).toEqual([C * KH * KW, O]);
    for (let h = 0; h + KH <= H; h++)
      for (let w = 0; w + KW <= W; w++) {
        const patch: number[] = [];
        for (let c = 0; c < C; c++)
          for (let i = 0; i < KH; i++) for (let j = 0; j < KW; j++) patch.push(px(c, h + i, w + j));
        for (let o = 0; o < O; o++) {
          const y = patch.reduce((s, v, r) => s + v * m.data[r * O + o]!, 0);
          expect(y).toBeCloseTo(direct(o, h, w), 12);
        }
      }
  });

  it("'channels-last' rows follow the (kh, kw, inChannel) order of an unfolded NHWC patch", () => {
    const kernelCL = new Float64Array(KH * KW * C * O); // [kh][kw][c][o]
    for (let i = 0; i < KH; i++)
      for (let j = 0; j < KW; j++)
        for (let c = 0; c < C; c++)
          for (let o = 0; o < O; o++) kernelCL[((i * KW + j) * C + c) * O + o] = k(o, c, i, j);
    const m = flattenConvKernel(kernelCL, [KH, KW, C, O], 'channels-last');
    expect([m.rows, m.cols]).toEqual([KH * KW * C, O]);
    const patch: number[] = [];
    for (let i = 0; i < KH; i++)
      for (let j = 0; j < KW; j++) for (let c = 0; c < C; c++) patch.push(px(c, 1 + i, 2 + j));
    for (let o = 0; o < O; o++)
      expect(patch.reduce((s, v, r) => s + v * m.data[r * O + o]!, 0)).toBeCloseTo(direct(o, 1, 2), 12);
  });

  it('handles Conv1D and Conv3D ranks and does not alias the input', () => {
    const k1 = [1, 2, 3, 4, 5, 6];
    expect(flattenConvKernel(k1, [2, 1, 3], 'channels-first')).toEqual({
      rows: 3,
      cols: 2,
      data: Float64Array.from([1, 4, 2, 5, 3, 6]),
    });
    const k3 = Float64Array.from({ length: 2 * 2 * 2 * 2 * 3 }, (_, i) => i);
    const m = flattenConvKernel(k3, [2, 2, 2, 2, 3], 'channels-last');
    expect([m.rows, m.cols]).toEqual([16, 3]);
    m.data[0] = 99;
    expect(k3[0]).toBe(0);
  });

  it('rejects bad shapes, layouts and values', () => {
    expect(() => flattenConvKernel([1, 2], [2, 1], 'channels-first')).toThrow(InvalidParameterError);
    expect(() => flattenConvKernel([1, 2], [1, 1, 0], 'channels-first')).toThrow(/`shape`/);
    expect(() => flattenConvKernel([1, 2, 3], [1, 1, 2], 'channels-first')).toThrow(ShapeMismatchError);
    expect(() => flattenConvKernel([1, Number.NaN], [1, 1, 2], 'channels-first')).toThrow(/kernel\[1\]/);
    expect(() => flattenConvKernel([1, 2], [1, 1, 2], 'nchw' as never)).toThrow(/`layout`/);
  });
});
