import { InvalidParameterError, type OptionCheck, type OptionsSchema, option, rule } from '@memsim/core';

/**
 * A Vega-Lite (v6) specification as plain JSON: usable with vega-embed in a browser or {@link renderSvg} in Node.
 *
 * @example
 * const spec: VegaLiteSpec = accuracyLineSpec([{ x: 0, accuracy: 0.97 }]);
 * spec.$schema; // → the vega-lite schema URL: embed it with vega-embed, or render with renderSvg
 */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * Options every chart builder takes.
 *
 * @example
 * const options: ChartOptions = { title: 'Accuracy vs σ', width: 480, height: 300 }; // [px]
 * accuracyLineSpec([{ x: 0, accuracy: 0.97 }], options);
 */
export interface ChartOptions {
  /** Chart title. */
  title?: string;
  /** Width of the plotting area [px]. Default 360. */
  width?: number;
  /** Height of the plotting area [px]. Default 240. */
  height?: number;
}

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** The rule of a title option: a string. */
export const textRule: OptionCheck<string> = (where, parameter, value) => {
  if (typeof value !== 'string') throw new InvalidParameterError({ where, parameter, value, expected: 'a string' });
  return value;
};

/** The rules of {@link ChartOptions}, spread into each chart's schema (defaults differ per chart: applied by `base`). */
export const CHART_RULES = {
  title: option.optional(textRule),
  width: option.optional(rule.positive),
  height: option.optional(rule.positive),
} satisfies OptionsSchema<ChartOptions>;

/**
 * Shared top-level properties: schema, size, title, white background, fixed fonts (SVGs are reproducible). Takes
 * options resolved against {@link CHART_RULES}.
 */
export function base(options: ChartOptions, defaults: { width?: number; height?: number } = {}): VegaLiteSpec {
  const spec: VegaLiteSpec = {
    $schema: SCHEMA,
    width: options.width ?? defaults.width ?? 360,
    height: options.height ?? defaults.height ?? 240,
    background: 'white',
    config: { font: 'sans-serif' },
  };
  if (options.title !== undefined) spec.title = options.title;
  return spec;
}
