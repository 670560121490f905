// Helpers to read the trimmed device golden files (see test/golden/README.md).
import { loadGolden } from '@memsim/core/testing';

export interface GoldenSeries {
  length: number;
  summary: { sum: number; sum_abs: number; min: number; max: number; first: number; last: number };
  stride: number;
  data_strided: number[];
  head?: number[];
  tail?: number[];
}

export interface GoldenSweep {
  ok: boolean;
  value: { voltage: GoldenSeries; current: GoldenSeries; final_state: Record<string, number> };
}

export interface Attempt<T> {
  ok: boolean;
  value: T;
  error?: string;
}

export interface DeviceGolden {
  default_state: Record<string, number>;
  hysteresis: GoldenSweep;
  bipolar: GoldenSweep;
  pulse_trains: Record<
    string,
    {
      voltage: number[];
      whole_signal_call: Attempt<{ current: number[]; final_state: Record<string, number> }>;
      one_call_per_step: Attempt<{
        g_after_step: number[];
        current: number[];
        state_after_step: Record<string, number>[];
      }>;
    }
  >;
  set_conductance: {
    g: number;
    result: Attempt<{
      g_after: number;
      get_resistance: number;
      state: Record<string, number>;
      current: Record<string, Attempt<number>>;
    }>;
  }[];
  current_fresh_instance: Attempt<Record<string, Attempt<number>>>;
  voltages_for_current: number[];
}

/** Loads `memristor_<name>.json` from test/golden. */
export function deviceGolden(name: string): DeviceGolden {
  return loadGolden<DeviceGolden>(new URL(`./golden/memristor_${name}.json`, import.meta.url));
}

/** The golden points of a series and the matching entries of a full computed array. */
export function alignSeries(series: GoldenSeries, full: ArrayLike<number>): { got: number[]; expected: number[] } {
  const got: number[] = [];
  const expected: number[] = [];
  for (let k = 0; k < series.data_strided.length; k++) {
    got.push(full[k * series.stride]!);
    expected.push(series.data_strided[k]!);
  }
  if (series.head)
    for (let k = 0; k < series.head.length; k++) {
      got.push(full[k]!);
      expected.push(series.head[k]!);
    }
  if (series.tail)
    for (let k = 0; k < series.tail.length; k++) {
      got.push(full[full.length - series.tail.length + k]!);
      expected.push(series.tail[k]!);
    }
  return { got, expected };
}

/** max |got − expected| / max |expected| (a scale-free error for reports). */
export function relativeMaxError(got: ArrayLike<number>, expected: ArrayLike<number>): number {
  let scale = 0;
  let worst = 0;
  for (let k = 0; k < expected.length; k++) {
    scale = Math.max(scale, Math.abs(expected[k]!));
    worst = Math.max(worst, Math.abs(got[k]! - expected[k]!));
  }
  return scale === 0 ? worst : worst / scale;
}
