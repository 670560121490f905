import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { accuracyBarSpec, renderPng, renderSvg } from '../../src/index';

describe('renderSvg', () => {
  it('rejects a spec vega-lite cannot compile', async () => {
    await expect(renderSvg({ mark: 'nonsense-mark' })).rejects.toThrow(InvalidParameterError);
  });
  it('is deterministic', async () => {
    const spec = accuracyBarSpec([{ label: 'a', accuracy: 0.4 }], { chance: 0.1 });
    expect(await renderSvg(spec)).toEqual(await renderSvg(spec));
  });
});

describe('renderPng', () => {
  it('produces a PNG whose size follows the SVG size and the scale', async () => {
    const svg = await renderSvg(accuracyBarSpec([{ label: 'a', accuracy: 0.4 }], { width: 100, height: 80 }));
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const png = renderPng(svg, { scale: 1 });
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect(view.getUint32(16)).toBe(width);
    const png2 = renderPng(svg, { scale: 2 });
    expect(new DataView(png2.buffer, png2.byteOffset).getUint32(16)).toBe(2 * width);
  });
  it.each([
    ['not svg', {}],
    ['<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', { scale: 0 }],
  ])('rejects bad input %#', (svg, options) => {
    expect(() => renderPng(svg, options as never)).toThrow(InvalidParameterError);
  });
});
