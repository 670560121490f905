import { InvalidParameterError } from '@memsim/core';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { VegaLiteSpec } from '../specs/types';

/**
 * Renders a Vega-Lite spec to SVG text in Node (vega View with renderer `'none'`, no DOM, no canvas).
 *
 * @throws {InvalidParameterError} when vega-lite cannot compile the spec.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  let compiled: vega.Spec;
  try {
    compiled = compile(spec as never).spec as vega.Spec;
  } catch (error) {
    throw new InvalidParameterError({ where: 'renderSvg', parameter: 'spec', value: spec, expected: `a valid Vega-Lite spec (${(error as Error).message.split('\n')[0]})` });
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
