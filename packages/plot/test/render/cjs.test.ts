import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const cjs = new URL('../../dist/index.cjs', import.meta.url);

describe('CommonJS build', () => {
  // vega is ESM-only with top-level await; the CJS entry must still load and render (vega is imported lazily).
  it.skipIf(!existsSync(cjs))('can be required and renders SVG', async () => {
    const plot = createRequire(import.meta.url)(cjs.pathname) as typeof import('../../src/index');
    const svg = await plot.renderSvg(plot.accuracyBarSpec([{ label: 'a', accuracy: 0.5 }]));
    expect(plot.countMarks(svg)).toEqual({ bar: 1 });
  });

  it.skipIf(!existsSync(cjs))('can render a PNG (resvg-wasm initialised from CommonJS)', async () => {
    const plot = createRequire(import.meta.url)(cjs.pathname) as typeof import('../../src/index');
    await plot.initPng();
    const png = plot.renderPng(await plot.renderSvg(plot.accuracyBarSpec([{ label: 'a', accuracy: 0.5 }])));
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
  });
});
