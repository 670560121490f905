// MODULES //

import { gridNestedDissection } from './nested-dissection';

// TYPES //

/**
 * The value-independent part of the port-Schur transfer build for one tile shape and wiring topology (line
 * resistances > 0; source resistance zero or not): unknown numbering, the nodal matrix pattern, the supernodal
 * multifrontal schedule and every index map. Built once and shared by every tile of that shape (only the
 * conductances change between tiles), so each tile pays only the numeric work.
 *
 * Unknowns are numbered in elimination order: nested dissection of the grid without the ports, then the ports (the
 * free nodes that touch a source: only they enter the transfer matrix, see {@link buildPortSchurTransfer}).
 * Matrix values live in one array: [0, N) diagonals, [N, N + E) off-diagonal conductances (stored positive).
 */
export interface PortSchurPlan {
  readonly rows: number;
  readonly cols: number;
  /** Free node voltages N. */
  readonly unknowns: number;
  /** Off-diagonal entries E (one per branch between two free nodes). */
  readonly offDiagonals: number;
  /** Ports p: the last p unknowns. */
  readonly ports: number;
  /** Per cell: value index of W's diagonal, B's diagonal, the W–B off-diagonal (−1 where that node is pinned). */
  readonly cellDiagW: Int32Array;
  readonly cellDiagB: Int32Array;
  readonly cellOff: Int32Array;
  /** Constant (wire and source) part of the values [S]. */
  readonly constValues: Float64Array;
  /** Stamps (free node u ↔ source s, conductance = constant or a cell's branch): port-local u, s, cell or −1. */
  readonly stampPort: Int32Array;
  readonly stampSource: Int32Array;
  readonly stampCell: Int32Array;
  readonly stampConst: Float64Array;
  /** Cells joining two pinned nodes (word source → bit source) directly: cell index, word source, bit source. */
  readonly directCell: Int32Array;
  readonly directWord: Int32Array;
  readonly directBit: Int32Array;
  /** Supernodes in a postorder: first column, column count, front size, children count. */
  readonly superFirst: Int32Array;
  readonly superColumns: Int32Array;
  readonly superFront: Int32Array;
  readonly superChildren: Int32Array;
  /** Per supernode, start of its rows in `updateTarget` (its update rows' positions in the parent's front). */
  readonly updateStart: Int32Array;
  readonly updateTarget: Int32Array;
  /** Per supernode, its matrix entries: `scatterValue[k]` goes to front offset `scatterOffset[k]` (col-major). */
  readonly scatterStart: Int32Array;
  readonly scatterValue: Int32Array;
  readonly scatterOffset: Int32Array;
  /** Largest front (rows) and most values held on the contribution stack at once. */
  readonly maxFront: number;
  readonly maxStack: number;
  /** Multiply-adds of one numeric factorisation (for the benchmark). */
  readonly flops: number;
}

// MAIN //

const plans = new Map<string, PortSchurPlan>();

/**
 * The cached plan for an m×n tile and wiring (source, word-line, bit-line resistance [Ω]; a zero source resistance
 * pins the driven and terminated ends). Line resistances must be > 0 (merged lines keep the chain solver).
 */
export function portSchurPlan(m: number, n: number, rs: number, rw: number, rb: number): PortSchurPlan {
  const key = `${m}x${n}|${rs}|${rw}|${rb}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    plan = buildPlan(m, n, rs, rw, rb);
    plans.set(key, plan);
  }
  return plan;
}

function buildPlan(m: number, n: number, rs: number, rw: number, rb: number): PortSchurPlan {
  const mn = m * n;
  const pinned = rs === 0;
  // Node keys: W(i,j) = i·n + j, B(i,j) = mn + i·n + j. Source of a pinned key: word line i, or bit line m + j.
  const isPinned = (key: number): boolean => pinned && (key < mn ? key % n === 0 : key - mn >= (m - 1) * n);
  const sourceOf = (key: number): number => (key < mn ? Math.floor(key / n) : m + ((key - mn) % n));
  const index = new Int32Array(2 * mn).fill(-1);
  // Branches: cells (key W → key B, conductance per tile) and constant wires / source resistors (key → key, or
  // key → source s encoded as −1 − s).
  const wA: number[] = [];
  const wB: number[] = [];
  const wG: number[] = [];
  const gw = 1 / rw;
  const gb = 1 / rb;
  for (let i = 0; i < m; i++)
    for (let j = 0; j + 1 < n; j++) {
      wA.push(i * n + j);
      wB.push(i * n + j + 1);
      wG.push(gw);
    }
  for (let j = 0; j < n; j++)
    for (let i = 0; i + 1 < m; i++) {
      wA.push(mn + i * n + j);
      wB.push(mn + (i + 1) * n + j);
      wG.push(gb);
    }
  if (!pinned) {
    const gs = 1 / rs;
    for (let i = 0; i < m; i++) {
      wA.push(i * n);
      wB.push(-1 - i);
      wG.push(gs);
    }
    for (let j = 0; j < n; j++) {
      wA.push(mn + (m - 1) * n + j);
      wB.push(-1 - (m + j));
      wG.push(gs);
    }
  }
  const free = (key: number): boolean => key >= 0 && !isPinned(key);
  const src = (key: number): number => (key < 0 ? -1 - key : sourceOf(key));
  // Ports: free nodes joined to a source by any branch; only they enter the transfer matrix.
  const port = new Uint8Array(2 * mn);
  const touch = (a: number, b: number): void => {
    if (free(a) && !free(b)) port[a] = 1;
    if (free(b) && !free(a)) port[b] = 1;
  };
  for (let c = 0; c < mn; c++) touch(c, mn + c);
  for (let t = 0; t < wA.length; t++) touch(wA[t]!, wB[t]!);
  let unknowns = 0;
  gridNestedDissection(m, n, (key) => {
    if (free(key) && port[key] === 0 && index[key] === -1) index[key] = unknowns++;
  });
  const firstPort = unknowns;
  for (let key = 0; key < 2 * mn; key++) if (port[key] === 1) index[key] = unknowns++;
  const N = unknowns;
  const p = N - firstPort;

  // Values: [0, N) diagonals, [N, N + E) off-diagonal conductances (positive); upper pattern for the symbolic pass.
  const offRow: number[] = [];
  const offCol: number[] = [];
  const constDiag = new Float64Array(N);
  const constOff: number[] = [];
  const cellDiagW = new Int32Array(mn).fill(-1);
  const cellDiagB = new Int32Array(mn).fill(-1);
  const cellOff = new Int32Array(mn).fill(-1);
  const stampPort: number[] = [];
  const stampSource: number[] = [];
  const stampCell: number[] = [];
  const stampConst: number[] = [];
  const directCell: number[] = [];
  const directWord: number[] = [];
  const directBit: number[] = [];
  for (let c = 0; c < mn; c++) {
    const a = c;
    const b = mn + c;
    if (free(a) && free(b)) {
      cellDiagW[c] = index[a]!;
      cellDiagB[c] = index[b]!;
      cellOff[c] = N + offRow.length;
      offRow.push(Math.min(index[a]!, index[b]!));
      offCol.push(Math.max(index[a]!, index[b]!));
      constOff.push(0);
    } else if (free(a) || free(b)) {
      const u = free(a) ? index[a]! : index[b]!;
      if (free(a)) cellDiagW[c] = u;
      else cellDiagB[c] = u;
      stampPort.push(u - firstPort);
      stampSource.push(src(free(a) ? b : a));
      stampCell.push(c);
      stampConst.push(0);
    } else {
      directCell.push(c);
      directWord.push(src(a));
      directBit.push(src(b));
    }
  }
  for (let t = 0; t < wA.length; t++) {
    const a = wA[t]!;
    const b = wB[t]!;
    const g = wG[t]!;
    if (free(a) && free(b)) {
      constDiag[index[a]!]! += g;
      constDiag[index[b]!]! += g;
      offRow.push(Math.min(index[a]!, index[b]!));
      offCol.push(Math.max(index[a]!, index[b]!));
      constOff.push(g);
    } else if (free(a) || free(b)) {
      const u = free(a) ? index[a]! : index[b]!;
      constDiag[u]! += g;
      stampPort.push(u - firstPort);
      stampSource.push(src(free(a) ? b : a));
      stampCell.push(-1);
      stampConst.push(g);
    }
    // Wires between two pinned nodes carry no current into a bit line (they join word-line sources only).
  }
  const E = offRow.length;
  const constValues = new Float64Array(N + E);
  constValues.set(constDiag);
  constValues.set(constOff, N);

  // Symbolic: elimination tree and column counts of the pattern (Liu; row reach), ports forced into one supernode.
  const colStart = new Int32Array(N + 1);
  for (const c of offCol) colStart[c + 1]!++;
  for (let k = 0; k < N; k++) colStart[k + 1]! += colStart[k]!;
  const fill = colStart.slice(0, N);
  const rowIndex = new Int32Array(E);
  for (let e = 0; e < E; e++) rowIndex[fill[offCol[e]!]!++] = offRow[e]!;
  const parent = new Int32Array(N).fill(-1);
  const ancestor = new Int32Array(N).fill(-1);
  for (let k = 0; k < N; k++)
    for (let q = colStart[k]!; q < colStart[k + 1]!; q++) {
      let i = rowIndex[q]!;
      while (i !== -1 && i < k) {
        const next = ancestor[i]!;
        ancestor[i] = k;
        if (next === -1) parent[i] = k;
        i = next;
      }
    }
  const counts = new Int32Array(N).fill(1);
  const mark = new Int32Array(N).fill(-1);
  for (let k = 0; k < N; k++) {
    mark[k] = k;
    for (let q = colStart[k]!; q < colStart[k + 1]!; q++) {
      let i = rowIndex[q]!;
      while (mark[i] !== k) {
        mark[i] = k;
        counts[i]!++;
        i = parent[i]!;
      }
    }
  }
  // Fundamental supernodes (a column joins the previous one when it is its parent with the same structure), and the
  // ports as one last supernode whose front is exactly the port block.
  const superOf = new Int32Array(N);
  const firsts: number[] = [];
  for (let j = 0; j < N; j++) {
    // Every port joins one supernode (its front is the dense port block the transfer matrix is read from).
    const join = j > firstPort || (j > 0 && j !== firstPort && parent[j - 1] === j && counts[j - 1] === counts[j]! + 1);
    if (!join) firsts.push(j);
    superOf[j] = firsts.length - 1;
  }
  const S = firsts.length;
  firsts.push(N);
  const superParent = new Int32Array(S).fill(-1);
  for (let s = 0; s < S; s++) {
    const last = firsts[s + 1]! - 1;
    if (parent[last]! >= 0) superParent[s] = superOf[parent[last]!]!;
  }
  // Front rows: the supernode's columns, its matrix rows below, its children's update rows (ascending order is a
  // valid processing order: a parent's index is above its children's).
  const lowerStart = new Int32Array(N + 1); // lower pattern by column = upper by row
  for (const r of offRow) lowerStart[r + 1]!++;
  for (let k = 0; k < N; k++) lowerStart[k + 1]! += lowerStart[k]!;
  const lowerFill = lowerStart.slice(0, N);
  const lowerRow = new Int32Array(E);
  const lowerEntry = new Int32Array(E);
  for (let e = 0; e < E; e++) {
    const q = lowerFill[offRow[e]!]!++;
    lowerRow[q] = offCol[e]!;
    lowerEntry[q] = e;
  }
  const childrenOf: number[][] = Array.from({ length: S }, () => []);
  for (let s = 0; s < S; s++) if (superParent[s]! >= 0) childrenOf[superParent[s]!]!.push(s);
  const fronts: Int32Array[] = new Array(S);
  const seen = new Int32Array(N).fill(-1);
  for (let s = 0; s < S; s++) {
    const f = firsts[s]!;
    const l = firsts[s + 1]!;
    const rowsOf: number[] = [];
    for (let k = f; k < l; k++) {
      seen[k] = s;
      rowsOf.push(k);
    }
    for (let k = f; k < l; k++)
      for (let q = lowerStart[k]!; q < lowerStart[k + 1]!; q++) {
        const r = lowerRow[q]!;
        if (seen[r] !== s) {
          seen[r] = s;
          rowsOf.push(r);
        }
      }
    for (const c of childrenOf[s]!) {
      const fc = fronts[c]!;
      const nsc = firsts[c + 1]! - firsts[c]!;
      for (let a = nsc; a < fc.length; a++) {
        const r = fc[a]!;
        if (seen[r] !== s) {
          seen[r] = s;
          rowsOf.push(r);
        }
      }
    }
    fronts[s] = Int32Array.from(rowsOf).sort();
  }
  // Postorder of the supernodal forest (children in ascending order), so contributions form a stack.
  const order: number[] = [];
  const stack: number[] = [];
  const childPos = new Int32Array(S);
  for (let root = 0; root < S; root++) {
    if (superParent[root] !== -1) continue;
    stack.push(root);
    while (stack.length > 0) {
      const s = stack[stack.length - 1]!;
      const kids = childrenOf[s]!;
      if (childPos[s]! < kids.length) stack.push(kids[childPos[s]!++]!);
      else {
        order.push(s);
        stack.pop();
      }
    }
  }
  // Flatten per postorder position.
  const superFirst = new Int32Array(S);
  const superColumns = new Int32Array(S);
  const superFront = new Int32Array(S);
  const superChildren = new Int32Array(S);
  const updateStart = new Int32Array(S + 1);
  const scatterStart = new Int32Array(S + 1);
  const updateTarget: number[] = [];
  const scatterValue: number[] = [];
  const scatterOffset: number[] = [];
  const where = new Int32Array(N);
  let maxFront = 0;
  let flops = 0;
  let live = 0;
  let maxStack = 0;
  const liveSizes: number[] = [];
  for (let t = 0; t < S; t++) {
    const s = order[t]!;
    const f = firsts[s]!;
    const ns = firsts[s + 1]! - f;
    const rowsOf = fronts[s]!;
    const nf = rowsOf.length;
    superFirst[t] = f;
    superColumns[t] = ns;
    superFront[t] = nf;
    superChildren[t] = childrenOf[s]!.length;
    maxFront = Math.max(maxFront, nf);
    for (let k = 0; k < ns; k++) flops += (nf - k) * (nf - k + 1) * 0.5;
    // Update rows → positions in the parent's front.
    const sp = superParent[s]!;
    if (sp >= 0) {
      const prow = fronts[sp]!;
      for (let a = 0; a < prow.length; a++) where[prow[a]!] = a;
      for (let a = ns; a < nf; a++) updateTarget.push(where[rowsOf[a]!]!);
    }
    updateStart[t + 1] = updateTarget.length;
    // Matrix entries of the supernode's columns (lower, col-major offsets).
    for (let a = 0; a < nf; a++) where[rowsOf[a]!] = a;
    for (let k = f; k < f + ns; k++) {
      const colOffset = (k - f) * nf;
      scatterValue.push(k);
      scatterOffset.push(colOffset + (k - f));
      for (let q = lowerStart[k]!; q < lowerStart[k + 1]!; q++) {
        scatterValue.push(N + lowerEntry[q]!);
        scatterOffset.push(colOffset + where[lowerRow[q]!]!);
      }
    }
    scatterStart[t + 1] = scatterValue.length;
    // Stack accounting: children popped, this contribution pushed.
    for (let c = 0; c < childrenOf[s]!.length; c++) live -= liveSizes.pop()!;
    const u = nf - ns;
    liveSizes.push(u * u);
    live += u * u;
    maxStack = Math.max(maxStack, live);
  }
  return {
    rows: m,
    cols: n,
    unknowns: N,
    offDiagonals: E,
    ports: p,
    cellDiagW,
    cellDiagB,
    cellOff,
    constValues,
    stampPort: Int32Array.from(stampPort),
    stampSource: Int32Array.from(stampSource),
    stampCell: Int32Array.from(stampCell),
    stampConst: Float64Array.from(stampConst),
    directCell: Int32Array.from(directCell),
    directWord: Int32Array.from(directWord),
    directBit: Int32Array.from(directBit),
    superFirst,
    superColumns,
    superFront,
    superChildren,
    updateStart,
    updateTarget: Int32Array.from(updateTarget),
    scatterStart,
    scatterValue: Int32Array.from(scatterValue),
    scatterOffset: Int32Array.from(scatterOffset),
    maxFront,
    maxStack,
    flops,
  };
}
