import { InvalidParameterError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import * as plot from '../../src/index';
import {
  accuracyBarSpec,
  accuracyLineSpec,
  conductanceHeatmapSpec,
  countMarks,
  ivLoopSpec,
  renderSvg,
} from '../../src/index';

function sineLoop(n: number, gain: number) {
  const voltage = new Float64Array(n);
  const current = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const v = Math.sin((2 * Math.PI * k) / n);
    voltage[k] = v;
    current[k] = gain * v * (1 + 0.5 * Math.sin((2 * Math.PI * k) / n - 1));
  }
  return { voltage, current };
}

function expectValidSvg(svg: string): void {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  expect(svg).toMatch(/width="\d+(\.\d+)?"/);
  expect(svg).not.toMatch(/NaN/);
  // balanced group tags
  expect((svg.match(/<g[\s>]/g) ?? []).length).toBe((svg.match(/<\/g>/g) ?? []).length);
}

describe('@memsim/plot public entry', () => {
  it('exports the spec builders and renderers', () => {
    expect(Object.keys(plot).sort()).toEqual([
      'accuracyBarSpec',
      'accuracyLineSpec',
      'conductanceHeatmapSpec',
      'countMarks',
      'initPng',
      'ivLoopSpec',
      'renderPng',
      'renderSvg',
    ]);
  });
});

describe('ivLoopSpec', () => {
  it.each(['linear', 'symlog'] as const)('renders one line per series (%s)', async (scale) => {
    const svg = await renderSvg(
      ivLoopSpec(
        [
          { label: 'a', ...sineLoop(200, 1e-4) },
          { label: 'b', ...sineLoop(200, 2e-4) },
        ],
        { scale, title: 'loop' },
      ),
    );
    expectValidSvg(svg);
    expect(countMarks(svg)).toEqual({ line: 2 });
    expect(svg).toContain('Voltage [V]');
  });
  it('the symlog scale changes the drawn path', async () => {
    const s = [{ label: 'a', ...sineLoop(100, 1e-4) }];
    expect(await renderSvg(ivLoopSpec(s, { scale: 'symlog' }))).not.toEqual(await renderSvg(ivLoopSpec(s)));
  });
  it('strides long series down to maxPoints', () => {
    const spec = ivLoopSpec([{ label: 'a', ...sineLoop(10000, 1) }], { maxPoints: 500 });
    expect((spec.data as { values: unknown[] }).values.length).toBe(500);
  });
  it.each([
    [[], {}],
    [[{ label: 'a', voltage: [1, 2], current: [1] }], {}],
    [[{ label: 'a', voltage: [1, Number.NaN], current: [1, 2] }], {}],
    [[{ label: 'a', voltage: [1], current: [1] }], { scale: 'log' }],
  ])('rejects bad input %#', (series, options) => {
    expect(() => ivLoopSpec(series as never, options as never)).toThrow(InvalidParameterError);
  });
});

describe('conductanceHeatmapSpec', () => {
  it('renders one rect per cell per panel', async () => {
    const g = (seed: number) => ({
      rows: 6,
      cols: 5,
      data: Float64Array.from({ length: 30 }, (_, k) => 1e-6 + ((k * seed) % 7) * 1e-5),
    });
    const svg = await renderSvg(
      conductanceHeatmapSpec([
        { label: 'before', conductance: g(1) },
        { label: 'after', conductance: g(3) },
      ]),
    );
    expectValidSvg(svg);
    expect(countMarks(svg)).toEqual({ rect: 60 });
    expect(svg).toContain('before');
  });
  it('rejects a malformed matrix and an empty panel list', () => {
    expect(() => conductanceHeatmapSpec([])).toThrow(InvalidParameterError);
    expect(() =>
      conductanceHeatmapSpec([{ label: 'x', conductance: { rows: 2, cols: 2, data: new Float64Array(3) } }]),
    ).toThrow(/conductance/);
  });
});

describe('accuracyBarSpec', () => {
  it('renders bars, error bars, digital baseline and chance level', async () => {
    const svg = await renderSvg(
      accuracyBarSpec(
        [
          { label: 'digital', accuracy: 0.98 },
          { label: 'memristive', accuracy: 0.95, error: 0.01 },
          { label: 'faults', accuracy: 0.7, error: 0.05 },
        ],
        { digital: 0.98, chance: 0.1 },
      ),
    );
    expectValidSvg(svg);
    expect(countMarks(svg)).toEqual({ bar: 3, rule: 4, text: 2 });
  });
  it('omits reference lines that are not given', async () => {
    const svg = await renderSvg(accuracyBarSpec([{ label: 'a', accuracy: 0.5 }]));
    expect(countMarks(svg)).toEqual({ bar: 1 });
  });
  it.each([[[]], [[{ label: 'a', accuracy: 1.5 }]], [[{ label: 'a', accuracy: Number.NaN }]]])(
    'rejects bad bars %#',
    (bars) => {
      expect(() => accuracyBarSpec(bars as never)).toThrow(InvalidParameterError);
    },
  );
  it('rejects a digital baseline outside [0, 1]', () => {
    expect(() => accuracyBarSpec([{ label: 'a', accuracy: 0.5 }], { digital: 2 })).toThrow(/digital/);
  });
});

describe('accuracyLineSpec', () => {
  it('renders one line per series, one point per sweep value, one error bar per point with error', async () => {
    const points = [0, 0.1, 0.2, 0.3].flatMap((x, k) => [
      { x, accuracy: 0.98 - 0.1 * k, error: 0.01 * k, series: 'LRS' },
      { x, accuracy: 0.97 - 0.2 * k, series: 'HRS' },
    ]);
    const svg = await renderSvg(accuracyLineSpec(points, { xTitle: 'failure rate', digital: 0.98, chance: 0.1 }));
    expectValidSvg(svg);
    expect(countMarks(svg)).toEqual({ line: 2, point: 8, rule: 6, text: 2 });
  });
  it('supports a log x scale and rejects x <= 0 on it', async () => {
    const svg = await renderSvg(
      accuracyLineSpec(
        [
          { x: 1, accuracy: 0.5 },
          { x: 100, accuracy: 0.9 },
        ],
        { xScale: 'log' },
      ),
    );
    expect(countMarks(svg)).toEqual({ line: 1, point: 2 });
    expect(() => accuracyLineSpec([{ x: 0, accuracy: 0.5 }], { xScale: 'log' })).toThrow(/points\[0\]\.x/);
  });
});
