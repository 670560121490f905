import { type OptionsSchema, option, rule } from '@memsim/core';

/**
 * Reference levels drawn across an accuracy chart.
 *
 * @example
 * const lines: ReferenceLines = { digital: 0.98, chance: 0.1 }; // horizontal rules for the float model and guessing
 * accuracyLineSpec([{ x: 0, accuracy: 0.97 }], lines);
 */
export interface ReferenceLines {
  /** Accuracy of the digital (float) network, in [0, 1]: a dashed rule labelled "digital". */
  digital?: number;
  /** Chance level, in [0, 1] (1 / classes): a dotted rule labelled "chance". */
  chance?: number;
}

/** The rules of {@link ReferenceLines}, spread into the schema of each accuracy chart. */
export const REFERENCE_RULES = {
  digital: option.optional(rule.proportion),
  chance: option.optional(rule.proportion),
} satisfies OptionsSchema<ReferenceLines>;

/**
 * Vega-Lite layers for the digital baseline and chance level (one rule and one text mark each), from lines resolved
 * against {@link REFERENCE_RULES}.
 */
export function referenceLayers(lines: ReferenceLines): Record<string, unknown>[] {
  const layers: Record<string, unknown>[] = [];
  const add = (name: 'digital' | 'chance', dash: number[], color: string) => {
    const value = lines[name];
    if (value === undefined) return;
    const data = { values: [{ level: value, name }] };
    layers.push({
      data,
      mark: { type: 'rule', strokeDash: dash, color },
      encoding: { y: { field: 'level', type: 'quantitative' } },
    });
    layers.push({
      data,
      mark: { type: 'text', align: 'right', dy: -5, x: 'width', color, fontSize: 10 },
      encoding: { y: { field: 'level', type: 'quantitative' }, text: { field: 'name' } },
    });
  };
  add('digital', [6, 3], '#333333');
  add('chance', [2, 2], '#999999');
  return layers;
}
