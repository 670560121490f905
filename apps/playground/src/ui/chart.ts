import embed, { type Result } from 'vega-embed';

interface Chart {
  result: Result;
  /** Everything of the spec but its data values: equal → only the data changed. */
  shape: string;
  /** Name of the compiled vega dataset holding the inline values. */
  dataName: string | null;
}

const charts = new WeakMap<HTMLElement, Chart>();

/** The spec without its inline data values (what decides whether the compiled view can be reused). */
function shapeOf(spec: { data?: { values?: unknown } }): string {
  return JSON.stringify({ ...spec, data: spec.data?.values === undefined ? spec.data : 'inline' });
}

/**
 * Renders a vega-lite spec (as built by @memsim/plot or the labs) into `el` as SVG. When only the inline data changed
 * since the last call, the existing view gets the new values (no vega-lite compile, no new view: a re-plot of a
 * 10 000-step loop stays within a frame budget); otherwise the chart is rebuilt and the old view released. Resolves
 * when the SVG in the page shows the new data.
 */
export async function drawChart(el: HTMLElement, spec: object): Promise<void> {
  const s = spec as { data?: { values?: unknown[] } };
  const shape = shapeOf(s);
  const previous = charts.get(el);
  if (previous !== undefined && previous.shape === shape && previous.dataName !== null && s.data?.values) {
    await previous.result.view.data(previous.dataName, s.data.values).runAsync();
    return;
  }
  const result = await embed(el, spec as never, { renderer: 'svg', actions: false });
  previous?.result.finalize();
  const vg = result.vgSpec as { data?: { name: string; values?: unknown }[] };
  const inline = (vg.data ?? []).filter((d) => d.values !== undefined);
  charts.set(el, { result, shape, dataName: inline.length === 1 ? inline[0]!.name : null });
}
