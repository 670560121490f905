// AssemblyScript source of the read-noise normal generator of @memsim/crossbar (compiled by asm/build.mjs).
//
// Four xoshiro128** streams, one per SIMD lane, step together; each 32-bit output gives one ziggurat draw (layer =
// low 8 bits, signed abscissa = high 24 bits). Accepted draws (~99 %) are written as float32; the rest are queued
// for the caller's slow path (wedge and tail). Only integer operations and one float64 multiply per value, so the
// TypeScript fallback (src/read-noise/normal-kernel.ts) gives bit-identical results.
//
// Layout (bytes, prepared by src/read-noise/wasm-normals.ts):
// - ps: the state, 16 u32: s0 of lanes 0…3, then s1, s2, s3;
// - px: 257 f64 layer edges; pr: 256 f64 inner ratios;
// - po: the float32 output; pq / pu / pl: queued index (i32), abscissa (f64) and layer (i32).

function draw(w: i32, k: i32, px: usize, pr: usize, po: usize, pq: usize, pu: usize, pl: usize, pending: i32): i32 {
  const i = w & 255;
  const u = f64(w >> 8) * 1.1920928955078125e-7;
  if (Math.abs(u) < load<f64>(pr + ((<usize>i) << 3))) {
    store<f32>(po + ((<usize>k) << 2), f32(u * load<f64>(px + ((<usize>i) << 3))));
    return pending;
  }
  store<i32>(pq + ((<usize>pending) << 2), k);
  store<f64>(pu + ((<usize>pending) << 3), u);
  store<i32>(pl + ((<usize>pending) << 2), i);
  return pending + 1;
}

/** Writes n (a multiple of 4) normals at po + 4·k0 … and returns how many draws were queued. */
export function normals(
  ps: usize,
  px: usize,
  pr: usize,
  po: usize,
  k0: i32,
  n: i32,
  pq: usize,
  pu: usize,
  pl: usize,
): i32 {
  let s0 = v128.load(ps);
  let s1 = v128.load(ps, 16);
  let s2 = v128.load(ps, 32);
  let s3 = v128.load(ps, 48);
  const five = i32x4.splat(5);
  const nine = i32x4.splat(9);
  let pending = 0;
  for (let k = k0; k < k0 + n; k += 4) {
    const m = i32x4.mul(s1, five);
    const a = i32x4.mul(v128.or(i32x4.shl(m, 7), i32x4.shr_u(m, 25)), nine);
    const t = i32x4.shl(s1, 9);
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    pending = draw(i32x4.extract_lane(a, 0), k, px, pr, po, pq, pu, pl, pending);
    pending = draw(i32x4.extract_lane(a, 1), k + 1, px, pr, po, pq, pu, pl, pending);
    pending = draw(i32x4.extract_lane(a, 2), k + 2, px, pr, po, pq, pu, pl, pending);
    pending = draw(i32x4.extract_lane(a, 3), k + 3, px, pr, po, pq, pu, pl, pending);
  }
  v128.store(ps, s0);
  v128.store(ps, s1, 16);
  v128.store(ps, s2, 32);
  v128.store(ps, s3, 48);
  return pending;
}
