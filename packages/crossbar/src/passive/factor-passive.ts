// MODULES //

import {
  checkPositiveInteger,
  type Matrix,
  type NumericArray,
  type OptionsSchema,
  option,
  resolveOptions,
  rule,
} from '@memsim/core';
import { checkConductanceMatrix, checkVoltages } from './check-passive-input';
import { buildPassiveCircuit, type PassiveCircuit } from './passive-circuit';
import {
  DEFAULT_PASSIVE_OPTIONS,
  type PassiveOptions,
  type ResolvedPassiveOptions,
  resolvePassiveOptions,
} from './passive-options';
import { solveCircuitBatch } from './passive-solve-kernel';

// TYPES //

/**
 * Result of one passive solve.
 *
 * @example
 * const solution: PassiveSolution = solvePassive({ rows: 1, cols: 1, data: [1e-3] }, [1], [0], { sourceResistance: 0, lineResistance: 0 });
 * solution.currents; // → Float64Array [0.001] [A]
 */
export interface PassiveSolution {
  /** Current out of each bit line, I_j = Σ_i G_ij·v_ij (length cols) [A]. */
  currents: Float64Array;
  /** Voltage across each device v_ij (rows × cols, row-major) [V]; only when asked for. */
  cellVoltages?: Float64Array;
}

/**
 * Options of {@link PassiveFactorization.solve}.
 *
 * @example
 * const f = factorPassive({ rows: 1, cols: 2, data: [1e-3, 2e-3] }, { sourceResistance: 1, lineResistance: 1 });
 * const options: PassiveSolveOptions = { returnCellVoltages: true };
 * f.solve([1], [0, 0], options).cellVoltages; // → the voltage across each device [V]
 */
export interface PassiveSolveOptions {
  /** Also return the voltage across every device. Default false. */
  returnCellVoltages?: boolean;
}

/**
 * Options of {@link PassiveFactorization.solveBatch}.
 *
 * @example
 * const f = factorPassive({ rows: 2, cols: 2, data: [1e-3, 2e-3, 3e-3, 4e-3] }, { sourceResistance: 5, lineResistance: 1 });
 * const options: PassiveBatchOptions = { vBitLines: [0, 0] }; // bit lines held at 0 V (virtual ground)
 * f.solveBatch(new Float64Array([0.5, 1, 1, 0]), 2, options); // → 2 × 2 currents [A]
 */
export interface PassiveBatchOptions {
  /** Bit-line terminal voltages [V]: `cols` values shared by the batch, or `batch × cols`. Default 0 V. */
  vBitLines?: NumericArray;
}

/**
 * A passive crossbar whose nodal system is factored once; solve it for any number of input vectors.
 *
 * @example
 * const f: PassiveFactorization = factorPassive({ rows: 2, cols: 2, data: [1e-3, 2e-3, 3e-3, 4e-3] }, { sourceResistance: 5, lineResistance: 1 });
 * f.solve([0.5, 1]).currents; // factor once, then solve for every input vector
 */
export interface PassiveFactorization {
  /** Word lines (inputs). */
  readonly rows: number;
  /** Bit lines (outputs). */
  readonly cols: number;
  /** The wiring it was factored for (defaults applied). */
  readonly options: ResolvedPassiveOptions;
  /** Free node voltages of the reduced nodal system (2·rows·cols minus pinned and merged nodes). */
  readonly unknowns: number;
  /** Entries of the Cholesky factor (a measure of its memory: 12 bytes each). */
  readonly factorNonZeros: number;
  /**
   * Bit-line currents for one input.
   * @param vWordLines - word-line source voltages (length rows) [V]
   * @param vBitLines - bit-line terminal voltages (length cols) [V]; default 0 V
   * @throws {InvalidParameterError} when a voltage is not finite or an option is unknown
   * @throws {ShapeMismatchError} when a vector has the wrong length
   */
  solve(vWordLines: NumericArray, vBitLines?: NumericArray, options?: PassiveSolveOptions): PassiveSolution;
  /**
   * Bit-line currents for a batch: `voltages` is batch × rows (row-major), the result batch × cols [A].
   * @throws {InvalidParameterError} when `batch` is not a positive integer or a voltage is not finite
   * @throws {ShapeMismatchError} when `voltages` or `vBitLines` has the wrong length
   */
  solveBatch(voltages: NumericArray, batch: number, options?: PassiveBatchOptions): Float64Array;
}

// MAIN //

const WHERE = 'factorPassive';
const SOLVE_SCHEMA = {
  returnCellVoltages: option.withDefault(rule.boolean, DEFAULT_PASSIVE_OPTIONS.returnCellVoltages),
} satisfies OptionsSchema<PassiveSolveOptions>;
// `vBitLines` is checked against the batch below.
const BATCH_SCHEMA = {
  vBitLines: option.optional(rule.any<NumericArray>()),
} satisfies OptionsSchema<PassiveBatchOptions>;

/** Wraps a built circuit as a {@link PassiveFactorization}. */
export function wrapCircuit(circuit: PassiveCircuit, options: ResolvedPassiveOptions): PassiveFactorization {
  const m = circuit.rows;
  const n = circuit.cols;
  return Object.freeze({
    rows: m,
    cols: n,
    options,
    unknowns: circuit.unknowns,
    factorNonZeros: circuit.factorNonZeros,
    solve(vWordLines: NumericArray, vBitLines?: NumericArray, solveOptions?: PassiveSolveOptions): PassiveSolution {
      const where = 'PassiveFactorization.solve';
      const wl = checkVoltages(where, 'vWordLines', vWordLines, [m], `(one voltage per word line = row; rows = ${m})`);
      const bl =
        vBitLines === undefined
          ? null
          : checkVoltages(where, 'vBitLines', vBitLines, [n], `(one voltage per bit line = column; cols = ${n})`);
      const wantCells = resolveOptions(where, solveOptions, SOLVE_SCHEMA).returnCellVoltages;
      const currents = new Float64Array(n);
      const cellVoltages = wantCells ? new Float64Array(m * n) : undefined;
      solveCircuitBatch(circuit, 1, {
        wordLines: wl,
        wordStride: m,
        wordOffset: 0,
        bitLines: bl,
        bitStride: 0,
        out: currents,
        outStride: n,
        outOffset: 0,
        ...(cellVoltages ? { cellVoltages } : {}),
      });
      return cellVoltages ? { currents, cellVoltages } : { currents };
    },
    solveBatch(voltages: NumericArray, batch: number, batchOptions?: PassiveBatchOptions): Float64Array {
      const where = 'PassiveFactorization.solveBatch';
      checkPositiveInteger(where, 'batch', batch);
      const wl = checkVoltages(where, 'voltages', voltages, [batch, m], `(batch × rows = ${batch} × ${m})`);
      const v = resolveOptions(where, batchOptions, BATCH_SCHEMA).vBitLines;
      let bl: NumericArray | null = null;
      let bitStride = 0;
      if (v !== undefined) {
        const shared = v !== null && typeof v === 'object' && 'length' in v && v.length === n;
        bl = checkVoltages(
          where,
          'vBitLines',
          v,
          shared ? [n] : [batch, n],
          `(cols = ${n} or batch × cols = ${batch} × ${n})`,
        );
        bitStride = shared ? 0 : n;
      }
      const out = new Float64Array(batch * n);
      solveCircuitBatch(circuit, batch, {
        wordLines: wl,
        wordStride: m,
        wordOffset: 0,
        bitLines: bl,
        bitStride,
        out,
        outStride: n,
        outOffset: 0,
      });
      return out;
    },
  });
}

/**
 * Factors the nodal system of a passive crossbar once (sparse Cholesky, geometric nested-dissection order) so that
 * any number of input vectors can then be solved cheaply. Rows = word lines = inputs, columns = bit lines = outputs.
 *
 * Circuit (MemTorch 1.1.6's passive crossbar solver): word line i is driven at column 0 by V_WL[i] through `sourceResistance`, bit line j
 * is terminated at row m−1 into V_BL[j] through `sourceResistance`, neighbouring cells are joined by
 * `wordLineResistance` / `bitLineResistance` segments, and device (i, j) — in series with `accessResistance` —
 * joins W(i,j) to B(i,j). A zero source resistance pins the end node to its source, a zero line resistance merges
 * the line into one node; with both zero the currents are exactly V·G.
 *
 * @param G - conductances, rows × cols, every entry finite and ≥ 0 [S]
 * @param options - the wiring: `sourceResistance`, `lineResistance` (required) [Ω], optional
 *   `wordLineResistance`, `bitLineResistance`, `accessResistance` [Ω]
 * @returns a {@link PassiveFactorization} with `solve` and `solveBatch`
 * @throws {InvalidParameterError} when G is not a matrix of finite conductances ≥ 0, or a resistance is missing,
 *   negative or not finite, or an option key is unknown
 * @throws {ShapeMismatchError} when `G.data` does not hold rows·cols entries
 * @example
 * const f = factorPassive({ rows: 2, cols: 2, data: [1e-3, 2e-3, 3e-3, 4e-3] }, { sourceResistance: 5, lineResistance: 1 });
 * f.solve([0.5, 1]).currents; // → Float64Array [0.0033268, 0.0046941] (V·G would be 0.0035, 0.005)
 */
export function factorPassive(G: Matrix, options: PassiveOptions): PassiveFactorization {
  const g = checkConductanceMatrix(WHERE, 'G', G);
  const resolved = resolvePassiveOptions(WHERE, options);
  return wrapCircuit(buildPassiveCircuit(g.data, g.rows, g.cols, resolved, WHERE), resolved);
}
