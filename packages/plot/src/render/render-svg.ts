import { InvalidParameterError } from '@memsim/core';
import type * as Vega from 'vega';
import type { VegaLiteSpec } from '../specs/types';

// vega and vega-lite are ESM-only (vega uses top-level await), so they are loaded with import() on first use: the
// CommonJS build of this package can then be require()d.
let libraries: Promise<{ vega: typeof Vega; compile: typeof import('vega-lite').compile }> | null = null;
function loadLibraries() {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => ({
    vega,
    compile: vl.compile,
  }));
  return libraries;
}

/**
 * Renders a Vega-Lite spec to SVG text in Node (vega View with renderer `'none'`, no DOM, no canvas).
 *
 * @throws {InvalidParameterError} when vega-lite cannot compile the spec.
 * @example
 * const spec = accuracyLineSpec([{ x: 0, accuracy: 0.98 }, { x: 0.1, accuracy: 0.9 }], { xTitle: 'σ' });
 * const svg = await renderSvg(spec); // → '<svg …>' (vega, no browser needed)
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  const { vega, compile } = await loadLibraries();
  let compiled: Vega.Spec;
  try {
    compiled = compile(spec as never).spec as Vega.Spec;
  } catch (error) {
    throw new InvalidParameterError({
      where: 'renderSvg',
      parameter: 'spec',
      value: spec,
      expected: `a valid Vega-Lite spec (${(error as Error).message.split('\n')[0]})`,
    });
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const NOT_MARKS = new Set(['axis', 'legend', 'title']);

/**
 * Counts the data marks of a vega SVG by their role (`{ line: 2, point: 10, rule: 3, bar: 3, rect: 64, text: 2 }`,
 * from each item's `aria-roledescription`); axes, legends, titles and mark containers are not counted.
 * @example
 * const svg = await renderSvg(accuracyLineSpec([{ x: 0, accuracy: 0.98 }, { x: 0.1, accuracy: 0.9 }], { xTitle: 'σ' }));
 * countMarks(svg); // → e.g. { line: 1, point: 2 }: what a test can assert on
 */
export function countMarks(svg: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const m of svg.matchAll(/aria-roledescription="([^"]+)"/g)) {
    const role = m[1]!.replace(/ mark$/, '');
    if (role.endsWith('container') || NOT_MARKS.has(role)) continue;
    counts[role] = (counts[role] ?? 0) + 1;
  }
  return counts;
}
