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
): void {
  // Pack this thread's rows of the raw row-major chunk at `praw` (`rows` valid rows) into 4-row panels at `pa`
  // (rows beyond `rows` are zero), so the packing is split over the threads as well.
  for (let ip: i32 = ip0; ip < ip1; ip++) {
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
  const rowBytes = (<usize>ldc) << 2;
  const nPanels: i32 = ldc >> 3;
  const low: f64 = -(<f64>(1 << (bits - 1)));
  const high: f64 = <f64>((1 << (bits - 1)) - 1);
  for (let i0: i32 = ip0; i0 < ip1; i0 += MP) {
    const i1: i32 = min(ip1, i0 + MP);
    const r0: i32 = i0 << 2;
    const r1: i32 = i1 << 2;
    for (let r: i32 = r0; r < r1; r++) memory.fill(po + <usize>r * rowBytes, 0, (<usize>n) << 2);
    for (let k0: i32 = 0; k0 < k; k0 += tileRows) {
      panelBlock(pa, pb, pc, k, k0, min(k, k0 + tileRows), i0, i1, 0, nPanels, rowBytes, false);
      for (let r: i32 = r0; r < r1; r++) {
        const cRow: usize = pc + <usize>r * rowBytes;
        const oRow: usize = po + <usize>r * rowBytes;
        if (bits === 0) {
          for (let c: i32 = 0; c < n; c++) {
            const at: usize = (<usize>c) << 2;
            store<f32>(oRow + at, load<f32>(oRow + at) + load<f32>(cRow + at));
          }
          continue;
        }
        for (let c0: i32 = 0; c0 < n; c0 += tileCols) {
          const width: i32 = min(tileCols, n - c0);
          let lo: f32 = width < tileCols ? 0 : Infinity;
          let hi: f32 = width < tileCols ? 0 : -Infinity;
          let bad: f32 = 0;
          for (let c: i32 = c0; c < c0 + width; c++) {
            const v = load<f32>(cRow + ((<usize>c) << 2));
            bad += v - v;
            lo = min(lo, v);
            hi = max(hi, v);
          }
          if (bad !== 0 || hi > MAX_MAGNITUDE_F32 || lo < -MAX_MAGNITUDE_F32) {
            store<i32>(pflag, 1);
            continue;
          }
          if (lo === hi) {
            for (let c: i32 = c0; c < c0 + width; c++) {
              const at: usize = (<usize>c) << 2;
              store<f32>(oRow + at, load<f32>(oRow + at) + load<f32>(cRow + at));
            }
            continue;
          }
          const w: f32 = max(abs(lo), abs(hi)) + EPSILON_F;
          const wBits: i32 = reinterpret<i32>(w);
          const e: i32 = ((wBits >>> 23) & 0xff) - 127;
          const full: i32 = wBits < load<i32>(ptable + ((<usize>(e + 64)) << 2)) ? e : e + 1;
          const delta: f64 = reinterpret<f64>((<i64>(1 - bits + full + 1023)) << 52);
          const inv: f64 = 1 / delta;
          for (let c: i32 = c0; c < c0 + width; c++) {
            const at: usize = (<usize>c) << 2;
            const code = max(low, min(high, Math.floor(<f64>load<f32>(cRow + at) * inv + HALF_FLOAT)));
            store<f32>(oRow + at, load<f32>(oRow + at) + <f32>(code * delta));
          }
        }
      }
    }
  }
}
