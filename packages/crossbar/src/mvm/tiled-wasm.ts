// MODULES //

import { threadedTiledKernel } from '../gemm/gemm-threads';
import { BASE, defaultKernel, ensureBytes, wasmGemmAvailable } from '../gemm/gemm-wasm';
import { fullScaleTable } from './fused-linear-adc';
import { NORMAL_BLOCK_ROWS, drawSeed } from '../read-noise/normal-kernel';
import { ZIGGURAT_TABLE_BYTES, zigguratTables } from '../read-noise/ziggurat-tables';
import type { FusedPerturb, FusedReadNoise } from '../read-noise/read-noise';
import { IMAGE_BLOCK_BYTES, epilogueBytes, imageBytes, writeImage } from './image-rows';
import { writeColumnPanels } from './packed-operand';
import type { ImageRows } from './image-rows';

// MAIN //

/** Smallest product (2·m·k·n flops) worth handing to worker threads (as `gemm`). */
const THREAD_MIN_FLOPS = 2 ** 24;

/** Normals per chunk of asm/gemm.ts `perturbPanels` (PERTURB_CHUNK floats). */
const PERTURB_SCRATCH_BYTES = 16384 * 4;

/** Bytes of the per-call device-noise block: the packed σ matrix, state, tables, scratch and alignment. */
function perturbBytes(nPanels: number, k: number): number {
  return nPanels * 32 * k + 64 + ZIGGURAT_TABLE_BYTES + PERTURB_SCRATCH_BYTES + 16;
}

/** Row panels per block the kernel hands out (asm/gemm.ts MP; NORMAL_BLOCK_ROWS = 4 rows per panel × 16). */
const BLOCK_PANELS = NORMAL_BLOCK_ROWS / 4;

/**
 * The tiled read-out in WebAssembly (asm/gemm.ts `tiledPanels`): A is packed once over all word lines (not once per
 * tile row), and each tile row's partial sums, the plain linear ADC (`bits`, 0 = none) and the digital sum stay
 * inside the kernel, split by input rows over `threads`. Same numbers as src/mvm/tiled-kernel.ts's TypeScript
 * loop, bit for bit. Returns false (out unspecified) when WebAssembly SIMD is missing, the operands do not fit the
 * memory, or a partial sum is one the ADC rejects; the caller then runs the TypeScript loop, which raises the error.
 * Read noise (`noise`) is added inside the tile loop, to each tile row's partial sums while they are in cache: the
 * generator of every tile row and block of 64 rows is seeded here first (in order: the seeds `drawNormalBlocks` of
 * the TypeScript loop draws), and the thread that reads a block out draws its normals; σ comes from the squared
 * voltages (times the variance matrix when σ depends on the device). On a false return the generator is put back
 * where it was, so the TypeScript loop draws the same values.
 * With `image` A is not `v` but the implicit im2col matrix of an image: each thread packs its panels straight from
 * the image with the input scaling fused in, and scales its own output rows back (see {@link ImageRows}); `v` is then
 * unused. Read noise takes its voltages from the packed panels, so it applies to an image the same way (the normals
 * follow the rows of the im2col matrix). False also when a voltage or an output is not finite (the checked path
 * raises the error).
 * Kernel: no checks.
 */
export function tiledWasmKernel(
  v: Float32Array,
  batch: number,
  rows: number,
  cols: number,
  geff: Float32Array,
  tileRows: number,
  tileCols: number,
  bits: number,
  out: Float32Array,
  threads = 1,
  noise: FusedReadNoise | null = null,
  image: ImageRows | null = null,
  perturb: FusedPerturb | null = null,
): boolean {
  if (!wasmGemmAvailable()) return false;
  const threaded = threads > 1 && 2 * batch * rows * cols >= THREAD_MIN_FLOPS ? threadedTiledKernel(threads) : null;
  const kernel = threaded?.kernel ?? defaultKernel();
  const k = rows;
  const n = cols;
  const nPanels = (n + 7) >> 3;
  const ldc = nPanels * 8;
  const gridRows = Math.ceil(rows / tileRows);
  const variance = noise?.variance ?? null;
  const pb = BASE;
  const pv = variance === null ? 0 : pb + nPanels * 32 * k;
  const pt = pb + (variance === null ? 1 : 2) * nPanels * 32 * k;
  const pflag = pt + 192 * 4;
  // The block counter of a threaded call (its own word beside the flag; 0 = blocks in order, one thread).
  const pnext = pflag + 8;
  const pnoise = pflag + 16;
  // The image block: geometry, DAC and epilogue, the f64 scales (per sample), gains and epilogue (per column), the
  // image itself.
  const pconv = image === null ? 0 : pnoise + 48;
  const pscale = pconv + IMAGE_BLOCK_BYTES;
  const pgain = pscale + (image === null ? 0 : image.samples * 8);
  const pimg = pgain + n * 8 + (image === null ? 0 : epilogueBytes(image));
  const pa = image === null ? pnoise + 48 : Math.ceil(pimg / 16) * 16 + imageBytes(image);
  // Per input row: A and its raw copy (none from an image), C and the output; with read noise the normals of every
  // tile row, and with a per-device σ the squared A and its product with the variance matrix.
  const noiseBytes = noise === null ? 0 : (n + (variance === null ? 0 : k + ldc)) * 4;
  const perRowBytes = ((image === null ? 2 : 1) * k + 2 * ldc) * 4 + noiseBytes;
  // Fixed read-noise bytes: the tables, one generator state per tile row and block, alignment and slot padding.
  const blockCount = Math.ceil(batch / NORMAL_BLOCK_ROWS);
  const fixedBytes =
    (noise === null ? 0 : ZIGGURAT_TABLE_BYTES + 16 + blockCount * (gridRows * 64 + 16)) +
    (perturb === null ? 0 : perturbBytes(nPanels, k));
  const room = kernel.maximumBytes - pa - fixedBytes;
  const chunkRows = Math.min(Math.ceil(batch / 4) * 4, Math.floor(room / perRowBytes / 4) * 4);
  if (chunkRows < 4) return false;
  // The normals are drawn for the whole batch per tile row (the TypeScript loop's order): one chunk only.
  if (noise !== null && chunkRows < batch) return false;
  const pc = pa + chunkRows * k * 4;
  const po = pc + chunkRows * ldc * 4;
  const praw = po + chunkRows * ldc * 4;
  const pz = praw + (image === null ? chunkRows * k * 4 : 0);
  // Read noise: one slot of normals per block (64·n + 4 floats: the generator writes multiples of 4), the ziggurat
  // tables and one 16-word generator state per tile row and block.
  const blocks = blockCount;
  const ptab = Math.ceil((pz + (noise === null ? 0 : blocks * (NORMAL_BLOCK_ROWS * n + 4) * 4)) / 16) * 16;
  const pseed = ptab + (noise === null ? 0 : ZIGGURAT_TABLE_BYTES);
  const pa2 = pseed + (noise === null ? 0 : gridRows * blocks * 64);
  const pc2 = pa2 + (variance === null ? 0 : chunkRows * k * 4);
  // Per-call device noise: the packed σ matrix, the generator state, its tables and a chunk of normals.
  const pstd = Math.ceil((pc2 + (variance === null ? 0 : chunkRows * ldc * 4)) / 16) * 16;
  const pstate = pstd + (perturb === null ? 0 : nPanels * 32 * k);
  const pptab = pstate + 64;
  const pscratch = pptab + ZIGGURAT_TABLE_BYTES;
  ensureBytes(kernel.memory, perturb === null ? pstd : pscratch + PERTURB_SCRATCH_BYTES);
  let heap = new Float32Array(kernel.memory.buffer);
  writeColumnPanels(geff, k, n, heap, pb >> 2);
  if (variance !== null) writeColumnPanels(variance, k, n, heap, pv >> 2);
  const words = new Int32Array(kernel.memory.buffer);
  words.set(fullScaleTable(), pt >> 2);
  words[pflag >> 2] = 0;
  if (image !== null) writeImage(kernel.memory.buffer, image, pconv, pscale, pgain, Math.ceil(pimg / 16) * 16);
  const rng = perturb?.rng ?? noise?.rng ?? null;
  const saved = rng === null ? null : rng.state;
  if (perturb !== null) {
    // The call's device draw on the packed matrix (asm/gemm.ts perturbPanels), before the tile rows' seeds: the
    // order in which the TypeScript path draws (perturb, then add per tile row).
    writeColumnPanels(perturb.std, k, n, heap, pstd >> 2);
    drawSeed(perturb.rng, words, pstate >> 2);
    new Float64Array(kernel.memory.buffer, pptab, ZIGGURAT_TABLE_BYTES / 8).set(zigguratTables());
    kernel.perturbPanels(pb, pstd, nPanels * 8 * k, pstate, pptab, pscratch);
  }
  if (noise !== null) {
    words.set([pa2, pv, pc2, pz, batch], pnoise >> 2);
    new Float64Array(kernel.memory.buffer, pnoise + 24, 2).set([noise.flat, noise.outVar]);
    words.set([pseed, ptab], (pnoise + 40) >> 2);
    new Float64Array(kernel.memory.buffer, ptab, ZIGGURAT_TABLE_BYTES / 8).set(zigguratTables());
    for (let t = 0; t < gridRows; t++)
      for (let b = 0; b < blocks; b++) drawSeed(noise.rng, words, (pseed >> 2) + (t * blocks + b) * 16);
  }
  const noiseBlock = noise === null ? 0 : pnoise;
  for (let r0 = 0; r0 < batch; r0 += chunkRows) {
    const r1 = Math.min(batch, r0 + chunkRows);
    const mPanels = (r1 - r0 + 3) >> 2;
    // One memcpy of the raw rows (or the chunk's first row for the image block); each thread packs its own panels
    // inside the kernel.
    if (image === null) heap.set(v.subarray(r0 * k, r1 * k), praw >> 2);
    else words[(pconv >> 2) + 1] = r0;
    const valid = r1 - r0;
    // Fewer blocks of row panels than threads (a small batch): each block's columns are split too (never with read
    // noise, whose normals are drawn per block over all columns). Same outputs for any split (asm/gemm.ts).
    const blocksHere = Math.ceil(mPanels / BLOCK_PANELS);
    const colGroup =
      threaded === null || noise !== null ? 0 : columnGroup(n, bits === 0 ? 8 : tileCols, blocksHere, threads);
    const units = blocksHere * (colGroup === 0 ? 1 : Math.ceil(n / colGroup));
    const args = (pnext: number): Parameters<typeof kernel.tiledPanels> => [
      pa,
      pb,
      pc,
      po,
      k,
      0,
      mPanels,
      n,
      ldc,
      tileRows,
      tileCols,
      bits,
      pt,
      pflag,
      praw,
      valid,
      noiseBlock,
      pconv,
      pnext,
      colGroup,
    ];
    if (threaded === null) kernel.tiledPanels(...args(0));
    else {
      // Units (blocks, or block × column group) go to whichever thread asks next (the counter word at pnext, reset per
      // chunk): a thread that starts late or runs slower takes fewer, and nobody waits on a fixed half. Threads beyond
      // the units idle.
      words[pnext >> 2] = 0;
      threaded.run((t) => (t < units ? args(pnext) : null));
    }
    heap = new Float32Array(kernel.memory.buffer);
    if (new Int32Array(kernel.memory.buffer)[pflag >> 2] !== 0) {
      if (rng !== null) rng.state = saved!;
      return false;
    }
    const o0 = po >> 2;
    if (n === ldc) out.set(heap.subarray(o0, o0 + (r1 - r0) * n), r0 * n);
    else for (let r = r0; r < r1; r++) out.set(heap.subarray(o0 + (r - r0) * ldc, o0 + (r - r0) * ldc + n), r * n);
  }
  return true;
}

/**
 * Columns per unit of work when `blocks` blocks of row panels are fewer than two per thread: a multiple of 8 (the
 * kernel's column panels) and of `tileCols` (one ADC range per tile column), giving about two units per thread;
 * 0 (no split) when the columns do not divide further.
 */
function columnGroup(n: number, tileCols: number, blocks: number, threads: number): number {
  if (blocks >= 2 * threads) return 0;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const unit = (8 * tileCols) / gcd(8, tileCols);
  const slots = Math.ceil(n / unit);
  const groups = Math.min(slots, Math.ceil((2 * threads) / blocks));
  if (groups <= 1) return 0;
  return Math.ceil(slots / groups) * unit;
}
