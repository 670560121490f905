// MODULES //

import type { PassiveCircuit } from './passive-circuit';
import type { ResolvedPassiveOptions } from './passive-options';
import { portSchurPlan } from './port-schur-plan';
import { buildPortSchurTransfers } from './port-schur-threads';

// MAIN //

const EMPTY_INT = new Int32Array(0);
const EMPTY_FLOAT = new Float64Array(0);

/**
 * Tile circuits that hold only the word-line rows of their transfer matrices (no factor, no node maps): every solve
 * of one is a product with T (`solveCircuitBatch` takes the transfer path whenever T exists and no device voltages
 * are asked for, which tile solves never ask; they pass no bit-line voltages either). Built by the port-Schur path
 * from the plan shared by all tiles of this shape and wiring, over `threads` threads (bit-identical for any count).
 *
 * Kernel: each block must be validated by the caller (finite, ≥ 0, length m·n); line resistances must be > 0.
 */
export function transferCircuits(
  blocks: Float64Array[],
  m: number,
  n: number,
  options: ResolvedPassiveOptions,
  where: string,
  threads = 1,
): PassiveCircuit[] {
  const { sourceResistance: rs, wordLineResistance: rw, bitLineResistance: rb, accessResistance: ra } = options;
  const plan = portSchurPlan(m, n, rs, rw, rb);
  const branches = blocks.map((g) => {
    const branch = new Float64Array(m * n);
    for (let c = 0; c < m * n; c++) branch[c] = g[c]! / (1 + g[c]! * ra);
    return branch;
  });
  // Tile solves never drive the bit lines (they sit at virtual ground), so only the word-line rows are kept: half
  // the memory of the cached transfer matrices of a whole network.
  return buildPortSchurTransfers(plan, branches, where, threads).map((t) => ({
    rows: m,
    cols: n,
    unknowns: plan.unknowns,
    factorNonZeros: 0,
    keepFactor: false,
    wordNode: EMPTY_INT,
    bitNode: EMPTY_INT,
    branch: EMPTY_FLOAT,
    deviceShare: EMPTY_FLOAT,
    stampUnknown: EMPTY_INT,
    stampSource: EMPTY_INT,
    stampConductance: EMPTY_FLOAT,
    usage: { vectors: 0, transfer: t.slice(0, m * n), factor: null },
  }));
}
