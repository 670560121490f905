import embed, { type Result } from 'vega-embed';

const current = new WeakMap<HTMLElement, Result>();

/**
 * Renders a vega-lite spec (as built by @memsim/plot or the labs) into `el` as SVG, replacing the previous chart and
 * releasing its view. Resolves when the SVG is in the page.
 */
export async function drawChart(el: HTMLElement, spec: object): Promise<void> {
  const previous = current.get(el);
  const result = await embed(el, spec as never, { renderer: 'svg', actions: false });
  previous?.finalize();
  current.set(el, result);
}
