import type { Matrix } from '@memsim/core';
import type { Scheme } from './scheme';

/**
 * Options of a weight → conductance mapping routine (what {@link MappingRoutine} receives).
 *
 * @example
 * const options: MappingOptions = { rOn: 100, rOff: 16000, scheme: 'double-column', pL: 1 };
 * mapWeights({ rows: 1, cols: 2, data: [0.5, -1] }, options).gain.length; // → 2
 */
export interface MappingOptions {
  /** Mean low-resistance state of the devices [Ω]; > 0 and < `rOff`. g_on = 1/rOn [S]. */
  rOn: number;
  /** Mean high-resistance state of the devices [Ω]; > `rOn`. g_off = 1/rOff [S]. */
  rOff: number;
  /** How signed weights are stored: `'double-column'` (G⁺, G⁻) or `'single-column'` (G around g_m). */
  scheme: Scheme;
  /**
   * Percentile that sets w_max [1], in [0, 1]: |w| is sorted descending and w_max = sorted[⌊pL·(N − 1)⌋]
   * (0 → the largest magnitude, 1 → the smallest). Omit to use w_max = max |w|.
   * Caution: in the double-column scheme it also adds MemTorch's dead zone |w| ≤ w_max·rOn/rOff, and roughly a
   * fraction `pL` of the weights saturate (it is not the "proportion retained").
   */
  pL?: number;
  /** Number of evenly spaced conductance levels in [g_off, g_on] (integer ≥ 2); used by the `'levels'` routine. */
  levels?: number;
}

/**
 * What a mapping routine returns.
 *
 * @example
 * const result: MappingResult = mapWeights({ rows: 1, cols: 2, data: [0.5, -1] }, { rOn: 100, rOff: 16000, scheme: 'double-column' });
 * const [gPos, gNeg] = result.conductances; // weight · gain = G⁺ − G⁻, per column
 */
export interface MappingResult {
  /** [G⁺, G⁻] (double-column) or [G] (single-column), each shaped like the weights [S]. */
  conductances: Matrix<Float64Array>[];
  /**
   * Per output column [S per weight unit]: weight · gain = G⁺ − G⁻ (double-column) or G − referenceConductance
   * (single-column), exactly for ideal devices inside the mapped range. Divide crossbar outputs by it to get back
   * weight units.
   */
  gain: Float64Array;
  /** Single-column reference conductance g_m = (1/rOn + 1/rOff)/2 [S]; absent for double-column. */
  referenceConductance?: number;
}

/**
 * A weight → conductance mapping routine: a pure function of the weights (rows = inputs, cols = outputs) and the
 * mapping options. The built-ins are `naive`, `per-column` and `levels`; pass your own to `mapWeights`.
 * @example
 * // Your own mapping: every weight onto the middle of the conductance range, gain 1 (a placeholder routine).
 * const middle: MappingRoutine = (weights, options) => {
 *   const g = (1 / options.rOn + 1 / options.rOff) / 2;
 *   const data = new Float64Array(weights.rows * weights.cols).fill(g);
 *   const matrix = { rows: weights.rows, cols: weights.cols, data };
 *   return { conductances: [matrix, { ...matrix, data: data.slice() }], gain: new Float64Array(weights.cols).fill(1) };
 * };
 * mapWeights({ rows: 1, cols: 2, data: [0.5, -1] }, { routine: middle, rOn: 100, rOff: 16000, scheme: 'double-column' });
 */
export type MappingRoutine = (weights: Matrix, options: MappingOptions) => MappingResult;

/**
 * Names of the built-in mapping routines of `mapWeights`.
 *
 * @example
 * const routine: BuiltinRoutine = 'per-column'; // 'naive' (MemTorch's), 'per-column' or 'levels'
 */
export type BuiltinRoutine = 'naive' | 'per-column' | 'levels';
