// MODULES //

import { type Matrix, type NumericArray, type OptionsSchema, option, resolveOptions, rule } from '@memsim/core';
import { checkConductanceMatrix, checkVoltages } from './check-passive-input';
import { type PassiveSolution, wrapCircuit } from './factor-passive';
import { buildPassiveCircuit } from './passive-circuit';
import {
  checkPassiveObject,
  DEFAULT_PASSIVE_OPTIONS,
  PASSIVE_RULES,
  passiveWiring,
  type SolvePassiveOptions,
} from './passive-options';

/** The rules of {@link SolvePassiveOptions}: the wiring plus what to return. */
const SCHEMA = {
  ...PASSIVE_RULES,
  returnCellVoltages: option.withDefault(rule.boolean, DEFAULT_PASSIVE_OPTIONS.returnCellVoltages),
} satisfies OptionsSchema<SolvePassiveOptions>;

// MAIN //

const WHERE = 'solvePassive';

/**
 * Solves a passive crossbar with source and line resistance for one input: the bit-line currents and, when asked,
 * the voltage across every device. For many inputs on the same array use `factorPassive` (this factors anew on
 * every call). Circuit, special cases and units as in `factorPassive`.
 *
 * @param G - conductances, rows × cols, finite, ≥ 0 [S]
 * @param vWordLines - word-line source voltages (length rows) [V]
 * @param vBitLines - bit-line terminal voltages (length cols) [V] (zeros for inference)
 * @param options - `sourceResistance`, `lineResistance` [Ω] (required), `wordLineResistance`, `bitLineResistance`,
 *   `accessResistance` [Ω], `returnCellVoltages` (default false)
 * @returns `{ currents }` (length cols) [A], plus `cellVoltages` (rows × cols) [V] when asked
 * @throws {InvalidParameterError} when G holds a negative or non-finite conductance, a voltage is not finite, a
 *   resistance is missing, negative or not finite, or an option key is unknown
 * @throws {ShapeMismatchError} when G.data, vWordLines or vBitLines has the wrong length
 * @example
 * solvePassive({ rows: 1, cols: 1, data: [1e-3] }, [1], [0], { sourceResistance: 0, lineResistance: 0 });
 * // → { currents: Float64Array [0.001] }
 */
export function solvePassive(
  G: Matrix,
  vWordLines: NumericArray,
  vBitLines: NumericArray,
  options: SolvePassiveOptions,
): PassiveSolution {
  const g = checkConductanceMatrix(WHERE, 'G', G);
  checkVoltages(WHERE, 'vWordLines', vWordLines, [g.rows], `(one voltage per word line = row; rows = ${g.rows})`);
  checkVoltages(WHERE, 'vBitLines', vBitLines, [g.cols], `(one voltage per bit line = column; cols = ${g.cols})`);
  checkPassiveObject(WHERE, options);
  const o = resolveOptions(WHERE, options, SCHEMA);
  const resolved = passiveWiring(o);
  const { returnCellVoltages } = o;
  const factorization = wrapCircuit(buildPassiveCircuit(g.data, g.rows, g.cols, resolved, WHERE), resolved);
  return factorization.solve(vWordLines, vBitLines, { returnCellVoltages });
}
