import { type AccuracyPoint, accuracyBarSpec, accuracyLineSpec, renderSvg } from '@memsim/plot';
import type { ExperimentDefinition } from './definitions';
import type { PointSummary } from './runner';

/**
 * Builds the SVG of an experiment's summary: a line chart over the x parameter (one line per combination of the other
 * parameters), or bars when x is not numeric or has a single value.
 */
export async function plotExperiment(
  def: ExperimentDefinition,
  all: PointSummary[],
  reference: { digital?: number; chance?: number },
): Promise<string> {
  // Points whose every trial failed have no accuracy to draw.
  const drawable = all.filter((s) => s.n > 0);
  const summary = drawable.length > 0 ? drawable : all.map((s) => ({ ...s, mean: 0, std: 0 }));
  const xIsNumeric = summary.every((s) => typeof s.point[def.plot.x] === 'number');
  const others = def.parameters.filter((p) => p !== def.plot.x);
  const label = (s: PointSummary) =>
    others
      .map((p) => (others.length === 1 && def.plot.series === p ? `${p} ${s.point[p]}` : `${p}=${s.point[p]}`))
      .join(', ');
  const title = def.title.length > 72 ? `${def.title.slice(0, 69)}...` : def.title;
  // A line needs at least two x values; otherwise (or for categories) draw bars.
  if (!xIsNumeric || new Set(summary.map((s) => s.point[def.plot.x])).size < 2) {
    const bars = summary.map((s) => ({
      label: [String(s.point[def.plot.x]), label(s)].filter(Boolean).join(' '),
      accuracy: s.mean,
      ...(s.n > 1 ? { error: s.std } : {}),
    }));
    return renderSvg(accuracyBarSpec(bars, { title, width: 480, ...reference }));
  }
  const points: AccuracyPoint[] = summary.map((s) => ({
    x: Number(s.point[def.plot.x]),
    accuracy: s.mean,
    series: label(s),
    ...(s.n > 1 ? { error: s.std } : {}),
  }));
  return renderSvg(
    accuracyLineSpec(points, {
      title,
      width: 480,
      xTitle: def.plot.xTitle,
      ...(def.plot.xScale === undefined ? {} : { xScale: def.plot.xScale }),
      ...reference,
    }),
  );
}
