import {
  InvalidParameterError,
  type Matrix,
  checkMatrix,
  type OptionsSchema,
  option,
  resolveOptions,
} from '@memsim/core';
import { CHART_RULES, type ChartOptions, type VegaLiteSpec, base } from './types';

/**
 * One panel of a heatmap.
 *
 * @example
 * const panel: HeatmapPanel = { label: 'before', conductance: { rows: 2, cols: 2, data: [1e-3, 2e-3, 5e-3, 2e-2] } };
 * conductanceHeatmapSpec([panel]);
 */
export interface HeatmapPanel {
  /** Panel title, e.g. `'before'` or `'after 10 % stuck'`. */
  label: string;
  /** Conductances [S], rows = word lines, cols = bit lines. */
  conductance: Matrix;
}

/**
 * Options of {@link conductanceHeatmapSpec}.
 *
 * @example
 * const options: ConductanceHeatmapOptions = { domain: [1e-3, 2e-2], title: 'G after faults' }; // [S], fixed colour scale
 * conductanceHeatmapSpec([{ label: 'G', conductance: { rows: 1, cols: 2, data: [1e-3, 2e-2] } }], options);
 */
export interface ConductanceHeatmapOptions extends ChartOptions {
  /** Colour domain [S]; default: the min and max over every panel (so panels compare). */
  domain?: [number, number];
}

const OPTIONS_SCHEMA = {
  ...CHART_RULES,
  domain: option.optional<[number, number]>((where, parameter, value) => {
    const d = value as unknown[];
    if (
      !Array.isArray(value) ||
      value.length !== 2 ||
      !Number.isFinite(d[0]) ||
      !Number.isFinite(d[1]) ||
      !((d[0] as number) < (d[1] as number))
    )
      throw new InvalidParameterError({ where, parameter, value, expected: '[lo, hi] with finite lo < hi [S]' });
    return [d[0] as number, d[1] as number];
  }),
} satisfies OptionsSchema<ConductanceHeatmapOptions>;

/**
 * Builds a conductance heatmap, one panel per matrix side by side with a shared colour scale (the tutorial's
 * "before / after a non-ideality" figure). Each cell is one rect mark.
 *
 * @throws {InvalidParameterError} when there are no panels or a matrix is malformed or has more than 65 536 cells, or
 *   an option is unknown or breaks its rule (`domain` must be [lo, hi] with finite lo < hi).
 * @example
 * const before = { rows: 2, cols: 2, data: [1e-3, 2e-3, 5e-3, 2e-2] }; // [S]
 * const after = { rows: 2, cols: 2, data: [1e-3, 2e-3, 1e-3, 2e-2] }; // one device stuck at HRS
 * const spec = conductanceHeatmapSpec([{ label: 'before', conductance: before }, { label: 'after', conductance: after }]);
 */
export function conductanceHeatmapSpec(
  panels: readonly HeatmapPanel[],
  options: ConductanceHeatmapOptions = {},
): VegaLiteSpec {
  const o = resolveOptions('conductanceHeatmapSpec', options, OPTIONS_SCHEMA);
  if (!Array.isArray(panels) || panels.length === 0)
    throw new InvalidParameterError({
      where: 'conductanceHeatmapSpec',
      parameter: 'panels',
      value: panels,
      expected: 'a non-empty array of { label, conductance }',
    });
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const charts = panels.map((panel) => {
    const m = checkMatrix('conductanceHeatmapSpec', `${panel.label}.conductance`, panel.conductance);
    if (m.rows * m.cols > 65536)
      throw new InvalidParameterError({
        where: 'conductanceHeatmapSpec',
        parameter: `${panel.label}.conductance`,
        value: `${m.rows}×${m.cols}`,
        expected: 'at most 65 536 cells (crop to a tile)',
      });
    const values: { row: number; col: number; g: number }[] = [];
    for (let r = 0; r < m.rows; r++)
      for (let c = 0; c < m.cols; c++) {
        const g = m.data[r * m.cols + c]!;
        values.push({ row: r, col: c, g });
        if (g < lo) lo = g;
        if (g > hi) hi = g;
      }
    const size = o.width ?? 220;
    return {
      title: panel.label,
      width: size,
      height: Math.max(20, Math.round((size * m.rows) / m.cols)),
      data: { values },
      mark: { type: 'rect' },
      encoding: {
        x: { field: 'col', type: 'ordinal', title: 'bit line', axis: { labels: false, ticks: false } },
        y: { field: 'row', type: 'ordinal', title: 'word line', axis: { labels: false, ticks: false } },
        color: {
          field: 'g',
          type: 'quantitative',
          title: 'G [S]',
          scale: { scheme: 'viridis' } as Record<string, unknown>,
          legend: { format: '.1e' },
        },
      },
    };
  });
  const domain = o.domain ?? [lo, hi === lo ? lo + 1e-12 : hi];
  for (const c of charts) (c.encoding.color.scale as Record<string, unknown>).domain = domain;
  const { width: _w, height: _h, ...top } = base(o);
  return { ...top, hconcat: charts, resolve: { scale: { color: 'shared' } } };
}
