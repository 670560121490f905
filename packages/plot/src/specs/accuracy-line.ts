import {
  InvalidParameterError,
  checkFiniteNumber,
  checkProportion,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { REFERENCE_RULES, type ReferenceLines, referenceLayers } from './reference-lines';
import { CHART_RULES, type ChartOptions, type VegaLiteSpec, base, textRule } from './types';

/**
 * One point of {@link accuracyLineSpec}.
 *
 * @example
 * const point: AccuracyPoint = { x: 0.1, accuracy: 0.91, error: 0.02, series: 'cnn' }; // error: ± (e.g. std over seeds)
 * accuracyLineSpec([point, { x: 0.2, accuracy: 0.8, series: 'cnn' }]);
 */
export interface AccuracyPoint {
  /** Sweep value (σ, number of states, failure rate, …). */
  x: number;
  /** Accuracy in [0, 1] (e.g. the mean over seeds). */
  accuracy: number;
  /** Half-width of the error bar (e.g. one standard deviation over seeds), in accuracy units. Optional. */
  error?: number;
  /** Line the point belongs to (e.g. `'LRS'`, `'HRS'`). Default `''` (one line). */
  series?: string;
}

/**
 * Options of {@link accuracyLineSpec}.
 *
 * @example
 * const options: AccuracyLineOptions = { xTitle: 'fault rate', xScale: 'log', digital: 0.98 };
 * accuracyLineSpec([{ x: 0.001, accuracy: 0.98 }, { x: 0.1, accuracy: 0.6 }], options);
 */
export interface AccuracyLineOptions extends ChartOptions, ReferenceLines {
  /** X-axis title, with its unit. Default `'x'`. */
  xTitle?: string;
  /** X scale. Default `'linear'`. */
  xScale?: 'linear' | 'log';
  /** Y-axis title. Default `'Accuracy'`. */
  yTitle?: string;
}

const X_SCALES = ['linear', 'log'] as const;

const OPTIONS_SCHEMA = {
  ...CHART_RULES,
  ...REFERENCE_RULES,
  xTitle: option.withDefault(textRule, 'x'),
  xScale: option.withDefault(rule.oneOf(X_SCALES), 'linear'),
  yTitle: option.withDefault(textRule, 'Accuracy'),
} satisfies OptionsSchema<AccuracyLineOptions>;

/**
 * Builds an accuracy-vs-sweep chart: one line with point markers per series, vertical error bars where given, the
 * digital baseline and the chance level.
 *
 * @throws {InvalidParameterError} when there are no points, an accuracy is outside [0, 1] or an x is not finite
 * (or not > 0 on a log scale), or an option is unknown or breaks its rule.
 * @example accuracyLineSpec([{ x: 0, accuracy: 0.98 }, { x: 0.5, accuracy: 0.6, error: 0.05 }], { xTitle: 'σ', digital: 0.98 })
 */
export function accuracyLineSpec(points: readonly AccuracyPoint[], options: AccuracyLineOptions = {}): VegaLiteSpec {
  const o = resolveOptions('accuracyLineSpec', options, OPTIONS_SCHEMA);
  if (!Array.isArray(points) || points.length === 0)
    throw new InvalidParameterError({
      where: 'accuracyLineSpec',
      parameter: 'points',
      value: points,
      expected: 'a non-empty array of { x, accuracy }',
    });
  const xScale = o.xScale;
  const values = points.map((p, k) => {
    const x = checkFiniteNumber('accuracyLineSpec', `points[${k}].x`, p.x);
    if (xScale === 'log' && x <= 0)
      throw new InvalidParameterError({
        where: 'accuracyLineSpec',
        parameter: `points[${k}].x`,
        value: x,
        expected: '> 0 on a log x scale',
      });
    checkProportion('accuracyLineSpec', `points[${k}].accuracy`, p.accuracy);
    const e = p.error ?? 0;
    return {
      x,
      accuracy: p.accuracy,
      series: p.series ?? '',
      lo: Math.max(0, p.accuracy - e),
      hi: Math.min(1, p.accuracy + e),
      hasError: p.error !== undefined,
    };
  });
  const multi = new Set(values.map((v) => v.series)).size > 1;
  const x = {
    field: 'x',
    type: 'quantitative',
    title: o.xTitle,
    scale: xScale === 'log' ? { type: 'log' } : { zero: false },
  };
  const color = multi ? { field: 'series', type: 'nominal', title: null } : { value: '#4c78a8' };
  const y = {
    field: 'accuracy',
    type: 'quantitative',
    title: o.yTitle,
    scale: { domain: [0, 1] },
    axis: { format: '.0%' },
  };
  const layers: Record<string, unknown>[] = [
    { data: { values }, mark: { type: 'line' }, encoding: { x, y, color, detail: { field: 'series' } } },
    { data: { values }, mark: { type: 'point', filled: true, size: 30 }, encoding: { x, y, color } },
  ];
  if (values.some((v) => v.hasError))
    layers.push({
      data: { values: values.filter((v) => v.hasError) },
      mark: { type: 'rule' },
      encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color },
    });
  layers.push(...referenceLayers(o));
  return { ...base(o), layer: layers };
}
