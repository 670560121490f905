// Test helper: the trimmed MemTorch golden file of this package (see README.md beside it).
import { flatTensor, loadGolden } from '@memsim/core/testing';

export interface GoldenCase {
  scheme: 'DoubleColumn' | 'SingleColumn';
  tile_shape: null | number[];
  kind: string;
  model?: string;
  tag?: string;
  x?: number;
  time?: number;
  initial_time?: number;
  drift_coefficient?: number;
  kwargs?: {
    operation_mode: 'sudden' | 'gradual';
    p_lrs: [number, number, number, number];
    p_hrs: [number, number, number, number];
    stable_resistance_lrs: number;
    stable_resistance_hrs: number;
    cell_size: number | null;
    temperature: number | null;
  };
  conductance_states?: number;
  sweep_duration?: number;
  conductance_matrices?: unknown[];
  result?: {
    ok: boolean;
    value: {
      conductance_matrices: unknown[];
      unchanged_vs_baseline?: boolean[];
      det_current_device0?: Record<string, { ok: boolean; value: number }>;
      device0_g?: number;
    };
  };
}

export interface GoldenFile {
  cases: GoldenCase[];
  scale_p_0: {
    p_0: number;
    p_1: number;
    v_stop: number;
    v_stop_min: number;
    v_stop_max: number;
    v_stop_optimal: number;
    cell_size: number | null;
    result: { ok: boolean; value: number };
  }[];
}

export const golden = loadGolden<GoldenFile>(new URL('./nonidealities.json', import.meta.url));

/** The baseline conductance matrices (flat, row-major 16×4) of a scheme. */
export function baseline(scheme: GoldenCase['scheme']): Float64Array[] {
  const c = golden.cases.find((k) => k.kind === 'baseline' && k.scheme === scheme)!;
  return c.conductance_matrices!.map((m) => flatTensor(m).data);
}

/** The result matrices of a case. */
export function resultMatrices(c: GoldenCase): Float64Array[] {
  return c.result!.value.conductance_matrices.map((m) => flatTensor(m).data);
}
