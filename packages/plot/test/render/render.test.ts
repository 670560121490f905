import { readFileSync } from 'node:fs';
import { InvalidParameterError } from '@memsim/core';
import { Resvg } from '@resvg/resvg-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { accuracyBarSpec, initPng, renderPng, renderSvg } from '../../src/index';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);

beforeAll(async () => {
  await initPng();
});

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

describe('renderPng with resvg-wasm and the DejaVu fonts of dejavu-fonts-ttf', () => {
  it('matches, pixel for pixel within anti-aliasing, the PNG the native resvg-js rendered with system DejaVu Sans', async () => {
    // Reference: RGBA pixels rendered from the same SVG by @resvg/resvg-js 2.6.2 with the system's DejaVu Sans
    // (the renderer memsim used before), zoom 1, white background.
    const svg = readFileSync(fixture('accuracy-bar.svg.txt'), 'utf8');
    const reference = new Uint8Array(readFileSync(fixture('accuracy-bar.resvg-js.rgba')));
    const png = renderPng(svg, { scale: 1 });
    // Pixels of the new PNG: resvg's RGBA output of the same render (its PNG encoding is checked to be the same bytes).
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    const height = new DataView(png.buffer, png.byteOffset).getUint32(20);
    expect(width * height * 4).toBe(reference.length);
    const image = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: 1 },
      font: { fontBuffers: fontsForTest(), defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
      background: 'white',
    }).render();
    expect(Buffer.from(image.asPng()).equals(Buffer.from(png))).toBe(true);
    const pixels = image.pixels;
    let differing = 0;
    let darkRef = 0;
    let darkNew = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const a = reference[i]! + reference[i + 1]! + reference[i + 2]!;
      const b = pixels[i]! + pixels[i + 1]! + pixels[i + 2]!;
      if (Math.abs(a - b) > 96) differing++;
      if (a < 384) darkRef++;
      if (b < 384) darkNew++;
    }
    const count = pixels.length / 4;
    // Text is drawn (not blank boxes) and the image is the same picture: ≤ 1 % of pixels differ noticeably.
    expect(darkNew).toBeGreaterThan(0.02 * count);
    expect(Math.abs(darkNew - darkRef)).toBeLessThan(0.01 * count);
    expect(differing).toBeLessThan(0.01 * count);
  });

  it('initPng is idempotent', async () => {
    await expect(initPng()).resolves.toBeUndefined();
  });
});

function fontsForTest(): Uint8Array[] {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(
    (f) => new Uint8Array(readFileSync(new URL(import.meta.resolve(`dejavu-fonts-ttf/ttf/${f}`)))),
  );
}
