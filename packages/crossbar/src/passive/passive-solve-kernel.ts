// MODULES //

import { maxBlockWidth, type PassiveCircuit } from './passive-circuit';

// TYPES //

/** Where the voltages of a batch come from and where the currents go (strided views of caller arrays). */
export interface PassiveBatchIo {
  /** Word-line voltages: V_WL[b][i] = wordLines[b·wordStride + wordOffset + i] [V]. */
  readonly wordLines: ArrayLike<number>;
  readonly wordStride: number;
  readonly wordOffset: number;
  /** Bit-line voltages: V_BL[b][j] = bitLines[b·bitStride + j] [V] (bitStride 0 shares one vector); null = 0 V. */
  readonly bitLines: ArrayLike<number> | null;
  readonly bitStride: number;
  /** Currents are ADDED to out[b·outStride + outOffset + j] [A]. */
  readonly out: Float64Array;
  readonly outStride: number;
  readonly outOffset: number;
  /** Optional device voltages of batch entry 0, rows × cols [V]. */
  readonly cellVoltages?: Float64Array;
}

// MAIN //

/** Right-hand sides per block for a batch (at most {@link maxBlockWidth}). */
function blockWidth(circuit: PassiveCircuit, batch: number): number {
  return Math.max(1, Math.min(batch, maxBlockWidth(circuit.unknowns)));
}

/**
 * The transfer matrix T of a circuit, (rows + cols) × cols row-major: I_j = Σ_i V_WL[i]·T[i][j] + Σ_k V_BL[k]·T[rows
 * + k][j]. Built from cols adjoint solves (A is symmetric, so row j of T is Sᵀ·A⁻¹·cⱼ plus the pinned-node part,
 * where cⱼ collects the branch conductances of column j), i.e. at the cost of cols input vectors.
 */
export function buildTransfer(circuit: PassiveCircuit): Float64Array {
  const {
    rows: m,
    cols: n,
    unknowns,
    wordNode,
    bitNode,
    branch,
    stampUnknown,
    stampSource,
    stampConductance,
  } = circuit;
  const factor = circuit.usage.factor;
  const t = new Float64Array((m + n) * n);
  // Pinned ends: a branch whose node is a source contributes ±g directly.
  for (let c = 0; c < m * n; c++) {
    const j = c % n;
    const a = wordNode[c]!;
    const b = bitNode[c]!;
    if (a < 0) t[(-1 - a) * n + j]! += branch[c]!;
    if (b < 0) t[(-1 - b) * n + j]! -= branch[c]!;
  }
  if (factor === null) return t;
  const width = blockWidth(circuit, n);
  const y = new Float64Array(unknowns * width);
  for (let j0 = 0; j0 < n; j0 += width) {
    const w = Math.min(width, n - j0);
    y.fill(0, 0, unknowns * w);
    for (let c = 0; c < m * n; c++) {
      const r = (c % n) - j0;
      if (r < 0 || r >= w) continue;
      const a = wordNode[c]!;
      const b = bitNode[c]!;
      if (a >= 0) y[a * w + r]! += branch[c]!;
      if (b >= 0) y[b * w + r]! -= branch[c]!;
    }
    factor.solveManyInPlace(w === width ? y : y.subarray(0, unknowns * w), w);
    for (let k = 0; k < stampUnknown.length; k++) {
      const yo = stampUnknown[k]! * w;
      const to = stampSource[k]! * n + j0;
      const g = stampConductance[k]!;
      for (let r = 0; r < w; r++) t[to + r]! += g * y[yo + r]!;
    }
  }
  return t;
}

/**
 * Solves a factored passive crossbar for `batch` input vectors, adding the bit-line currents
 * I_j = Σ_i g_ij·(W(i,j) − B(i,j)) into `io.out`.
 *
 * Strategy (amortised, never more than about twice the cheaper choice in hindsight): the first vectors are solved
 * with the factor, a block of right-hand sides at a time so the factor is streamed once per block; once the vectors
 * solved on this circuit reach `cols` (the cost of building it), the transfer matrix T is built and every later
 * vector costs one (rows + cols) × cols product. Device voltages always come from a full solve.
 *
 * Kernel: assumes valid input and does not check.
 */
export function solveCircuitBatch(circuit: PassiveCircuit, batch: number, io: PassiveBatchIo): void {
  const usage = circuit.usage;
  if (
    io.cellVoltages === undefined &&
    usage.transfer === null &&
    usage.vectors + batch >= circuit.cols &&
    circuit.unknowns > 0
  ) {
    usage.transfer = buildTransfer(circuit);
    if (!circuit.keepFactor) usage.factor = null;
  }
  usage.vectors += batch;
  if (io.cellVoltages === undefined && usage.transfer !== null) {
    applyTransfer(circuit, usage.transfer, batch, io);
    return;
  }
  solveDirect(circuit, batch, io);
}

/** I = T·V for each vector of the batch (adds into io.out). */
function applyTransfer(circuit: PassiveCircuit, t: Float64Array, batch: number, io: PassiveBatchIo): void {
  const { rows: m, cols: n } = circuit;
  const { wordLines, wordStride, wordOffset, bitLines, bitStride, out, outStride, outOffset } = io;
  for (let b = 0; b < batch; b++) {
    const oo = b * outStride + outOffset;
    const wo = b * wordStride + wordOffset;
    for (let i = 0; i < m; i++) {
      const v = wordLines[wo + i]!;
      if (v === 0) continue;
      const to = i * n;
      for (let j = 0; j < n; j++) out[oo + j]! += v * t[to + j]!;
    }
    if (bitLines !== null) {
      const bo = b * bitStride;
      for (let k = 0; k < n; k++) {
        const v = bitLines[bo + k]!;
        if (v === 0) continue;
        const to = (m + k) * n;
        for (let j = 0; j < n; j++) out[oo + j]! += v * t[to + j]!;
      }
    }
  }
}

/** Full nodal solves, a block of right-hand sides at a time. */
function solveDirect(circuit: PassiveCircuit, batch: number, io: PassiveBatchIo): void {
  const { rows: m, cols: n, unknowns, wordNode, bitNode, branch, deviceShare } = circuit;
  const factor = circuit.usage.factor;
  // A released factor is only ever paired with a transfer matrix and no device-voltage request (see above).
  if (factor === null && unknowns > 0)
    throw new Error('passive solve: the factor was released (internal invariant broken)');
  const { stampUnknown, stampSource, stampConductance } = circuit;
  const sources = m + n;
  const width = blockWidth(circuit, batch);
  const x = new Float64Array(unknowns * width);
  const s = new Float64Array(sources * width);
  const acc = new Float64Array(n * width);
  const { wordLines, wordStride, wordOffset, bitLines, bitStride, out, outStride, outOffset } = io;
  for (let b0 = 0; b0 < batch; b0 += width) {
    const w = Math.min(width, batch - b0);
    // Source voltages, source-major: s[src·w + r].
    for (let r = 0; r < w; r++) {
      const wo = (b0 + r) * wordStride + wordOffset;
      for (let i = 0; i < m; i++) s[i * w + r] = wordLines[wo + i]!;
      if (bitLines === null) for (let j = 0; j < n; j++) s[(m + j) * w + r] = 0;
      else {
        const bo = (b0 + r) * bitStride;
        for (let j = 0; j < n; j++) s[(m + j) * w + r] = bitLines[bo + j]!;
      }
    }
    if (factor !== null) {
      x.fill(0, 0, unknowns * w);
      for (let t = 0; t < stampUnknown.length; t++) {
        const xo = stampUnknown[t]! * w;
        const so = stampSource[t]! * w;
        const c = stampConductance[t]!;
        for (let r = 0; r < w; r++) x[xo + r]! += c * s[so + r]!;
      }
      factor.solveManyInPlace(w === width ? x : x.subarray(0, unknowns * w), w);
    }
    // Currents, cell-major so each cell reads its two nodes' voltages contiguously: acc[j·w + r].
    acc.fill(0, 0, n * w);
    for (let c = 0; c < m * n; c++) {
      const a = wordNode[c]!;
      const bn = bitNode[c]!;
      const gc = branch[c]!;
      const ao = a >= 0 ? a * w : (-1 - a) * w;
      const bo = bn >= 0 ? bn * w : (-1 - bn) * w;
      const av = a >= 0 ? x : s;
      const bv = bn >= 0 ? x : s;
      const jo = (c % n) * w;
      for (let r = 0; r < w; r++) acc[jo + r]! += gc * (av[ao + r]! - bv[bo + r]!);
    }
    for (let r = 0; r < w; r++) {
      const oo = (b0 + r) * outStride + outOffset;
      for (let j = 0; j < n; j++) out[oo + j]! += acc[j * w + r]!;
    }
    if (b0 === 0 && io.cellVoltages !== undefined) {
      const cells = io.cellVoltages;
      for (let c = 0; c < m * n; c++) {
        const a = wordNode[c]!;
        const bn = bitNode[c]!;
        const va = a >= 0 ? x[a * w]! : s[(-1 - a) * w]!;
        const vb = bn >= 0 ? x[bn * w]! : s[(-1 - bn) * w]!;
        cells[c] = (va - vb) * deviceShare[c]!;
      }
    }
  }
}
