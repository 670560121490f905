import { ShapeMismatchError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/index';
import { fitDataToModel } from '../../src/data/fit-to-model';

/** Two samples whose value encodes (sample, channel, row, column). */
function chw(c: number, h: number, w: number): Dataset {
  const x = new Float32Array(2 * c * h * w);
  let k = 0;
  for (let n = 0; n < 2; n++)
    for (let ci = 0; ci < c; ci++)
      for (let hi = 0; hi < h; hi++) for (let wi = 0; wi < w; wi++) x[k++] = 1000 * n + 100 * ci + 10 * hi + wi;
  return {
    name: 'd',
    x,
    y: new Int32Array(2),
    count: 2,
    features: c * h * w,
    shape: [c, h, w],
    layout: 'channels-first',
    classes: 2,
  };
}

describe('fitDataToModel', () => {
  it('keeps data that already fits (dynamic dimensions match anything)', () => {
    const d = chw(3, 2, 4);
    expect(fitDataToModel(d, [null, 3, 2, 4])).toBe(d);
    expect(fitDataToModel(d, [null, 3, null, 4])).toBe(d);
  });

  it('moves the channel axis for a channels-last model, value by value', () => {
    const d = fitDataToModel(chw(3, 2, 4), [null, 2, 4, 3]);
    expect(d.shape).toEqual([2, 4, 3]);
    expect(d.layout).toBe('channels-last');
    // sample 1, row 1, column 2, channel 2 → NHWC offset
    expect(d.x[1 * 24 + (1 * 4 + 2) * 3 + 2]).toBe(1000 + 200 + 10 + 2);
    // and back to channels first gives the original
    expect(Array.from(fitDataToModel(d, [null, 3, 2, 4]).x)).toEqual(Array.from(chw(3, 2, 4).x));
  });

  it('MNIST-like channels-last [28, 28, 1] data fits an ONNX N×1×28×28 input', () => {
    const last: Dataset = { ...chw(1, 28, 28), shape: [28, 28, 1], layout: 'channels-last' };
    const d = fitDataToModel(last, [null, 1, 28, 28]);
    expect(d.shape).toEqual([1, 28, 28]);
    expect(Array.from(d.x)).toEqual(Array.from(last.x));
  });

  it('reshapes when one side is flat; rejects what no layout change fits', () => {
    expect(fitDataToModel(chw(1, 2, 3), [null, 6]).shape).toEqual([6]);
    expect(() => fitDataToModel(chw(3, 2, 4), [null, 4, 2, 3])).toThrow(ShapeMismatchError);
    expect(() => fitDataToModel(chw(3, 2, 4), [null, 25])).toThrow(/--data d/);
  });
});
