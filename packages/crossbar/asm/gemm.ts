// AssemblyScript source of the WebAssembly SIMD GEMM kernel of @memsim/crossbar (compiled by asm/build.mjs).
//
// Layout (all float32, prepared by src/gemm/gemm-wasm.ts):
// - A packed in panels of 4 rows, k-contiguous: panel ip starts at pa + ip·16·k bytes, lane r of step kk at
//   + kk·16 + r·4.
// - B packed in panels of 8 columns, k-contiguous: panel jp starts at pb + jp·32·k bytes, lane c of step kk at
//   + kk·32 + c·4.
// - C row-major, padded to ldc = 8·nPanels columns and 4·mPanels rows.
// Each output is the float32 sum of its k products in order 0…k−1 (f32x4 mul then add, no FMA), exactly what the
// TypeScript kernel computes, so both backends are bit-identical.

/** Depth of one k block [steps]. A 4×KC panel (4 KB) and an 8×KC panel (8 KB) stay in L1. */
const KC: i32 = 256;
/** Row panels per L2 block: 16 panels × 4 rows × KC × 4 bytes = 64 KB of A. */
import { fillNormals } from './ziggurat';

const MP: i32 = 16;

/** Where {@link tiledPanels} raises its flag when a partial sum is one quantize rejects (NaN, ±Infinity, > 2^126). */
const MAX_MAGNITUDE_F32: f32 = 8.507059173023462e37; // 2^126
/** MemTorch's 1e-12f (see src/mvm/fused-linear-adc.ts). */
const EPSILON_F: f32 = <f32>1e-12;
/** 0.5 + 2^−25 (see @memsim/quantize linear-kernel.ts). */
const HALF_FLOAT: f64 = 0.5 + 2.9802322387695312e-8;

/**
 * C[i0..i1 row panels, jp0..jp1 column panels] = A[:, k0..k1) · B[k0..k1, :], summed in order k0…k1−1 onto 0 or,
 * with `accumulate`, onto the C already there: the one 4×8 register-blocked panel loop, shared by the plain product
 * ({@link gemmPanels}, one call per KC block and L2 block of rows) and the tiled read-out ({@link tiledPanels}, one
 * call per tile row). A call covers a whole block (thousands of multiply-adds or more), so sharing it costs nothing.
 */
function panelBlock(
  pa: usize,
  pb: usize,
  pc: usize,
  k: i32,
  k0: i32,
  k1: i32,
  i0: i32,
  i1: i32,
  jp0: i32,
  jp1: i32,
  rowBytes: usize,
  accumulate: bool,
): void {
  for (let kb: i32 = k0; kb < k1; kb += KC) {
    const kc: i32 = min(KC, k1 - kb);
    const first = kb === k0 && !accumulate;
    for (let jp: i32 = jp0; jp < jp1; jp++) {
      const bStart: usize = pb + ((<usize>jp * <usize>k + <usize>kb) << 5);
      for (let ip: i32 = i0; ip < i1; ip++) {
        let a: usize = pa + ((<usize>ip * <usize>k + <usize>kb) << 4);
        let b: usize = bStart;
        const c0: usize = pc + ((<usize>ip) << 2) * rowBytes + ((<usize>jp) << 5);
        const c1: usize = c0 + rowBytes;
        const c2: usize = c1 + rowBytes;
        const c3: usize = c2 + rowBytes;
        let x00 = f32x4.splat(0);
        let x01 = f32x4.splat(0);
        let x10 = f32x4.splat(0);
        let x11 = f32x4.splat(0);
        let x20 = f32x4.splat(0);
        let x21 = f32x4.splat(0);
        let x30 = f32x4.splat(0);
        let x31 = f32x4.splat(0);
        if (!first) {
          x00 = v128.load(c0);
          x01 = v128.load(c0, 16);
          x10 = v128.load(c1);
          x11 = v128.load(c1, 16);
          x20 = v128.load(c2);
          x21 = v128.load(c2, 16);
          x30 = v128.load(c3);
          x31 = v128.load(c3, 16);
        }
        for (let kk: i32 = 0; kk < kc; kk++) {
          const b0 = v128.load(b);
          const b1 = v128.load(b, 16);
          const a0 = v128.load32_splat(a);
          const a1 = v128.load32_splat(a, 4);
          const a2 = v128.load32_splat(a, 8);
          const a3 = v128.load32_splat(a, 12);
          x00 = f32x4.add(x00, f32x4.mul(a0, b0));
          x01 = f32x4.add(x01, f32x4.mul(a0, b1));
          x10 = f32x4.add(x10, f32x4.mul(a1, b0));
          x11 = f32x4.add(x11, f32x4.mul(a1, b1));
          x20 = f32x4.add(x20, f32x4.mul(a2, b0));
          x21 = f32x4.add(x21, f32x4.mul(a2, b1));
          x30 = f32x4.add(x30, f32x4.mul(a3, b0));
          x31 = f32x4.add(x31, f32x4.mul(a3, b1));
          a += 16;
          b += 32;
        }
        v128.store(c0, x00);
        v128.store(c0, x01, 16);
        v128.store(c1, x10);
        v128.store(c1, x11, 16);
        v128.store(c2, x20);
        v128.store(c2, x21, 16);
        v128.store(c3, x30);
        v128.store(c3, x31, 16);
      }
    }
  }
}

/**
 * The blocks of C in row panels [ip0, ip1) × column panels [jp0, jp1) = A·B for the packed operands described
 * above. Callers split row or column panels across threads; each thread writes only its own blocks of C. Depth goes
 * in KC blocks (in order, each added onto the last) and row panels in L2 blocks of MP (64 KB of A).
 */
export function gemmPanels(
  pa: usize,
  pb: usize,
  pc: usize,
  k: i32,
  ip0: i32,
  ip1: i32,
  jp0: i32,
  jp1: i32,
  ldc: i32,
): void {
  const rowBytes = (<usize>ldc) << 2;
  for (let k0: i32 = 0; k0 < k; k0 += KC) {
    const k1: i32 = min(k, k0 + KC);
    for (let i0: i32 = ip0; i0 < ip1; i0 += MP)
      panelBlock(pa, pb, pc, k, k0, k1, i0, min(ip1, i0 + MP), jp0, jp1, rowBytes, k0 > 0);
  }
}

/**
 * The tiled read-out of row panels [ip0, ip1): for each tile row t (word lines [t·tileRows, …)) the partial sums
 * C = A[:, tile rows]·B[tile rows, :] (from 0, in order), then per row and tile column the `bits`-bit linear ADC
 * (overflowRate 0; `bits` = 0: no ADC) of the zero-padded vector of `tileCols` partials, added in float32 into
 * O (row-major, ldc, zeroed here) — the order and arithmetic of src/mvm/tiled-kernel.ts with
 * src/mvm/fused-linear-adc.ts, so the results are bit-identical. `ptable` holds, per float exponent e + 64
 * (e ∈ [−64, 127]), the bit pattern of the smallest w in [2^e, 2^(e+1)) whose full-scale exponent is e + 1 (built
 * in JS from the quantize formula). Sets the i32 at `pflag` to 1 when a partial sum is one quantize rejects. A is
 * read row-major from `praw` (`rows` valid rows of k) and packed by the thread that owns the panels.
 *
 * Read noise (`pnoise` ≠ 0, a block described below) is added to each tile row's partial sums before the ADC, while
 * they are in cache: see {@link addReadNoise}. `pa2`, `pc2`: room for the packed squared voltages and their product
 * with the packed variance matrix at `pv` (0: σ does not depend on the device). The normals of tile row t and block
 * b (MP panels = 64 rows) come from their own generator (16 state words at pseed + 64·(t·blocks + b), tables at
 * ptab: asm/ziggurat.ts), drawn by the thread that reads the block out into its own slot of `pz` (64·n + 4 floats
 * per block), so they cost no serial pass and no memory per tile row. Both work from the packed A, so read noise
 * and the conv block (`pconv`) combine. `colGroup` > 0 splits each block's columns into units of that many columns
 * (small batches: fewer blocks than threads; see the loop).
 */
export function tiledPanels(
  pa: usize,
  pb: usize,
  pc: usize,
  po: usize,
  k: i32,
  ip0: i32,
  ip1: i32,
  n: i32,
  ldc: i32,
  tileRows: i32,
  tileCols: i32,
  bits: i32,
  ptable: usize,
  pflag: usize,
  praw: usize,
  rows: i32,
  pnoise: usize,
  pconv: usize,
  pnext: usize,
  colGroup: i32,
): void {
  // Read-noise block (0: none): i32 pa2, pv, pc2, pz, zRows at +0…+16, f64 flat at +24 and outVar at +32, i32 pseed
  // and ptab at +40, +44.
  const pa2: usize = pnoise === 0 ? 0 : <usize>load<i32>(pnoise);
  const pv: usize = pnoise === 0 ? 0 : <usize>load<i32>(pnoise, 4);
  const pc2: usize = pnoise === 0 ? 0 : <usize>load<i32>(pnoise, 8);
  const pz: usize = pnoise === 0 ? 0 : <usize>load<i32>(pnoise, 12);
  const zRows: i32 = pnoise === 0 ? 0 : load<i32>(pnoise, 16);
  const flat: f64 = pnoise === 0 ? 0 : load<f64>(pnoise, 24);
  const outVar: f64 = pnoise === 0 ? 0 : load<f64>(pnoise, 32);
  const pseed: usize = pnoise === 0 ? 0 : <usize>load<i32>(pnoise, 40);
  const ptab: usize = pnoise === 0 ? 0 : <usize>load<i32>(pnoise, 44);
  const zBlocks: i32 = (zRows + 4 * MP - 1) / (4 * MP);
  const zStride: usize = (<usize>n * 4 * MP + 4) << 2;
  const rowBytes = (<usize>ldc) << 2;
  const nPanels: i32 = ldc >> 3;
  const low: f64 = -(<f64>(1 << (bits - 1)));
  const high: f64 = <f64>((1 << (bits - 1)) - 1);
  // Units of work, in order (pnext = 0) or handed out by the shared counter at `pnext` to whichever thread asks next
  // (threads of one job all start at ip0; a slow or late thread simply takes fewer units). A unit is one block of MP
  // row panels × one group of `colGroup` columns (0: all n columns, one unit per block). Columns are split only when
  // there are fewer blocks than threads (small batches: dense layers at inference, one image's conv) and never with
  // read noise (its normals are drawn per block over all columns); `colGroup` is a multiple of 8 and of `tileCols`
  // (with an ADC), so every output is computed by the same operations whichever unit holds it and the results do not
  // depend on who took it. Every unit of a block packs that block's A (the same values: units of one block may write
  // it at once).
  const groups: i32 = colGroup <= 0 ? 1 : (n + colGroup - 1) / colGroup;
  const units: i32 = ((ip1 - ip0 + MP - 1) / MP) * groups;
  let u: i32 = pnext === 0 ? 0 : atomic.add<i32>(pnext, 1);
  for (; u < units; u = pnext === 0 ? u + 1 : atomic.add<i32>(pnext, 1)) {
    const block: i32 = u / groups;
    const c0: i32 = groups === 1 ? 0 : (u - block * groups) * colGroup;
    const c1: i32 = groups === 1 ? n : min(n, c0 + colGroup);
    const jp0: i32 = c0 >> 3;
    const jp1: i32 = groups === 1 ? nPanels : (c1 + 7) >> 3;
    const i0: i32 = ip0 + block * MP;
    const i1: i32 = min(ip1, i0 + MP);
    const r0: i32 = i0 << 2;
    const r1: i32 = i1 << 2;
    packRows(pa, pa2, praw, k, i0, i1, rows, pconv, pflag, pz !== 0 && pv !== 0);
    for (let r: i32 = r0; r < r1; r++)
      memory.fill(po + <usize>r * rowBytes + ((<usize>c0) << 2), 0, (<usize>(c1 - c0)) << 2);
    for (let k0: i32 = 0; k0 < k; k0 += tileRows) {
      const k1: i32 = min(k, k0 + tileRows);
      panelBlock(pa, pb, pc, k, k0, k1, i0, i1, jp0, jp1, rowBytes, false);
      if (pz !== 0) {
        const block: i32 = i0 / MP;
        const zb: usize = pz + <usize>block * zStride;
        const state: usize = pseed + ((<usize>((k0 / tileRows) * zBlocks + block)) << 6);
        fillNormals(state, ptab, zb, ((min(r1, rows) - r0) * n + 3) & ~3);
        addReadNoise(pa, pa2, pv, pc, pc2, zb, k, k0, k1, i0, i1, n, nPanels, rowBytes, rows, flat, outVar);
      }
      for (let r: i32 = r0; r < r1; r++) {
        const cRow: usize = pc + <usize>r * rowBytes;
        const oRow: usize = po + <usize>r * rowBytes;
        if (bits === 0) addPartials(cRow, oRow, c0, c1);
        else
          for (let t0: i32 = c0; t0 < c1; t0 += tileCols)
            convertTile(cRow, oRow, t0, min(tileCols, n - t0), tileCols, bits, low, high, ptable, pflag);
      }
    }
    if (pconv !== 0) scaleOutputs(po, r0, min(r1, rows), c0, c1, n, rowBytes, pconv, pflag);
  }
}

/**
 * Packs row panels [i0, i1) of A at `pa`: from the raw row-major chunk at `praw` (`rows` valid rows; rows beyond are
 * zero) or, with a conv block (`pconv`), straight from the image (implicit GEMM: no im2col matrix anywhere); with
 * `squared`, also the squared voltages at `pa2` (read noise with a per-device σ: Σ_i v_i²·σ_ij², one more GEMM).
 * Called per block by the thread that reads the block out, so the packing is split over the threads as well.
 */
function packRows(
  pa: usize,
  pa2: usize,
  praw: usize,
  k: i32,
  i0: i32,
  i1: i32,
  rows: i32,
  pconv: usize,
  pflag: usize,
  squared: bool,
): void {
  if (pconv !== 0) packImage(pa, k, i0, i1, rows, pconv, pflag);
  else
    for (let ip: i32 = i0; ip < i1; ip++) {
      const dst: usize = pa + ((<usize>ip * <usize>k) << 4);
      for (let r: i32 = 0; r < 4; r++) {
        const row: i32 = (ip << 2) + r;
        const d: usize = dst + ((<usize>r) << 2);
        if (row >= rows) {
          for (let kk: i32 = 0; kk < k; kk++) store<f32>(d + ((<usize>kk) << 4), 0);
          continue;
        }
        const src: usize = praw + ((<usize>row * <usize>k) << 2);
        for (let kk: i32 = 0; kk < k; kk++) store<f32>(d + ((<usize>kk) << 4), load<f32>(src + ((<usize>kk) << 2)));
      }
    }
  // Read noise with a per-device σ: the squared voltages packed the same way, for Σ_i v_i²·σ_ij² (one more GEMM).
  if (squared)
    for (let ip: i32 = i0; ip < i1; ip++) {
      const dst: usize = pa2 + ((<usize>ip * <usize>k) << 4);
      const from: usize = pa + ((<usize>ip * <usize>k) << 4);
      for (let q: i32 = 0; q < k; q++) {
        const x = v128.load(from + ((<usize>q) << 4));
        v128.store(dst + ((<usize>q) << 4), f32x4.mul(x, x));
      }
    }
}

/** O[from..to) += C[from..to) in float32, four columns at a time (then the rest one by one). */
function addPartials(cRow: usize, oRow: usize, from: i32, to: i32): void {
  let c: i32 = from;
  for (; c + 4 <= to; c += 4) {
    const at: usize = (<usize>c) << 2;
    v128.store(oRow + at, f32x4.add(v128.load(oRow + at), v128.load(cRow + at)));
  }
  for (; c < to; c++) {
    const at: usize = (<usize>c) << 2;
    store<f32>(oRow + at, load<f32>(oRow + at) + load<f32>(cRow + at));
  }
}

/**
 * One tile's ADC: the `bits`-bit linear ADC (overflowRate 0) of the partials C[c0..c0+width), zero-padded to
 * `tileCols`, added in float32 into O — src/mvm/fused-linear-adc.ts's arithmetic, bit for bit. Four columns at a
 * time: the range scan in f32x4, the codes in two f64x2 halves (mul, add, floor, clamp, mul, demote: IEEE operations).
 * Min and max are the pseudo-min/max (`b < a ? b : a`, one minps/maxpd each; wasm's NaN- and ±0-exact min/max
 * lower to long sequences and made the ADC cost as much as a third of the GEMM): the same values here, because a
 * non-finite partial already sends the tile to the flag through `bad`, the codes are finite, and a zero's sign in lo
 * or hi does not reach the output (only |lo|, |hi| and lo === hi are used). Why SIMD at all: this runs once per
 * partial sum per tile row, ≈ 80 M times in a tutorial-VGG forward.
 */
function convertTile(
  cRow: usize,
  oRow: usize,
  c0: i32,
  width: i32,
  tileCols: i32,
  bits: i32,
  lowCode: f64,
  highCode: f64,
  ptable: usize,
  pflag: usize,
): void {
  const end: i32 = c0 + width;
  const padded = width < tileCols;
  let lo4 = f32x4.splat(padded ? 0 : Infinity);
  let hi4 = f32x4.splat(padded ? 0 : -Infinity);
  let bad4 = f32x4.splat(0);
  let c: i32 = c0;
  for (; c + 4 <= end; c += 4) {
    const v = v128.load(cRow + ((<usize>c) << 2));
    bad4 = f32x4.add(bad4, f32x4.sub(v, v));
    lo4 = f32x4.pmin(v, lo4);
    hi4 = f32x4.pmax(v, hi4);
  }
  let lo: f32 = min(
    min(f32x4.extract_lane(lo4, 0), f32x4.extract_lane(lo4, 1)),
    min(f32x4.extract_lane(lo4, 2), f32x4.extract_lane(lo4, 3)),
  );
  let hi: f32 = max(
    max(f32x4.extract_lane(hi4, 0), f32x4.extract_lane(hi4, 1)),
    max(f32x4.extract_lane(hi4, 2), f32x4.extract_lane(hi4, 3)),
  );
  let bad: f32 =
    f32x4.extract_lane(bad4, 0) +
    f32x4.extract_lane(bad4, 1) +
    f32x4.extract_lane(bad4, 2) +
    f32x4.extract_lane(bad4, 3);
  for (; c < end; c++) {
    const v = load<f32>(cRow + ((<usize>c) << 2));
    bad += v - v;
    lo = min(lo, v);
    hi = max(hi, v);
  }
  if (bad !== 0 || hi > MAX_MAGNITUDE_F32 || lo < -MAX_MAGNITUDE_F32) {
    store<i32>(pflag, 1);
    return;
  }
  if (lo === hi) {
    addPartials(cRow, oRow, c0, end);
    return;
  }
  const w: f32 = max(abs(lo), abs(hi)) + EPSILON_F;
  const wBits: i32 = reinterpret<i32>(w);
  const e: i32 = ((wBits >>> 23) & 0xff) - 127;
  const full: i32 = wBits < load<i32>(ptable + ((<usize>(e + 64)) << 2)) ? e : e + 1;
  const delta: f64 = reinterpret<f64>((<i64>(1 - bits + full + 1023)) << 52);
  const inv: f64 = 1 / delta;
  const inv2 = f64x2.splat(inv);
  const half2 = f64x2.splat(HALF_FLOAT);
  const low2 = f64x2.splat(lowCode);
  const high2 = f64x2.splat(highCode);
  const delta2 = f64x2.splat(delta);
  c = c0;
  for (; c + 4 <= end; c += 4) {
    const at: usize = (<usize>c) << 2;
    const v = v128.load(cRow + at);
    const a = level(f64x2.promote_low_f32x4(v), inv2, half2, low2, high2, delta2);
    const b = level(f64x2.promote_low_f32x4(high(v)), inv2, half2, low2, high2, delta2);
    const q = v128.shuffle<i64>(f32x4.demote_f64x2_zero(a), f32x4.demote_f64x2_zero(b), 0, 2);
    v128.store(oRow + at, f32x4.add(v128.load(oRow + at), q));
  }
  for (; c < end; c++) {
    const at: usize = (<usize>c) << 2;
    const code = max(lowCode, min(highCode, Math.floor(<f64>load<f32>(cRow + at) * inv + HALF_FLOAT)));
    store<f32>(oRow + at, load<f32>(oRow + at) + <f32>(code * delta));
  }
}

/** code·delta with code = max(low, min(high, floor(x·inv + ½⁺))) for both f64 lanes of x (the quantize formula). */
function level(x: v128, inv: v128, half: v128, low: v128, high: v128, delta: v128): v128 {
  return f64x2.mul(f64x2.pmax(low, f64x2.pmin(high, f64x2.floor(f64x2.add(f64x2.mul(x, inv), half)))), delta);
}

/**
 * Packs row panels [ip0, ip1) of the implicit im2col matrix of the image described by the conv block at `pconv`
 * (i32 words: image, first row, positions, OD, OH, OW, D, H, W, C, KD, KH, KW, SD, SH, SW, DD, DH, DW, PD, PH, PW,
 * channels-first, pointers to the f64 scales per sample and f64 gains per column, 1 when there is a DAC; f64 at +104:
 * the DAC's top level 2^(bits−1) − 1, top / range, range / top, range; at +136 the output epilogue of
 * {@link scaleOutputs}): row r is output position r of the flattened
 * (sample, od, oh, ow) grid, column the (c, kd, kh, kw) (channels-first) or (kd, kh, kw, c) index, the value the input
 * voltage f32(x·scale[sample]) (src/layers unfold then encodeVoltages: the same float32 values), through the DAC
 * when there is one (@memsim/quantize quantizeInput's arithmetic), 0 in the padding.
 * Raises the flag on a non-finite voltage (the caller then takes the checked path, which raises mvm's error).
 */
function packImage(pa: usize, k: i32, ip0: i32, ip1: i32, rows: i32, pconv: usize, pflag: usize): void {
  const img: usize = <usize>load<i32>(pconv);
  const row0: i32 = load<i32>(pconv, 4);
  const positions: i32 = load<i32>(pconv, 8);
  const OH: i32 = load<i32>(pconv, 16);
  const OW: i32 = load<i32>(pconv, 20);
  const D: i32 = load<i32>(pconv, 24);
  const H: i32 = load<i32>(pconv, 28);
  const W: i32 = load<i32>(pconv, 32);
  const C: i32 = load<i32>(pconv, 36);
  const KD: i32 = load<i32>(pconv, 40);
  const KH: i32 = load<i32>(pconv, 44);
  const KW: i32 = load<i32>(pconv, 48);
  const SD: i32 = load<i32>(pconv, 52);
  const SH: i32 = load<i32>(pconv, 56);
  const SW: i32 = load<i32>(pconv, 60);
  const DD: i32 = load<i32>(pconv, 64);
  const DH: i32 = load<i32>(pconv, 68);
  const DW: i32 = load<i32>(pconv, 72);
  const PD: i32 = load<i32>(pconv, 76);
  const PH: i32 = load<i32>(pconv, 80);
  const PW: i32 = load<i32>(pconv, 84);
  const channelsFirst: bool = load<i32>(pconv, 88) !== 0;
  const pscale: usize = <usize>load<i32>(pconv, 92);
  const dac: bool = load<i32>(pconv, 100) !== 0;
  const dacTop: f64 = load<f64>(pconv, 104);
  const dacScale: f64 = load<f64>(pconv, 112);
  const dacStep: f64 = load<f64>(pconv, 120);
  const dacRange: f64 = load<f64>(pconv, 128);
  const volume: i32 = KD * KH * KW;
  // Column step between channels and between kernel taps, in bytes of a packed panel (16 per column).
  const cStep: usize = channelsFirst ? (<usize>volume) << 4 : 16;
  const tapStep: usize = channelsFirst ? 16 : (<usize>C) << 4;
  if (!dac && (C & 3) === 0) {
    // C a multiple of 4 channels and no DAC: the same values, packed 4 rows × 4 channels at a
    // time. The scalar loop stores one float per 16-byte slot of a panel (rows interleave at stride 4 bytes),
    // which made packing cost as much as the product itself on narrow layers (ResNet-20: 16–64 output columns, ≈ 40 % of
    // the ideal forward in the profile); here each row's 4 channels are one load, scaled in f64 (promote, multiply,
    // demote: the scalar f32(f64(x)·s) bit for bit), and a 4 × 4 transpose turns the 4 rows' quads into 4 whole slots
    // (adjacent in channels-last column order, `volume` slots apart in channels-first order).
    const sampleBytes: usize = (<usize>D * <usize>H * <usize>W * <usize>C) << 2;
    const zero = f32x4.splat(0);
    let badQuads = f32x4.splat(0);
    for (let ip: i32 = ip0; ip < ip1; ip++) {
      const panel: usize = pa + ((<usize>ip * <usize>k) << 4);
      // Per row of the panel: its sample's base address, scale and output position (row ≥ rows: all padding).
      let base0: usize = 0,
        base1: usize = 0,
        base2: usize = 0,
        base3: usize = 0;
      let s0: f64 = 0,
        s1: f64 = 0,
        s2: f64 = 0,
        s3: f64 = 0;
      let od0: i32 = -1,
        od1: i32 = -1,
        od2: i32 = -1,
        od3: i32 = -1;
      let oh0: i32 = 0,
        oh1: i32 = 0,
        oh2: i32 = 0,
        oh3: i32 = 0;
      let ow0: i32 = 0,
        ow1: i32 = 0,
        ow2: i32 = 0,
        ow3: i32 = 0;
      for (let r: i32 = 0; r < 4; r++) {
        const row: i32 = (ip << 2) + r;
        if (row >= rows) continue;
        const global: i32 = row0 + row;
        const b: i32 = global / positions;
        const p: i32 = global - b * positions;
        const base: usize = img + <usize>b * sampleBytes;
        const sc: f64 = load<f64>(pscale + ((<usize>b) << 3));
        const ow: i32 = p % OW;
        const oh: i32 = (p / OW) % OH;
        const od: i32 = p / (OW * OH);
        if (r === 0) {
          base0 = base;
          s0 = sc;
          od0 = od;
          oh0 = oh;
          ow0 = ow;
        } else if (r === 1) {
          base1 = base;
          s1 = sc;
          od1 = od;
          oh1 = oh;
          ow1 = ow;
        } else if (r === 2) {
          base2 = base;
          s2 = sc;
          od2 = od;
          oh2 = oh;
          ow2 = ow;
        } else {
          base3 = base;
          s3 = sc;
          od3 = od;
          oh3 = oh;
          ow3 = ow;
        }
      }
      const sv0 = f64x2.splat(s0);
      const sv1 = f64x2.splat(s1);
      const sv2 = f64x2.splat(s2);
      const sv3 = f64x2.splat(s3);
      let tap: i32 = 0;
      for (let kd: i32 = 0; kd < KD; kd++)
        for (let kh: i32 = 0; kh < KH; kh++)
          for (let kw: i32 = 0; kw < KW; kw++, tap++) {
            // Source of each row at this tap, NO_SOURCE in the padding (or for a row past the end).
            const src0 = tapSource(base0, od0, oh0, ow0, kd, kh, kw, SD, SH, SW, DD, DH, DW, PD, PH, PW, D, H, W, C);
            const src1 = tapSource(base1, od1, oh1, ow1, kd, kh, kw, SD, SH, SW, DD, DH, DW, PD, PH, PW, D, H, W, C);
            const src2 = tapSource(base2, od2, oh2, ow2, kd, kh, kw, SD, SH, SW, DD, DH, DW, PD, PH, PW, D, H, W, C);
            const src3 = tapSource(base3, od3, oh3, ow3, kd, kh, kw, SD, SH, SW, DD, DH, DW, PD, PH, PW, D, H, W, C);
            let dst: usize = panel + <usize>tap * tapStep;
            for (let c: i32 = 0; c < C; c += 4, dst += cStep << 2) {
              const off: usize = (<usize>c) << 2;
              const x0 = src0 === NO_SOURCE ? zero : scaleQuad(v128.load(src0 + off), sv0);
              const x1 = src1 === NO_SOURCE ? zero : scaleQuad(v128.load(src1 + off), sv1);
              const x2 = src2 === NO_SOURCE ? zero : scaleQuad(v128.load(src2 + off), sv2);
              const x3 = src3 === NO_SOURCE ? zero : scaleQuad(v128.load(src3 + off), sv3);
              // Checked before anything else reads them (NaN or ±Infinity make x − x NaN).
              badQuads = f32x4.add(
                badQuads,
                f32x4.add(
                  f32x4.add(f32x4.sub(x0, x0), f32x4.sub(x1, x1)),
                  f32x4.add(f32x4.sub(x2, x2), f32x4.sub(x3, x3)),
                ),
              );
              const a = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5);
              const b = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
              const e = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7);
              const f = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
              v128.store(dst, v128.shuffle<i64>(a, b, 0, 2));
              v128.store(dst + cStep, v128.shuffle<i64>(a, b, 1, 3));
              v128.store(dst + 2 * cStep, v128.shuffle<i64>(e, f, 0, 2));
              v128.store(dst + 3 * cStep, v128.shuffle<i64>(e, f, 1, 3));
            }
          }
    }
    // Any lane NaN (x − x of a non-finite value) fails the self-comparison.
    if (
      !(
        f32x4.extract_lane(badQuads, 0) === 0 &&
        f32x4.extract_lane(badQuads, 1) === 0 &&
        f32x4.extract_lane(badQuads, 2) === 0 &&
        f32x4.extract_lane(badQuads, 3) === 0
      )
    )
      store<i32>(pflag, 1);
    return;
  }
  let bad: f32 = 0;
  for (let ip: i32 = ip0; ip < ip1; ip++) {
    const panel: usize = pa + ((<usize>ip * <usize>k) << 4);
    for (let r: i32 = 0; r < 4; r++) {
      const row: i32 = (ip << 2) + r;
      const d: usize = panel + ((<usize>r) << 2);
      if (row >= rows) {
        for (let kk: i32 = 0; kk < k; kk++) store<f32>(d + ((<usize>kk) << 4), 0);
        continue;
      }
      const global: i32 = row0 + row;
      const b: i32 = global / positions;
      const p: i32 = global - b * positions;
      const ow: i32 = p % OW;
      const oh: i32 = (p / OW) % OH;
      const od: i32 = p / (OW * OH);
      const s: f64 = load<f64>(pscale + ((<usize>b) << 3));
      const sample: usize = img + ((<usize>b * <usize>D * <usize>H * <usize>W * <usize>C) << 2);
      let tap: i32 = 0;
      for (let kd: i32 = 0; kd < KD; kd++) {
        const id: i32 = od * SD - PD + kd * DD;
        for (let kh: i32 = 0; kh < KH; kh++) {
          const ih: i32 = oh * SH - PH + kh * DH;
          for (let kw: i32 = 0; kw < KW; kw++, tap++) {
            const iw: i32 = ow * SW - PW + kw * DW;
            let dst: usize = d + <usize>tap * tapStep;
            if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) {
              for (let c: i32 = 0; c < C; c++, dst += cStep) store<f32>(dst, 0);
              continue;
            }
            const src: usize = sample + ((<usize>((id * H + ih) * W + iw) * <usize>C) << 2);
            for (let c: i32 = 0; c < C; c++, dst += cStep) {
              const v: f32 = <f32>(<f64>load<f32>(src + ((<usize>c) << 2)) * s);
              // Checked before the DAC, which would turn ±Infinity into ±range.
              bad += v - v;
              store<f32>(dst, !dac ? v : dacLevel(v, dacTop, dacScale, dacStep, dacRange));
            }
          }
        }
      }
    }
  }
  if (bad !== 0) store<i32>(pflag, 1);
}

/** f32(f64(x)·s) for the four lanes of x (s in both f64 lanes of sv): promote, multiply, demote, as the scalar cast. */
function scaleQuad(x: v128, sv: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(x), sv));
  const hi = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.promote_low_f32x4(high(x)), sv));
  return v128.shuffle<i64>(lo, hi, 0, 2);
}

/** No source address: a zero of the padding (an address 0 may be a real image). */
const NO_SOURCE: usize = <usize>0xffffffff;

/**
 * Address of the C channels of output position (od, oh, ow) at tap (kd, kh, kw), or NO_SOURCE in the padding (od < 0:
 * a row past the end).
 */
function tapSource(
  base: usize,
  od: i32,
  oh: i32,
  ow: i32,
  kd: i32,
  kh: i32,
  kw: i32,
  SD: i32,
  SH: i32,
  SW: i32,
  DD: i32,
  DH: i32,
  DW: i32,
  PD: i32,
  PH: i32,
  PW: i32,
  D: i32,
  H: i32,
  W: i32,
  C: i32,
): usize {
  if (od < 0) return NO_SOURCE;
  const id: i32 = od * SD - PD + kd * DD;
  const ih: i32 = oh * SH - PH + kh * DH;
  const iw: i32 = ow * SW - PW + kw * DW;
  if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) return NO_SOURCE;
  return base + ((<usize>((id * H + ih) * W + iw) * <usize>C) << 2);
}

/**
 * The DAC level of voltage v: |v| rounded half away from zero to k·step, k ≤ top (the end level is `range` exactly),
 * with v's sign — @memsim/quantize quantizeInput's float64 arithmetic, so the same float32 values.
 */
function dacLevel(v: f32, top: f64, scale: f64, step: f64, range: f64): f32 {
  const k: f64 = min(top, Math.floor(Math.abs(<f64>v) * scale + 0.5));
  const q: f64 = k === top ? range : k * step;
  return <f32>(v < 0 && q !== 0 ? -q : q);
}

/**
 * Output rows [r0, r1) of O into weight units and back to input units, in place: y = f32(o / gain[c]) (mvm's division
 * by the mapping gain; the flag is raised on a non-finite y, mvm's output check) then f32(y · (1 / scale[sample]))
 * (the engine's unscaleOutput), the very float64 arithmetic of the TypeScript path. With an epilogue (conv block word
 * 34 ≠ 0; f64 per column: scale at word 34, shift at word 35, pre-scale then pre-shift at word 37 when ≠ 0; ReLU flag
 * word 36) each value u then becomes f32(scale[c] · u' + shift[c]) with u' = f32(preScale[c] · u + preShift[c]) (or u),
 * in float64, and 0 where that is < 0 with the ReLU — src/mvm/output-epilogue.ts `applyOutputEpilogue`'s arithmetic,
 * so the bits do not depend on where it runs. Why here: it is the per-thread pass over the rows a thread just read
 * out, so a layer's calibration, bias, folded batch norm and ReLU cost no serial pass.
 */
function scaleOutputs(
  po: usize,
  r0: i32,
  r1: i32,
  c0: i32,
  c1: i32,
  n: i32,
  rowBytes: usize,
  pconv: usize,
  pflag: usize,
): void {
  const row0: i32 = load<i32>(pconv, 4);
  const positions: i32 = load<i32>(pconv, 8);
  const pscale: usize = <usize>load<i32>(pconv, 92);
  const pgain: usize = <usize>load<i32>(pconv, 96);
  const pmul: usize = <usize>load<i32>(pconv, 136);
  const padd: usize = <usize>load<i32>(pconv, 140);
  const relu: bool = load<i32>(pconv, 144) !== 0;
  const ppre: usize = <usize>load<i32>(pconv, 148);
  const ppreAdd: usize = ppre + ((<usize>n) << 3);
  let bad: f32 = 0;
  // Two columns per f64x2 step, rounding to float32 between the stages as the scalar loop below does (demote then
  // promote: exact), so the same bits; the scalar loop takes the remaining columns. On narrow layers (16–64 columns,
  // e.g. ResNet-20) this pass cost as much per output as a quarter of the product.
  // c0 is even (a multiple of 8): the pairs start on it.
  const n2: i32 = c0 + ((c1 - c0) & ~1);
  let bad2 = f64x2.splat(0);
  const zero2 = f64x2.splat(0);
  for (let r: i32 = r0; r < r1; r++) {
    const oRow: usize = po + <usize>r * rowBytes;
    const inv: f64 = 1 / load<f64>(pscale + ((<usize>((row0 + r) / positions)) << 3));
    const inv2 = f64x2.splat(inv);
    for (let c: i32 = c0; c < n2; c += 2) {
      const at: usize = (<usize>c) << 2;
      const cb: usize = (<usize>c) << 3;
      const y = toF32x2(f64x2.div(f64x2.promote_low_f32x4(v128.load64_zero(oRow + at)), v128.load(pgain + cb)));
      bad2 = f64x2.add(bad2, f64x2.sub(y, y));
      let u = toF32x2(f64x2.mul(y, inv2));
      if (pmul !== 0) {
        if (ppre !== 0) u = toF32x2(f64x2.add(f64x2.mul(v128.load(ppre + cb), u), v128.load(ppreAdd + cb)));
        u = toF32x2(f64x2.add(f64x2.mul(v128.load(pmul + cb), u), v128.load(padd + cb)));
        // pmax(e, 0) = e < 0 ? 0 : e, the scalar ReLU (NaN and −0 kept).
        if (relu) u = f64x2.pmax(u, zero2);
      }
      v128.store64_lane(oRow + at, f32x4.demote_f64x2_zero(u), 0);
    }
    for (let c: i32 = n2; c < c1; c++) {
      const at: usize = (<usize>c) << 2;
      const y: f32 = <f32>(<f64>load<f32>(oRow + at) / load<f64>(pgain + ((<usize>c) << 3)));
      bad += y - y;
      let u: f32 = <f32>(<f64>y * inv);
      if (pmul === 0) {
        store<f32>(oRow + at, u);
        continue;
      }
      const cb: usize = (<usize>c) << 3;
      if (ppre !== 0) u = <f32>(load<f64>(ppre + cb) * <f64>u + load<f64>(ppreAdd + cb));
      const e: f32 = <f32>(load<f64>(pmul + cb) * <f64>u + load<f64>(padd + cb));
      store<f32>(oRow + at, relu && e < 0 ? 0 : e);
    }
  }
  if (bad !== 0 || !(f64x2.extract_lane(bad2, 0) === 0 && f64x2.extract_lane(bad2, 1) === 0)) store<i32>(pflag, 1);
}

/** Both f64 lanes of x rounded to float32 (the scalar <f32> cast) and widened back: exact, so the next stage sees them. */
function toF32x2(x: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(x));
}

/**
 * Adds the read noise of tile row [k0, k1) to the partial sums C of row panels [i0, i1): C_rc += σ_rc·z, with z the
 * float32 normal at pz + 4·((r − 4·i0)·n + c) (the block's normals),
 * and σ_rc = √(max(Σ_i v_ri²·σ_ic², 0) + outVar) from the variance matrix (`pv` ≠ 0: a GEMM of the squared voltages,
 * float32 like the partial sums) or √(flat·Σ_i v_ri² + outVar) (flat = Σ additive² over the crossbars of the set; the
 * sum of squares in float64, in order, of the packed voltages at `pa`). The arithmetic of src/read-noise/read-noise.ts's `add`, so both paths give the
 * same bits. Rows ≥ `rows` (panel padding) are left alone.
 */
function addReadNoise(
  pa: usize,
  pa2: usize,
  pv: usize,
  pc: usize,
  pc2: usize,
  pz: usize,
  k: i32,
  k0: i32,
  k1: i32,
  i0: i32,
  i1: i32,
  n: i32,
  nPanels: i32,
  rowBytes: usize,
  rows: i32,
  flat: f64,
  outVar: f64,
): void {
  if (pv !== 0) panelBlock(pa2, pv, pc2, k, k0, k1, i0, i1, 0, nPanels, rowBytes, false);
  const r1: i32 = min(i1 << 2, rows);
  for (let r: i32 = i0 << 2; r < r1; r++) {
    const cRow: usize = pc + <usize>r * rowBytes;
    const zRow: usize = pz + ((<usize>(r - (i0 << 2)) * <usize>n) << 2);
    // Four columns at a time in two f64x2 halves (promote, max, add, sqrt, mul, add, demote: IEEE operations, so the
    // same bits as the scalar tail), then the last n mod 4 columns one by one (z holds exactly n values per row).
    const n4: i32 = n & ~3;
    if (pv !== 0) {
      const vRow: usize = pc2 + <usize>r * rowBytes;
      const zero = f64x2.splat(0);
      const ov = f64x2.splat(outVar);
      for (let c: i32 = 0; c < n4; c += 4) {
        const at: usize = (<usize>c) << 2;
        const x = v128.load(cRow + at);
        const z = v128.load(zRow + at);
        const v = v128.load(vRow + at);
        const lo = noisy(x, z, f64x2.sqrt(f64x2.add(f64x2.max(f64x2.promote_low_f32x4(v), zero), ov)));
        const hi = noisy(
          high(x),
          high(z),
          f64x2.sqrt(f64x2.add(f64x2.max(f64x2.promote_low_f32x4(high(v)), zero), ov)),
        );
        v128.store(cRow + at, v128.shuffle<i64>(lo, hi, 0, 2));
      }
      for (let c: i32 = n4; c < n; c++) {
        const at: usize = (<usize>c) << 2;
        const std: f64 = Math.sqrt(max(<f64>load<f32>(vRow + at), 0) + outVar);
        store<f32>(cRow + at, <f32>(<f64>load<f32>(cRow + at) + std * <f64>load<f32>(zRow + at)));
      }
      continue;
    }
    // The voltages from the packed panel (lane r & 3 of panel r >> 2, 16 bytes per column): the same float32 values
    // as the raw rows, and the only copy when A is packed straight from an image.
    const src: usize = pa + ((<usize>(r >> 2) * <usize>k) << 4) + ((<usize>(r & 3)) << 2);
    let s: f64 = 0;
    for (let q: i32 = k0; q < k1; q++) {
      const v: f64 = <f64>load<f32>(src + ((<usize>q) << 4));
      s += v * v;
    }
    const std: f64 = Math.sqrt(flat * s + outVar);
    const sv = f64x2.splat(std);
    for (let c: i32 = 0; c < n4; c += 4) {
      const at: usize = (<usize>c) << 2;
      const x = v128.load(cRow + at);
      const z = v128.load(zRow + at);
      v128.store(cRow + at, v128.shuffle<i64>(noisy(x, z, sv), noisy(high(x), high(z), sv), 0, 2));
    }
    for (let c: i32 = n4; c < n; c++) {
      const at: usize = (<usize>c) << 2;
      store<f32>(cRow + at, <f32>(<f64>load<f32>(cRow + at) + std * <f64>load<f32>(zRow + at)));
    }
  }
}

/** Lanes 2, 3 of a f32x4 moved to lanes 0, 1 (for promote_low). */
function high(x: v128): v128 {
  return v128.shuffle<i64>(x, x, 1, 1);
}

/** f32(f64(x) + std·f64(z)) for lanes 0, 1 of the f32x4 x and z, in lanes 0, 1 (f32) of the result. */
function noisy(x: v128, z: v128, std: v128): v128 {
  return f32x4.demote_f64x2_zero(f64x2.add(f64x2.promote_low_f32x4(x), f64x2.mul(std, f64x2.promote_low_f32x4(z))));
}

/** Normals per pass of {@link perturbPanels} (64 KiB at `pscratch`: stays in cache between drawing and use). */
const PERTURB_CHUNK: i32 = 16384;

/**
 * Per-call device read noise on the packed matrix: B_i = f32(f64(B_i) + f64(S_i)·f64(z_i)) for the `count` packed
 * values at `pb`, S the packed σ matrix at `pstd` and z the stream of the generator at `pstate` (tables at `ptab`,
 * asm/ziggurat.ts) in packed order, drawn chunk by chunk into `pscratch`. The arithmetic of read-noise.ts `perturb`
 * (which draws the same stream and reads it in packed order), so both give the same bits; padding columns (B = S =
 * 0) stay 0. `count` is a multiple of 8 (whole panels).
 */
export function perturbPanels(pb: usize, pstd: usize, count: i32, pstate: usize, ptab: usize, pscratch: usize): void {
  for (let c0: i32 = 0; c0 < count; c0 += PERTURB_CHUNK) {
    const m: i32 = min(PERTURB_CHUNK, count - c0);
    fillNormals(pstate, ptab, pscratch, m);
    const b0: usize = pb + ((<usize>c0) << 2);
    const s0: usize = pstd + ((<usize>c0) << 2);
    for (let i: i32 = 0; i < m; i += 4) {
      const at: usize = (<usize>i) << 2;
      const b = v128.load(b0 + at);
      const s = v128.load(s0 + at);
      const z = v128.load(pscratch + at);
      const lo = f64x2.add(
        f64x2.promote_low_f32x4(b),
        f64x2.mul(f64x2.promote_low_f32x4(s), f64x2.promote_low_f32x4(z)),
      );
      const hi = f64x2.add(
        f64x2.promote_low_f32x4(high(b)),
        f64x2.mul(f64x2.promote_low_f32x4(high(s)), f64x2.promote_low_f32x4(high(z))),
      );
      v128.store(b0 + at, v128.shuffle<i64>(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2));
    }
  }
}
