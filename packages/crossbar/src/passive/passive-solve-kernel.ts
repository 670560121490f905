// MODULES //

import type { PassiveCircuit } from './passive-circuit';

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

/** Right-hand sides per block: bounded so that a block of node voltages stays around 32 MB. */
function blockWidth(circuit: PassiveCircuit, batch: number): number {
  return Math.max(1, Math.min(batch, 64, Math.floor(4_000_000 / Math.max(1, circuit.unknowns))));
}

/**
 * Solves a factored passive crossbar for `batch` input vectors, adding the bit-line currents
 * I_j = Σ_i g_ij·(W(i,j) − B(i,j)) into `io.out`. Node voltages are found for a block of right-hand sides at a
 * time, so the factor is streamed once per block.
 *
 * Kernel: assumes valid input and does not check.
 */
export function solveCircuitBatch(circuit: PassiveCircuit, batch: number, io: PassiveBatchIo): void {
  const { rows: m, cols: n, unknowns, factor, wordNode, bitNode, branch, deviceShare } = circuit;
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
