import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import {
  accuracyBarSpec,
  accuracyLineSpec,
  conductanceHeatmapSpec,
  initPng,
  ivLoopSpec,
  renderPng,
} from '../../src/index';

// Issue 20, "one options resolver": every chart builder resolves its options through core's resolveOptions and a
// schema typed against its options interface; the chart and reference-line rules are written once and spread into
// each schema. Each bad option is an InvalidParameterError naming the builder, the parameter and the rule.
const bars = [{ label: 'a', accuracy: 0.5 }];
const points = [{ x: 1, accuracy: 0.5 }];
const series = [{ label: 'VTEAM', voltage: [0, 1], current: [0, 1e-3] }];
const panels = [{ label: 'G', conductance: { rows: 1, cols: 2, data: [1e-3, 2e-3] } }];

const cases: [string, () => unknown, RegExp][] = [
  // unknown keys
  [
    'accuracyBarSpec: unknown key',
    () => accuracyBarSpec(bars, { xTitle: 'x' } as never),
    /^accuracyBarSpec: unknown key `xTitle`/,
  ],
  [
    'accuracyLineSpec: unknown key',
    () => accuracyLineSpec(points, { xscale: 'log' } as never),
    /did you mean `xScale`\?/,
  ],
  [
    'ivLoopSpec: unknown key',
    () => ivLoopSpec(series, { maxPoint: 10 } as never),
    /^ivLoopSpec: unknown key `maxPoint`; did you mean `maxPoints`\?/,
  ],
  [
    'conductanceHeatmapSpec: unknown key',
    () => conductanceHeatmapSpec(panels, { digital: 1 } as never),
    /^conductanceHeatmapSpec: unknown key `digital`/,
  ],
  ['renderPng: unknown key', () => renderPng('<svg/>', { zoom: 2 } as never), /^renderPng: unknown key `zoom`/],
  // wrong types
  [
    'accuracyBarSpec: title',
    () => accuracyBarSpec(bars, { title: 3 as never }),
    /^accuracyBarSpec: `title` must be a string; received 3/,
  ],
  [
    'accuracyLineSpec: yTitle',
    () => accuracyLineSpec(points, { yTitle: null as never }),
    /^accuracyLineSpec: `yTitle` must be a string; received null/,
  ],
  [
    'accuracyLineSpec: xScale',
    () => accuracyLineSpec(points, { xScale: 'ln' as never }),
    /^accuracyLineSpec: `xScale` must be one of 'linear', 'log'/,
  ],
  [
    'ivLoopSpec: scale',
    () => ivLoopSpec(series, { scale: 'log' as never }),
    /^ivLoopSpec: `scale` must be one of 'linear', 'symlog'/,
  ],
  [
    'conductanceHeatmapSpec: domain',
    () => conductanceHeatmapSpec(panels, { domain: 1 as never }),
    /^conductanceHeatmapSpec: `domain` must be \[lo, hi\]/,
  ],
  [
    'renderPng: scale',
    () => renderPng('<svg/>', { scale: '2' as never }),
    /^renderPng: `scale` must be a finite number > 0/,
  ],
  // out of range
  [
    'accuracyBarSpec: digital',
    () => accuracyBarSpec(bars, { digital: 2 }),
    /^accuracyBarSpec: `digital` must be .*received 2/,
  ],
  [
    'accuracyLineSpec: chance',
    () => accuracyLineSpec(points, { chance: -0.1 }),
    /^accuracyLineSpec: `chance` must be .*received -0\.1/,
  ],
  [
    'accuracyLineSpec: width',
    () => accuracyLineSpec(points, { width: 0 }),
    /^accuracyLineSpec: `width` must be a finite number > 0; received 0/,
  ],
  [
    'ivLoopSpec: height',
    () => ivLoopSpec(series, { height: Number.NaN }),
    /^ivLoopSpec: `height` must be a finite number > 0/,
  ],
  [
    'ivLoopSpec: maxPoints',
    () => ivLoopSpec(series, { maxPoints: 0.5 }),
    /^ivLoopSpec: `maxPoints` must be a positive integer/,
  ],
  [
    'conductanceHeatmapSpec: reversed domain',
    () => conductanceHeatmapSpec(panels, { domain: [2e-3, 1e-3] }),
    /`domain` must be \[lo, hi\] with finite lo < hi/,
  ],
  [
    'renderPng: scale ≤ 0',
    () => renderPng('<svg/>', { scale: -1 }),
    /^renderPng: `scale` must be a finite number > 0; received -1/,
  ],
];

describe('chart options', () => {
  it.each(cases)('%s', (_case, call, message) => {
    expect(call).toThrow(InvalidParameterError);
    expect(call).toThrow(message);
  });

  it('absent options take their defaults; given ones reach the spec', () => {
    const line = accuracyLineSpec(points) as {
      width: number;
      height: number;
      layer: { encoding: { x: { title: string } } }[];
    };
    expect([line.width, line.height, line.layer[0]!.encoding.x.title]).toEqual([360, 240, 'x']);
    const bar = accuracyBarSpec(bars, { title: 'T', width: 100, digital: 0.9 }) as {
      title: string;
      width: number;
      layer: unknown[];
    };
    expect([bar.title, bar.width, bar.layer.length]).toEqual(['T', 100, 3]);
    const heat = conductanceHeatmapSpec(panels, { domain: [0, 1] }) as {
      hconcat: { encoding: { color: { scale: { domain: number[] } } } }[];
    };
    expect(heat.hconcat[0]!.encoding.color.scale.domain).toEqual([0, 1]);
  });
});

describe('initPng options', () => {
  // A failed call leaves the renderer unloaded, so each case starts afresh.
  it.each([
    [{ font: [] }, /^initPng: unknown key `font`; did you mean `fonts`\?/],
    [{ fonts: [] }, /^initPng: `fonts` must be a non-empty array of TTF\/OTF file bytes/],
    [{ fonts: ['DejaVuSans.ttf'] }, /^initPng: `fonts` must be a non-empty array of TTF\/OTF file bytes/],
    ['fonts', /^initPng: `options` must be an options object/],
  ])('rejects %j', async (options, message) => {
    await expect(initPng(options as never)).rejects.toSatisfy((e: unknown) => InvalidParameterError.isInstance(e));
    await expect(initPng(options as never)).rejects.toThrow(message);
  });
});
