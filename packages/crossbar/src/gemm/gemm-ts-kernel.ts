// MODULES //

import { packColumnPanels, packRowPanels } from './pack-panels';

// MAIN //

/** Depth of one k block: a 4×KC panel of A and of B (4 KB each) stay in L1 while a 4×4 block of C is built. */
const KC = 256;

/** Scratch panels, grown on demand and reused across calls (the kernel allocates nothing in steady state). */
let scratchA: Float32Array = new Float32Array(0);
let scratchB: Float32Array = new Float32Array(0);

function scratch(current: Float32Array, length: number): Float32Array {
  return current.length >= length ? current : new Float32Array(Math.max(length, current.length * 2));
}

/**
 * Plain-TypeScript GEMM `out = a·b` (row-major, `a` m×k, `b` k×n, `out` m×n overwritten) for rows
 * [rowStart, rowEnd) of `out`. A and B are packed into 4-wide k-contiguous panels (zero-padded at the edges) and a
 * 4×4 register block of 16 local accumulators walks k in blocks of {@link KC}.
 *
 * Every product and sum is rounded to float32 (`Math.fround`) and each output sums its k terms in order
 * 0…k−1, exactly like the WebAssembly SIMD kernel (f32x4 mul then add, no FMA), so both backends give
 * bit-identical results.
 *
 * Kernel: assumes valid input and does not check.
 */
export function gemmTsKernel(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  out: Float32Array,
  rowStart = 0,
  rowEnd = m,
): void {
  const rows = rowEnd - rowStart;
  if (rows <= 0) return;
  if (k === 0) {
    out.fill(0, rowStart * n, rowEnd * n);
    return;
  }
  const mPanels = (rows + 3) >> 2;
  const nPanels = (n + 3) >> 2;
  scratchA = scratch(scratchA, mPanels * 4 * k);
  scratchB = scratch(scratchB, nPanels * 4 * k);
  const pa = scratchA;
  const pb = scratchB;
  packRowPanels(a, k, rowStart, rowEnd, k, 4, pa);
  packColumnPanels(b, n, 0, n, k, 4, pb);
  const fr = Math.fround;
  for (let k0 = 0; k0 < k; k0 += KC) {
    const k1 = Math.min(k, k0 + KC);
    const first = k0 === 0;
    for (let jp = 0; jp < nPanels; jp++) {
      const j = jp * 4;
      const jw = Math.min(4, n - j);
      for (let ip = 0; ip < mPanels; ip++) {
        const i = rowStart + ip * 4;
        const iw = Math.min(4, rowEnd - i);
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0;
        let c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0;
        let c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0;
        let c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0;
        if (!first) {
          // Continue each output's running float32 sum from where the previous k block stored it.
          const o0 = i * n + j;
          const o1 = o0 + n;
          const o2 = o1 + n;
          const o3 = o2 + n;
          if (iw === 4 && jw === 4) {
            c00 = out[o0]!;
            c01 = out[o0 + 1]!;
            c02 = out[o0 + 2]!;
            c03 = out[o0 + 3]!;
            c10 = out[o1]!;
            c11 = out[o1 + 1]!;
            c12 = out[o1 + 2]!;
            c13 = out[o1 + 3]!;
            c20 = out[o2]!;
            c21 = out[o2 + 1]!;
            c22 = out[o2 + 2]!;
            c23 = out[o2 + 3]!;
            c30 = out[o3]!;
            c31 = out[o3 + 1]!;
            c32 = out[o3 + 2]!;
            c33 = out[o3 + 3]!;
          } else {
            const t = edgeTile;
            t.fill(0);
            for (let r = 0; r < iw; r++) for (let c = 0; c < jw; c++) t[r * 4 + c] = out[(i + r) * n + j + c]!;
            c00 = t[0]!;
            c01 = t[1]!;
            c02 = t[2]!;
            c03 = t[3]!;
            c10 = t[4]!;
            c11 = t[5]!;
            c12 = t[6]!;
            c13 = t[7]!;
            c20 = t[8]!;
            c21 = t[9]!;
            c22 = t[10]!;
            c23 = t[11]!;
            c30 = t[12]!;
            c31 = t[13]!;
            c32 = t[14]!;
            c33 = t[15]!;
          }
        }
        let ia = ip * 4 * k + k0 * 4;
        let ib = jp * 4 * k + k0 * 4;
        for (let kk = k0; kk < k1; kk++) {
          const a0 = pa[ia]!,
            a1 = pa[ia + 1]!,
            a2 = pa[ia + 2]!,
            a3 = pa[ia + 3]!;
          const b0 = pb[ib]!,
            b1 = pb[ib + 1]!,
            b2 = pb[ib + 2]!,
            b3 = pb[ib + 3]!;
          c00 = fr(c00 + fr(a0 * b0));
          c01 = fr(c01 + fr(a0 * b1));
          c02 = fr(c02 + fr(a0 * b2));
          c03 = fr(c03 + fr(a0 * b3));
          c10 = fr(c10 + fr(a1 * b0));
          c11 = fr(c11 + fr(a1 * b1));
          c12 = fr(c12 + fr(a1 * b2));
          c13 = fr(c13 + fr(a1 * b3));
          c20 = fr(c20 + fr(a2 * b0));
          c21 = fr(c21 + fr(a2 * b1));
          c22 = fr(c22 + fr(a2 * b2));
          c23 = fr(c23 + fr(a2 * b3));
          c30 = fr(c30 + fr(a3 * b0));
          c31 = fr(c31 + fr(a3 * b1));
          c32 = fr(c32 + fr(a3 * b2));
          c33 = fr(c33 + fr(a3 * b3));
          ia += 4;
          ib += 4;
        }
        if (iw === 4 && jw === 4) {
          const o0 = i * n + j;
          const o1 = o0 + n;
          const o2 = o1 + n;
          const o3 = o2 + n;
          out[o0] = c00;
          out[o0 + 1] = c01;
          out[o0 + 2] = c02;
          out[o0 + 3] = c03;
          out[o1] = c10;
          out[o1 + 1] = c11;
          out[o1 + 2] = c12;
          out[o1 + 3] = c13;
          out[o2] = c20;
          out[o2 + 1] = c21;
          out[o2 + 2] = c22;
          out[o2 + 3] = c23;
          out[o3] = c30;
          out[o3 + 1] = c31;
          out[o3 + 2] = c32;
          out[o3 + 3] = c33;
        } else {
          const t = edgeTile;
          t[0] = c00;
          t[1] = c01;
          t[2] = c02;
          t[3] = c03;
          t[4] = c10;
          t[5] = c11;
          t[6] = c12;
          t[7] = c13;
          t[8] = c20;
          t[9] = c21;
          t[10] = c22;
          t[11] = c23;
          t[12] = c30;
          t[13] = c31;
          t[14] = c32;
          t[15] = c33;
          for (let r = 0; r < iw; r++) for (let c = 0; c < jw; c++) out[(i + r) * n + j + c] = t[r * 4 + c]!;
        }
      }
    }
  }
}

/** 4×4 staging block for edge tiles (rows or columns not a multiple of 4). */
const edgeTile = new Float32Array(16);
