import { gemmKernel } from '../gemm/gemm-kernel';
import { addLinearAdc } from './fused-linear-adc';
import { scratch32 } from '@memsim/core/internal';
import { tiledWasmKernel } from './tiled-wasm';
import type { ReadNoiseKernel } from '../read-noise/read-noise';

/**
 * Converts one vector of analog outputs (a tile's partial sums, or a whole output) into ADC values. May write into
 * `out` (same length, not aliasing `x`) and return it, or return a new array.
 */
export type Converter = ((x: Float32Array, out?: Float32Array) => Float32Array) & {
  /** Set when the converter is the plain linear ADC (overflowRate 0) of this many bits: the tile loop fuses it. */
  readonly linearBits?: number;
};

/**
 * Tiled MVM kernel (no checks): `out = Σ_i ADC(v[:, tile-row i] · geff[tile-row i, :])`, with the ADC applied per
 * input row and per tile column to a zero-padded vector of `tileCols` partial sums, exactly where MemTorch's
 * `tile_matmul` puts it. Partial sums of different tile rows are added digitally in float32.
 *
 * @param v - voltages, batch × rows (float32)
 * @param geff - effective conductance matrix, rows × cols (float32), without the read noise of `noise` (added here)
 * @param adc - converter, or null for none
 * @param out - batch × cols result (overwritten)
 * @param noise - read noise added to each tile row's partial sums before the ADC, or null
 * @param threads - threads for the products (results do not depend on it)
 */
export function tiledKernel(
  v: Float32Array,
  batch: number,
  rows: number,
  cols: number,
  geff: Float32Array,
  tileRows: number,
  tileCols: number,
  adc: Converter | null,
  out: Float32Array,
  noise: ReadNoiseKernel | null = null,
  threads = 1,
): Float32Array {
  // The WebAssembly kernel covers the common cases (no ADC or the plain linear one; read noise added in its tile
  // loop), bit-identically.
  const fused = noise === null ? 'none' : noise.fused;
  if (fused !== null && (adc === null || adc.linearBits !== undefined)) {
    const bits = adc === null ? 0 : adc.linearBits!;
    const add = fused === 'none' ? null : fused;
    const perturb = noise?.perturbFused ?? null;
    if (tiledWasmKernel(v, batch, rows, cols, geff, tileRows, tileCols, bits, out, threads, add, null, perturb))
      return out;
  }
  // The call's device noise (draw: 'call') on the matrix the loop reads (the kernel above perturbs its packed copy).
  const g = noise?.perturb ? noise.perturb(geff) : geff;
  out.fill(0);
  const gridRows = Math.ceil(rows / tileRows);
  const gridCols = Math.ceil(cols / tileCols);
  // Reused work buffers: fresh ones of the conv patches' size cost more in page faults than the GEMM (see scratch).
  const block = scratch32('crossbar.tiled-block', batch * tileRows);
  const partial = scratch32('crossbar.tiled-partial', batch * cols);
  const padded = new Float32Array(tileCols);
  const converted = new Float32Array(tileCols);
  for (let i = 0; i < gridRows; i++) {
    const r0 = i * tileRows;
    const kr = Math.min(tileRows, rows - r0);
    const a = kr === tileRows ? block : block.subarray(0, batch * kr);
    for (let b = 0; b < batch; b++) {
      const src = b * rows + r0;
      const dst = b * kr;
      for (let k = 0; k < kr; k++) a[dst + k] = v[src + k]!;
    }
    gemmKernel(a, g.subarray(r0 * cols, (r0 + kr) * cols), batch, kr, cols, partial, threads);
    if (noise !== null) noise.add(a, batch, r0, kr, partial);
    if (adc === null) {
      for (let x = 0; x < partial.length; x++) out[x] = out[x]! + partial[x]!;
      continue;
    }
    const bits = adc.linearBits;
    for (let b = 0; b < batch; b++) {
      const rowBase = b * cols;
      for (let j = 0; j < gridCols; j++) {
        const c0 = j * tileCols;
        const width = Math.min(tileCols, cols - c0);
        if (bits !== undefined && addLinearAdc(partial, rowBase + c0, width, tileCols, bits, out, rowBase + c0))
          continue;
        let q: Float32Array;
        if (width === tileCols) q = adc(partial.subarray(rowBase + c0, rowBase + c0 + width), converted);
        else {
          padded.fill(0);
          for (let c = 0; c < width; c++) padded[c] = partial[rowBase + c0 + c]!;
          q = adc(padded, converted);
        }
        for (let c = 0; c < width; c++) out[rowBase + c0 + c] = out[rowBase + c0 + c]! + q[c]!;
      }
    }
  }
  return out;
}
