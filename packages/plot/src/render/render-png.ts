import { Resvg } from '@resvg/resvg-js';
import { InvalidParameterError } from '@memsim/core';

/** Options of {@link renderPng}. */
export interface RenderPngOptions {
  /** Zoom factor applied to the SVG's size. Default 2 (sharp on high-DPI screens). */
  scale?: number;
}

/**
 * Rasterises SVG text to PNG bytes with resvg (system fonts).
 *
 * @throws {InvalidParameterError} when the text is not SVG or `scale` is not a positive number.
 */
export function renderPng(svg: string, options: RenderPngOptions = {}): Uint8Array {
  const scale = options.scale ?? 2;
  if (!(typeof scale === 'number' && Number.isFinite(scale) && scale > 0))
    throw new InvalidParameterError({
      where: 'renderPng',
      parameter: 'scale',
      value: scale,
      expected: 'a finite number > 0',
    });
  if (typeof svg !== 'string' || !svg.trimStart().startsWith('<svg'))
    throw new InvalidParameterError({
      where: 'renderPng',
      parameter: 'svg',
      value: svg,
      expected: 'SVG text starting with <svg',
    });
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
  });
  return new Uint8Array(resvg.render().asPng());
}
