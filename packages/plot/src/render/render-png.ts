import { InvalidParameterError, MemsimError, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { Resvg } from '@resvg/resvg-wasm';
import { loadedFonts } from './init-png';

/**
 * Options of {@link renderPng}.
 *
 * @example
 * await initPng();
 * const options: RenderPngOptions = { scale: 1 }; // 1 px per SVG unit (default 2: sharp on high-DPI screens)
 * renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', options);
 */
export interface RenderPngOptions {
  /** Zoom factor applied to the SVG's size. Default 2 (sharp on high-DPI screens). */
  scale?: number;
}

const OPTIONS_SCHEMA = { scale: option.withDefault(rule.positive, 2) } satisfies OptionsSchema<RenderPngOptions>;

/**
 * Rasterises SVG text to PNG bytes with resvg (WebAssembly: no native binary, runs in Node and browsers), with the
 * fonts loaded by {@link initPng} (DejaVu Sans in Node). Call `await initPng()` once before.
 *
 * @throws {InvalidParameterError} when the text is not SVG or `scale` is not a positive number.
 * @throws {MemsimError} when {@link initPng} has not finished.
 * @example
 * await initPng(); // once
 * const svg = await renderSvg(accuracyLineSpec([{ x: 0, accuracy: 0.98 }, { x: 0.1, accuracy: 0.9 }], { xTitle: 'σ' }));
 * const png = renderPng(svg, { scale: 1 }); // → Uint8Array, starts with the PNG signature 137 80 78 71
 */
export function renderPng(svg: string, options: RenderPngOptions = {}): Uint8Array {
  const { scale } = resolveOptions('renderPng', options, OPTIONS_SCHEMA);
  if (typeof svg !== 'string' || !svg.trimStart().startsWith('<svg'))
    throw new InvalidParameterError({
      where: 'renderPng',
      parameter: 'svg',
      value: svg,
      expected: 'SVG text starting with <svg',
    });
  const fontBuffers = loadedFonts();
  if (fontBuffers === undefined)
    throw new MemsimError('renderPng: the PNG renderer is not loaded; call `await initPng()` once first.');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontBuffers, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    background: 'white',
  });
  const image = resvg.render();
  const png = image.asPng();
  image.free();
  resvg.free();
  return png;
}
