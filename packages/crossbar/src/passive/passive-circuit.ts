// MODULES //

import type { ResolvedPassiveOptions } from './passive-options';
import { bisectChain, gridNestedDissection } from './nested-dissection';
import { SparseCholesky } from './sparse-cholesky';
import { wasmCholeskyAvailable } from './wasm-cholesky';

// TYPES //

/**
 * The factored nodal system of one m×n passive crossbar. Node references are unknown indices (≥ 0) or pinned
 * sources encoded as −1 − s, where source s < m is word-line driver s and s ≥ m is bit-line terminal s − m.
 */
export interface PassiveCircuit {
  readonly rows: number;
  readonly cols: number;
  /** Size of the reduced SPD system (free node voltages). */
  readonly unknowns: number;
  /** Entries of the Cholesky factor (0 when every node is pinned). */
  readonly factorNonZeros: number;
  /** Keep the factor after the transfer matrix exists (needed for later device-voltage solves). */
  readonly keepFactor: boolean;
  /** Word-line node of each cell (row-major). */
  readonly wordNode: Int32Array;
  /** Bit-line node of each cell (row-major). */
  readonly bitNode: Int32Array;
  /** Conductance of each cell branch: the device in series with the access resistance [S]. */
  readonly branch: Float64Array;
  /** Device voltage per branch voltage: 1 / (1 + G·accessResistance). */
  readonly deviceShare: Float64Array;
  /** Right-hand side stamps: unknown `stampUnknown[t]` gets `stampConductance[t]·V(source stampSource[t])`. */
  readonly stampUnknown: Int32Array;
  readonly stampSource: Int32Array;
  readonly stampConductance: Float64Array;
  /**
   * Mutable usage record: input vectors solved so far; the transfer matrix T ((rows + cols) × cols, row-major,
   * I_j = Σ_s V_s·T[s][j] over word-line then bit-line sources) once it has been built; and the Cholesky factor of the
   * reduced system in nested-dissection order (null when every node is pinned, or released once T exists when
   * `keepFactor` is false).
   */
  readonly usage: { vectors: number; transfer: Float64Array | null; factor: SparseCholesky | null };
}

// MAIN //

/**
 * Right-hand sides solved together: 16 with the WebAssembly SIMD solves (measured: 99 % of the throughput of 64,
 * and the factor keeps a right-hand-side area of this width), 64 in TypeScript; bounded so a block of node
 * voltages stays around 32 MB.
 */
export function maxBlockWidth(unknowns: number): number {
  return Math.max(1, Math.min(wasmCholeskyAvailable() ? 16 : 64, Math.floor(4_000_000 / Math.max(1, unknowns))));
}

/**
 * Builds and factors the nodal (KCL) system of the circuit of MemTorch 1.1.6's passive crossbar solver with memsim's corrections: word line i
 * driven at column 0 through `sourceResistance`, bit line j terminated at row m−1 through `sourceResistance`,
 * segments of `wordLineResistance`/`bitLineResistance` between neighbouring cells, and each cell G[i][j] (plus an
 * optional series access resistance) between W(i,j) and B(i,j). A zero source resistance pins the end node (it
 * leaves the system), a zero line resistance merges the line into one node; the remaining system is symmetric
 * positive definite and is factored once with a sparse Cholesky in a geometric nested-dissection order.
 *
 * Kernel: G must be validated by the caller (finite, ≥ 0, length m·n).
 */
export function buildPassiveCircuit(
  g: ArrayLike<number>,
  m: number,
  n: number,
  options: ResolvedPassiveOptions,
  where: string,
  keepFactor = true,
): PassiveCircuit {
  const { sourceResistance: rs, wordLineResistance: rw, bitLineResistance: rb, accessResistance: ra } = options;
  const mn = m * n;
  const wordMerged = rw === 0;
  const bitMerged = rb === 0;
  const pinned = rs === 0;
  const wordKey = (i: number, j: number): number => (wordMerged ? i * n : i * n + j);
  const bitKey = (i: number, j: number): number => (bitMerged ? mn + (m - 1) * n + j : mn + i * n + j);

  // Elimination order: nested dissection for the grid, chains before hubs when one kind of line is merged.
  const index = new Int32Array(2 * mn).fill(-1);
  let unknowns = 0;
  const emit = (key: number): void => {
    if (index[key] !== -1) return;
    // The driven end of a word line is column 0, the terminated end of a bit line is row m − 1 (merged lines are
    // keyed by those ends too); a zero source resistance pins them.
    const driven = key < mn ? key % n === 0 : key - mn >= (m - 1) * n;
    if (pinned && driven) return;
    index[key] = unknowns++;
  };
  if (!wordMerged && !bitMerged) gridNestedDissection(m, n, emit);
  else if (wordMerged && !bitMerged) {
    for (let j = 0; j < n; j++) bisectChain(0, m, (i) => emit(mn + i * n + j));
    for (let i = 0; i < m; i++) emit(i * n);
  } else if (!wordMerged && bitMerged) {
    for (let i = 0; i < m; i++) bisectChain(0, n, (j) => emit(i * n + j));
    for (let j = 0; j < n; j++) emit(mn + (m - 1) * n + j);
  } else if (n >= m) {
    for (let j = 0; j < n; j++) emit(mn + (m - 1) * n + j);
    for (let i = 0; i < m; i++) emit(i * n);
  } else {
    for (let i = 0; i < m; i++) emit(i * n);
    for (let j = 0; j < n; j++) emit(mn + (m - 1) * n + j);
  }

  const ref = (key: number): number => {
    const u = index[key]!;
    if (u >= 0) return u;
    return key < mn ? -1 - Math.floor(key / n) : -1 - (m + ((key - mn) % n));
  };

  // Stamps.
  const diagonal = new Float64Array(unknowns);
  const offRow: number[] = [];
  const offCol: number[] = [];
  const offValue: number[] = [];
  const stampUnknown: number[] = [];
  const stampSource: number[] = [];
  const stampConductance: number[] = [];
  const stamp = (a: number, b: number, c: number): void => {
    if (a >= 0) diagonal[a]! += c;
    if (b >= 0) diagonal[b]! += c;
    if (a >= 0 && b >= 0) {
      offRow.push(Math.min(a, b));
      offCol.push(Math.max(a, b));
      offValue.push(-c);
    } else if (a >= 0) {
      stampUnknown.push(a);
      stampSource.push(-1 - b);
      stampConductance.push(c);
    } else if (b >= 0) {
      stampUnknown.push(b);
      stampSource.push(-1 - a);
      stampConductance.push(c);
    }
  };
  const wordNode = new Int32Array(mn);
  const bitNode = new Int32Array(mn);
  const branch = new Float64Array(mn);
  const deviceShare = new Float64Array(mn);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const c = i * n + j;
      const gij = g[c]!;
      const gb = gij / (1 + gij * ra);
      branch[c] = gb;
      deviceShare[c] = 1 / (1 + gij * ra);
      const a = ref(wordKey(i, j));
      const b = ref(bitKey(i, j));
      wordNode[c] = a;
      bitNode[c] = b;
      if (gb > 0) stamp(a, b, gb);
    }
  }
  if (!wordMerged) {
    const gw = 1 / rw;
    for (let i = 0; i < m; i++) for (let j = 0; j + 1 < n; j++) stamp(ref(i * n + j), ref(i * n + j + 1), gw);
  }
  if (!bitMerged) {
    const gbl = 1 / rb;
    for (let j = 0; j < n; j++)
      for (let i = 0; i + 1 < m; i++) stamp(ref(mn + i * n + j), ref(mn + (i + 1) * n + j), gbl);
  }
  if (!pinned) {
    const gs = 1 / rs;
    for (let i = 0; i < m; i++) stamp(ref(wordKey(i, 0)), -1 - i, gs);
    for (let j = 0; j < n; j++) stamp(ref(bitKey(m - 1, j)), -1 - (m + j), gs);
  }

  // Upper triangle by columns.
  const colStart = new Int32Array(unknowns + 1);
  for (const col of offCol) colStart[col + 1]!++;
  for (let k = 0; k < unknowns; k++) colStart[k + 1]! += colStart[k]!;
  const fill = colStart.slice(0, unknowns);
  const rowIndex = new Int32Array(offRow.length);
  const values = new Float64Array(offRow.length);
  for (let t = 0; t < offRow.length; t++) {
    const p = fill[offCol[t]!]!++;
    rowIndex[p] = offRow[t]!;
    values[p] = offValue[t]!;
  }
  const factor =
    unknowns === 0
      ? null
      : new SparseCholesky(
          { size: unknowns, diagonal, colStart, rowIndex, values },
          where,
          unknowns * maxBlockWidth(unknowns),
        );
  return {
    rows: m,
    cols: n,
    unknowns,
    factorNonZeros: factor === null ? 0 : factor.nonZeros,
    keepFactor,
    wordNode,
    bitNode,
    branch,
    deviceShare,
    stampUnknown: Int32Array.from(stampUnknown),
    stampSource: Int32Array.from(stampSource),
    stampConductance: Float64Array.from(stampConductance),
    usage: { vectors: 0, transfer: null, factor },
  };
}
