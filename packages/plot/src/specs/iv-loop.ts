import {
  InvalidParameterError,
  checkFiniteArray,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { CHART_RULES, type ChartOptions, type VegaLiteSpec, base } from './types';

/**
 * One I-V trace.
 *
 * @example
 * const loop: IvSeries = { label: 'device 1', voltage: [0, 1, 0, -1, 0], current: [0, 1e-3, 2e-4, -1e-3, 0] }; // [V], [A]
 * ivLoopSpec([loop]);
 */
export interface IvSeries {
  /** Legend label, e.g. the model name. */
  label: string;
  /** Voltages [V]. */
  voltage: ArrayLike<number>;
  /** Currents [A], same length as `voltage`. */
  current: ArrayLike<number>;
}

/**
 * Options of {@link ivLoopSpec}.
 *
 * @example
 * const options: IvLoopOptions = { scale: 'symlog', maxPoints: 500, title: 'VTEAM I-V' };
 * ivLoopSpec([{ label: 'VTEAM', voltage: [0, 1, 0, -1, 0], current: [0, 1e-3, 2e-4, -1e-3, 0] }], options);
 */
export interface IvLoopOptions extends ChartOptions {
  /** Current axis: `'linear'` or `'symlog'` (shows the low-current branch of a loop). Default `'linear'`. */
  scale?: 'linear' | 'symlog';
  /** Keep at most this many points per series (evenly strided). Default 2000. */
  maxPoints?: number;
}

const SCALES = ['linear', 'symlog'] as const;

const OPTIONS_SCHEMA = {
  ...CHART_RULES,
  scale: option.withDefault(rule.oneOf(SCALES), 'linear'),
  maxPoints: option.withDefault(rule.positiveInteger, 2000),
} satisfies OptionsSchema<IvLoopOptions>;

/**
 * Builds an I-V loop chart (current against voltage, points joined in time order), one line per series — the
 * pinched hysteresis figure of MemTorch's tutorial.
 *
 * @throws {InvalidParameterError} when a series has no points, lengths differ, or values are not finite.
 * @example
 * // A sweep, e.g. `hysteresisLoop(new Memristor(VTEAM))` of @memsim/devices: voltages [V] and currents [A].
 * const voltage = [0, 0.5, 1, 0.5, 0, -0.5, -1, -0.5, 0];
 * const current = [0, 1e-4, 4e-4, 3e-4, 0, -1e-4, -4e-4, -3e-4, 0];
 * ivLoopSpec([{ label: 'VTEAM', voltage, current }], { scale: 'symlog' }); // → a vega-lite spec
 */
export function ivLoopSpec(series: readonly IvSeries[], options: IvLoopOptions = {}): VegaLiteSpec {
  const o = resolveOptions('ivLoopSpec', options, OPTIONS_SCHEMA);
  const { scale, maxPoints } = o;
  if (!Array.isArray(series) || series.length === 0)
    throw new InvalidParameterError({
      where: 'ivLoopSpec',
      parameter: 'series',
      value: series,
      expected: 'a non-empty array of { label, voltage, current }',
    });
  const values: { series: string; t: number; voltage: number; current: number }[] = [];
  for (const s of series) {
    const v = checkFiniteArray('ivLoopSpec', `${s.label}.voltage`, s.voltage);
    const i = checkFiniteArray('ivLoopSpec', `${s.label}.current`, s.current);
    if (v.length !== i.length || v.length === 0)
      throw new InvalidParameterError({
        where: 'ivLoopSpec',
        parameter: `${s.label}.current`,
        value: i.length,
        expected: `${v.length} points (one per voltage, at least one)`,
      });
    const stride = Math.max(1, Math.ceil(v.length / maxPoints));
    for (let k = 0; k < v.length; k += stride) values.push({ series: s.label, t: k, voltage: v[k]!, current: i[k]! });
  }
  const currents = values.map((p) => p.current);
  const constant = symlogConstant(currents);
  const yScale: Record<string, unknown> = scale === 'symlog' ? { type: 'symlog', constant } : { type: 'linear' };
  const yAxis: Record<string, unknown> =
    scale === 'symlog' ? { format: '.0e', values: decadeTicks(currents, constant) } : { format: '.1e' };
  return {
    ...base(o),
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'voltage', type: 'quantitative', title: 'Voltage [V]' },
      y: { field: 'current', type: 'quantitative', title: 'Current [A]', scale: yScale, axis: yAxis },
      order: { field: 't', type: 'quantitative' },
      color: { field: 'series', type: 'nominal', title: null, legend: series.length > 1 ? {} : null },
    },
  };
}

/** Tick values at ±1·10^k between the symlog constant and the largest |current|, plus 0 (at most 4 per sign). */
function decadeTicks(currents: number[], constant: number): number[] {
  let lo = 0;
  let hi = 0;
  for (const c of currents) {
    lo = Math.min(lo, c);
    hi = Math.max(hi, c);
  }
  const k0 = Math.ceil(Math.log10(constant));
  const k1 = Math.floor(Math.log10(Math.max(-lo, hi, constant)));
  const step = Math.max(1, Math.ceil((k1 - k0 + 1) / 4));
  const ticks = [0];
  for (let k = k1; k >= k0; k -= step) {
    const t = 10 ** k;
    if (t <= hi) ticks.push(t);
    if (-t >= lo) ticks.push(-t);
  }
  return ticks.sort((a, b) => a - b);
}

/** A symlog constant near the smallest non-zero |current|, so decades below the peak stay visible. */
function symlogConstant(currents: number[]): number {
  let peak = 0;
  for (const c of currents) peak = Math.max(peak, Math.abs(c));
  return peak > 0 ? peak * 1e-4 : 1;
}
