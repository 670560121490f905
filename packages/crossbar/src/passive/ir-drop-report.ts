// MODULES //

import { type Matrix, type NumericArray, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { checkConductanceMatrix, checkVoltages } from './check-passive-input';
import { wrapCircuit } from './factor-passive';
import { buildPassiveCircuit } from './passive-circuit';
import { checkPassiveObject, PASSIVE_RULES, type PassiveOptions, passiveWiring } from './passive-options';

// TYPES //

/**
 * Options of {@link irDropReport}: the wiring plus the bit-line voltages.
 *
 * @example
 * const options: IrDropReportOptions = { sourceResistance: 1, lineResistance: 2.5, vBitLines: [0, 0] };
 * irDropReport({ rows: 2, cols: 2, data: [1e-3, 2e-3, 3e-3, 4e-3] }, [0.5, 1], options).maxAbsRelativeError;
 */
export interface IrDropReportOptions extends PassiveOptions {
  /** Bit-line terminal voltages (length cols) [V]. Default 0 V. */
  vBitLines?: NumericArray;
}

/**
 * Where a passive array loses accuracy, for one input vector.
 *
 * @example
 * const report: IrDropReport = irDropReport({ rows: 2, cols: 2, data: [1e-3, 2e-3, 3e-3, 4e-3] }, [0.5, 1], { sourceResistance: 1, lineResistance: 2.5 });
 * report.relativeError; // per bit line: (currents − idealCurrents) / idealCurrents
 */
export interface IrDropReport {
  /** Voltage across each device (rows × cols) [V]. */
  cellVoltages: Float64Array;
  /** Ideal voltage across each device, V_WL[i] − V_BL[j] (rows × cols) [V]. */
  idealCellVoltages: Float64Array;
  /** Bit-line currents of the circuit [A]. */
  currents: Float64Array;
  /** Ideal currents Σ_i G_ij·(V_WL[i] − V_BL[j]) (no wire or access resistance) [A]. */
  idealCurrents: Float64Array;
  /**
   * (currents − idealCurrents) / scale per output, where scale is |idealCurrents_j|, or the output's full scale
   * Σ_i G_ij·|V_WL[i] − V_BL[j]| when the ideal current is 0, or 1 when that is 0 too (then both currents are 0).
   */
  relativeError: Float64Array;
  /** max_j |relativeError_j|. */
  maxAbsRelativeError: number;
}

// MAIN //

const WHERE = 'irDropReport';
/** The rules of {@link IrDropReportOptions}; `vBitLines` is checked against the columns below. */
const SCHEMA = {
  ...PASSIVE_RULES,
  vBitLines: option.optional(rule.any<NumericArray>()),
} satisfies OptionsSchema<IrDropReportOptions>;

/**
 * IR-drop report of a passive crossbar for one input: the voltage each device actually sees against its ideal
 * V_WL[i] − V_BL[j], and each output's relative error against the ideal V·G. Circuit and units as in
 * `factorPassive`.
 *
 * @param G - conductances, rows × cols, finite, ≥ 0 [S]
 * @param voltages - word-line voltages (length rows) [V]
 * @param options - wiring [Ω] and optional `vBitLines` [V]
 * @throws {InvalidParameterError} when G, a voltage or a resistance is invalid, or an option key is unknown
 * @throws {ShapeMismatchError} when a vector has the wrong length
 * @example
 * const G = { rows: 2, cols: 2, data: [1e-3, 2e-3, 3e-3, 4e-3] }; // conductances [S], rows = word lines
 * const v = [0.5, 1]; // word-line voltages [V]
 * const r = irDropReport(G, v, { sourceResistance: 1, lineResistance: 2.5 });
 * r.maxAbsRelativeError; // → e.g. 0.08 (8 % worst-case output error)
 */
export function irDropReport(G: Matrix, voltages: NumericArray, options: IrDropReportOptions): IrDropReport {
  const g = checkConductanceMatrix(WHERE, 'G', G);
  const m = g.rows;
  const n = g.cols;
  const wl = checkVoltages(WHERE, 'voltages', voltages, [m], `(one voltage per word line = row; rows = ${m})`);
  checkPassiveObject(WHERE, options);
  const o = resolveOptions(WHERE, options, SCHEMA);
  const resolved = passiveWiring(o);
  const bl =
    o.vBitLines === undefined
      ? new Float64Array(n)
      : checkVoltages(WHERE, 'vBitLines', o.vBitLines, [n], `(cols = ${n})`);
  const solution = wrapCircuit(buildPassiveCircuit(g.data, m, n, resolved, WHERE), resolved).solve(wl, bl, {
    returnCellVoltages: true,
  });
  const idealCellVoltages = new Float64Array(m * n);
  const idealCurrents = new Float64Array(n);
  const fullScale = new Float64Array(n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const dv = wl[i]! - bl[j]!;
      const gij = g.data[i * n + j]!;
      idealCellVoltages[i * n + j] = dv;
      idealCurrents[j]! += gij * dv;
      fullScale[j]! += gij * Math.abs(dv);
    }
  const relativeError = new Float64Array(n);
  let maxAbsRelativeError = 0;
  for (let j = 0; j < n; j++) {
    const scale = idealCurrents[j] !== 0 ? Math.abs(idealCurrents[j]!) : fullScale[j] !== 0 ? fullScale[j]! : 1;
    relativeError[j] = (solution.currents[j]! - idealCurrents[j]!) / scale;
    maxAbsRelativeError = Math.max(maxAbsRelativeError, Math.abs(relativeError[j]!));
  }
  return {
    cellVoltages: solution.cellVoltages!,
    idealCellVoltages,
    currents: solution.currents,
    idealCurrents,
    relativeError,
    maxAbsRelativeError,
  };
}
