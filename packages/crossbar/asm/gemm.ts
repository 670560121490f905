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

/**
 * The blocks of C in row panels [ip0, ip1) × column panels [jp0, jp1) = A·B for the packed operands described
 * above. Callers split row or column panels across threads; each thread writes only its own blocks of C.
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
    const kc: i32 = min(KC, k - k0);
    const first = k0 === 0;
    for (let i0: i32 = ip0; i0 < ip1; i0 += MP) {
      const i1: i32 = min(ip1, i0 + MP);
      for (let jp: i32 = jp0; jp < jp1; jp++) {
        const bStart: usize = pb + ((<usize>jp * <usize>k + <usize>k0) << 5);
        for (let ip: i32 = i0; ip < i1; ip++) {
          let a: usize = pa + ((<usize>ip * <usize>k + <usize>k0) << 4);
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
}
