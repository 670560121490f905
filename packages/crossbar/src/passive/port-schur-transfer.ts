// MODULES //

import { NumericalError } from '@memsim/core';
import { denseCholeskyColumns, lowerInverseGram } from './dense-cholesky';
import type { PortSchurPlan } from './port-schur-plan';
import { portSchurWasm } from './port-schur-wasm';

// MAIN //

/** Reused numeric workspaces (one front, the contribution stack, the port block), grown on demand. */
let front = new Float64Array(0);
let stack = new Float64Array(0);

/**
 * The transfer matrix of one tile, (rows + cols) × cols row-major, as `buildTransfer` returns it (I_j = Σ_s V_s·T[s][j]
 * over word-line then bit-line sources), computed without solving for any right-hand side.
 *
 * Why it is exact and cheap: the sources touch only the p "port" nodes (the driven and terminated ends and their
 * neighbours), and a bit line's current is the current into its terminal, a sum over branches at ports (KCL on the
 * bit line). So T = Sᵀ·(A⁻¹)_PP·S + direct terms, where S holds the stamps, and (A⁻¹)_PP is the inverse of the Schur
 * complement of A onto the ports. With the ports ordered last, that complement is what a multifrontal Cholesky leaves
 * in its root front: the numeric work is one supernodal factorisation (dense fronts) plus a p×p inverse, against the
 * cols adjoint solves through a stored factor of the per-vector path.
 *
 * @param plan - the shared symbolic plan of this tile shape and wiring
 * @param branch - each cell's branch conductance, device in series with the access resistance (rows × cols) [S]
 * @param where - name used in a NumericalError
 * @throws {NumericalError} when a pivot is not positive (not reachable for finite conductances ≥ 0 and positive wires)
 */
export function buildPortSchurTransfer(plan: PortSchurPlan, branch: Float64Array, where: string): Float64Array {
  const values = portValues(plan, branch);
  const fast = portSchurWasm(plan);
  let inverse: Float64Array;
  if (fast !== null) {
    const failed = fast.run(values);
    if (failed >= 0) throw notPositive(where, failed);
    inverse = fast.inverse;
  } else inverse = portInverseTypeScript(plan, values, where);
  return assembleTransfer(plan, branch, inverse);
}

/** The nodal matrix values of one tile: the plan's constant wires plus each cell's branch conductance. */
export function portValues(plan: PortSchurPlan, branch: Float64Array): Float64Array {
  const values = plan.constValues.slice();
  const { cellDiagW, cellDiagB, cellOff } = plan;
  for (let c = 0; c < plan.rows * plan.cols; c++) {
    const g = branch[c]!;
    if (g === 0) continue;
    const dw = cellDiagW[c]!;
    const db = cellDiagB[c]!;
    const off = cellOff[c]!;
    if (dw >= 0) values[dw]! += g;
    if (db >= 0) values[db]! += g;
    if (off >= 0) values[off]! += g;
  }
  return values;
}

/** T from (A⁻¹)_PP (lower, col-major p × p): Sᵀ·(A⁻¹)_PP·S plus the terminal and direct-cell terms. */
export function assembleTransfer(plan: PortSchurPlan, branch: Float64Array, inverse: Float64Array): Float64Array {
  const { rows: m, cols: n, ports: p } = plan;
  const t = new Float64Array((m + n) * n);
  const { stampPort, stampSource, stampCell, stampConst } = plan;
  const stamps = stampPort.length;
  const conductance = new Float64Array(stamps);
  for (let k = 0; k < stamps; k++) conductance[k] = stampCell[k]! >= 0 ? branch[stampCell[k]!]! : stampConst[k]!;
  for (let k2 = 0; k2 < stamps; k2++) {
    const s2 = stampSource[k2]!;
    if (s2 < m) continue;
    const j = s2 - m;
    const c2 = conductance[k2]!;
    const u2 = stampPort[k2]!;
    // Current into terminal j from its port u2: c2·(x[u2] − V_BL[j]).
    t[s2 * n + j]! -= c2;
    for (let k1 = 0; k1 < stamps; k1++) {
      const u1 = stampPort[k1]!;
      const y = u1 >= u2 ? inverse[u2 * p + u1]! : inverse[u1 * p + u2]!;
      t[stampSource[k1]! * n + j]! += conductance[k1]! * c2 * y;
    }
  }
  const { directCell, directWord, directBit } = plan;
  for (let k = 0; k < directCell.length; k++) {
    const g = branch[directCell[k]!]!;
    const j = directBit[k]! - m;
    t[directWord[k]! * n + j]! += g;
    t[directBit[k]! * n + j]! -= g;
  }
  return t;
}

/** The error of a failed pivot (column in elimination order). */
export function notPositive(where: string, column: number): NumericalError {
  return new NumericalError({ where, step: column, detail: 'the nodal matrix is not positive definite' });
}

/** The multifrontal loop and the port inverse in TypeScript (same operations as asm/port-schur.ts). */
function portInverseTypeScript(plan: PortSchurPlan, values: Float64Array, where: string): Float64Array {
  const N = plan.unknowns;
  if (front.length < plan.maxFront * plan.maxFront) front = new Float64Array(plan.maxFront * plan.maxFront);
  if (stack.length < plan.maxStack) stack = new Float64Array(plan.maxStack);
  const F = front;
  const { superFirst, superColumns, superFront, superChildren, updateStart, updateTarget } = plan;
  const { scatterStart, scatterValue, scatterOffset } = plan;
  const S = superFirst.length;
  // Contribution blocks on a stack (postorder: a supernode's children are the topmost blocks).
  const blockAt = new Int32Array(S);
  const blockOf = new Int32Array(S);
  let blocks = 0;
  let top = 0;
  for (let t = 0; t < S; t++) {
    const nf = superFront[t]!;
    const ns = superColumns[t]!;
    F.fill(0, 0, nf * nf);
    for (let q = scatterStart[t]!; q < scatterStart[t + 1]!; q++) {
      const v = scatterValue[q]!;
      F[scatterOffset[q]!]! += v < N ? values[v]! : -values[v]!;
    }
    const kids = superChildren[t]!;
    for (let k = blocks - kids; k < blocks; k++) {
      const tc = blockOf[k]!;
      const uc = superFront[tc]! - superColumns[tc]!;
      const base = blockAt[k]!;
      const u0 = updateStart[tc]!;
      for (let b = 0; b < uc; b++) {
        const col = updateTarget[u0 + b]! * nf;
        const from = base + b * uc;
        for (let a = b; a < uc; a++) F[col + updateTarget[u0 + a]!]! += stack[from + a]!;
      }
    }
    if (kids > 0) {
      top = blockAt[blocks - kids]!;
      blocks -= kids;
    }
    const failed = denseCholeskyColumns(F, nf, ns);
    if (failed >= 0) throw notPositive(where, superFirst[t]! + failed);
    const u = nf - ns;
    if (u > 0) {
      blockAt[blocks] = top;
      blockOf[blocks] = t;
      blocks++;
      for (let b = 0; b < u; b++) {
        const from = (ns + b) * nf + ns;
        const to = top + b * u;
        for (let a = b; a < u; a++) stack[to + a] = F[from + a]!;
      }
      top += u * u;
    }
  }
  // The last supernode is the port block: its front holds L_PP (p × p, col-major). (A⁻¹)_PP = L_PP⁻ᵀ·L_PP⁻¹.
  return lowerInverseGram(F, plan.ports);
}
