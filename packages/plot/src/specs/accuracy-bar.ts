import { InvalidParameterError, checkProportion, type OptionsSchema, option, resolveOptions } from '@memsim/core';
import { REFERENCE_RULES, type ReferenceLines, referenceLayers } from './reference-lines';
import { CHART_RULES, type ChartOptions, type VegaLiteSpec, base, textRule } from './types';

/**
 * One bar of {@link accuracyBarSpec}.
 *
 * @example
 * const bar: AccuracyBar = { label: '8-bit ADC', accuracy: 0.97, error: 0.004 };
 * accuracyBarSpec([bar, { label: '4-bit ADC', accuracy: 0.88 }], { digital: 0.98 });
 */
export interface AccuracyBar {
  /** Category label, e.g. `'digital'`, `'memristive'`. */
  label: string;
  /** Accuracy in [0, 1]. */
  accuracy: number;
  /** Half-width of an error bar (e.g. one standard deviation over seeds), in accuracy units. Optional. */
  error?: number;
}

/**
 * Options of {@link accuracyBarSpec}.
 *
 * @example
 * const options: AccuracyBarOptions = { digital: 0.98, chance: 0.1, yTitle: 'test accuracy' };
 * accuracyBarSpec([{ label: 'tiled', accuracy: 0.96 }], options);
 */
export interface AccuracyBarOptions extends ChartOptions, ReferenceLines {
  /** Y-axis title. Default `'Accuracy'`. */
  yTitle?: string;
}

const OPTIONS_SCHEMA = {
  ...CHART_RULES,
  ...REFERENCE_RULES,
  yTitle: option.withDefault(textRule, 'Accuracy'),
} satisfies OptionsSchema<AccuracyBarOptions>;

/**
 * Builds a bar chart of accuracies (one bar per label, in the given order) with optional error bars, the digital
 * baseline and the chance level.
 *
 * @throws {InvalidParameterError} when there are no bars, an accuracy is outside [0, 1], or an option is unknown or
 *   breaks its rule.
 * @example accuracyBarSpec([{ label: 'memristive', accuracy: 0.97 }], { digital: 0.98, chance: 0.1 })
 */
export function accuracyBarSpec(bars: readonly AccuracyBar[], options: AccuracyBarOptions = {}): VegaLiteSpec {
  const o = resolveOptions('accuracyBarSpec', options, OPTIONS_SCHEMA);
  if (!Array.isArray(bars) || bars.length === 0)
    throw new InvalidParameterError({
      where: 'accuracyBarSpec',
      parameter: 'bars',
      value: bars,
      expected: 'a non-empty array of { label, accuracy }',
    });
  const values = bars.map((b, k) => {
    checkProportion('accuracyBarSpec', `bars[${k}].accuracy`, b.accuracy);
    const e = b.error ?? 0;
    return {
      label: b.label,
      accuracy: b.accuracy,
      lo: Math.max(0, b.accuracy - e),
      hi: Math.min(1, b.accuracy + e),
      hasError: b.error !== undefined,
    };
  });
  const x = { field: 'label', type: 'nominal', title: null, sort: bars.map((b) => b.label), axis: { labelAngle: -30 } };
  const layers: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'bar', color: '#4c78a8' },
      encoding: {
        x,
        y: {
          field: 'accuracy',
          type: 'quantitative',
          title: o.yTitle,
          scale: { domain: [0, 1] },
          axis: { format: '.0%' },
        },
      },
    },
  ];
  if (values.some((v) => v.hasError))
    layers.push({
      data: { values: values.filter((v) => v.hasError) },
      mark: { type: 'rule', color: '#222222' },
      encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
    });
  layers.push(...referenceLayers(o));
  return { ...base(o), layer: layers };
}
