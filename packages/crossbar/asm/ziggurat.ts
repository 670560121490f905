// AssemblyScript: the read-noise normal generator of @memsim/crossbar, shared by asm/normal.ts (drawNormals) and
// asm/gemm.ts (tiledPanels draws each block's normals on the thread that adds them).
//
// Four xoshiro128** streams, one per SIMD lane, step together; each 32-bit output gives one ziggurat draw (layer i =
// low 10 bits, signed abscissa j = high 22 bits, u = j·2⁻²¹; Marsaglia & Tsang 2000 with 1024 layers: 0.43 % of the
// draws fall outside their layer's inner rectangle, against 1.5 % with 256 — each of those costs ≈ 50 ns). The
// accept test and the value are SIMD for the four lanes at once: |u| < x[i+1]/x[i] is the test |j| < ceil(ratio·2²¹)
// (the same decision: j is an integer) and the value is f32(j·(x[i]·2⁻²¹)) = f32(u·x[i]) (scaling by a power of two
// commutes with rounding). A rejected lane is finished at once, in lane order, from its own stream:
// the wedge test with `zexp`, the tail (Marsaglia 1964) with `zlog` — both written here with plain IEEE double
// operations (no libm), so src/read-noise/ziggurat-ts.ts repeats them bit for bit and a stream never depends on the
// caller's generator after seeding: any block of normals can be drawn on any thread.
//
// Tables at `pt` (bytes; written by src/read-noise/ziggurat-tables.ts):
//   +0      1024 records of two f64: accept bound ceil(ratio[i]·2²¹), scale x[i]·2⁻²¹;
//   +16384  x[0…1024] (f64);  +24584  f[0…1024] = exp(−x[i]²/2) (f64, f[1024] = 1);  +32784  2^−k for k = 0…63;
//   +33296  R, the base strip's edge (f64).
// State at `ps`: 16 i32, s0 of lanes 0…3, then s1, s2, s3.

const X: usize = 16384;
const F: usize = 24584;
const POW2: usize = 32784;
const EDGE: usize = 33296;
/** 2⁻²¹: the abscissa's scale. */
const U_SCALE: f64 = 4.76837158203125e-7;
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;

/** [a.low, b.low] of two f64x2 records (their bounds). */
function lows(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23);
}

/** [a.high, b.high] of two f64x2 records (their scales). */
function highs(a: v128, b: v128): v128 {
  return i8x16.shuffle(a, b, 8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31);
}

/** One xoshiro128** step of lane `l` of the state at `ps` (scalar: the slow path only). */
function nextWord(ps: usize, l: i32): i32 {
  const at: usize = ps + ((<usize>l) << 2);
  let s0 = load<i32>(at);
  let s1 = load<i32>(at, 16);
  let s2 = load<i32>(at, 32);
  let s3 = load<i32>(at, 48);
  const m = s1 * 5;
  const result = ((m << 7) | (m >>> 25)) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  store<i32>(at, s0);
  store<i32>(at, s1, 16);
  store<i32>(at, s2, 32);
  store<i32>(at, s3, 48);
  return result;
}

/** Uniform in (0, 1) from one 32-bit word of lane `l` (never 0, so its logarithm is finite). */
function openUniform(ps: usize, l: i32): f64 {
  return (<f64>(<u32>nextWord(ps, l)) + 0.5) * 2.3283064365386963e-10;
}

/** exp(x) for x in [−45, 0]: Cody–Waite reduction by ln 2 and a degree-13 Taylor polynomial (error < 1e−16). */
export function zexp(x: f64, pt: usize): f64 {
  const k = Math.floor(x * Math.LOG2E + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  // Estrin's scheme: the degree-13 polynomial in four levels instead of a 13-step Horner chain (a reject's cost).
  const r2 = r * r;
  const r4 = r2 * r2;
  const q0 = 1 + r;
  const q1 = 0.5 + 1.6666666666666666e-1 * r;
  const q2 = 4.1666666666666664e-2 + 8.333333333333333e-3 * r;
  const q3 = 1.388888888888889e-3 + 1.984126984126984e-4 * r;
  const q4 = 2.48015873015873e-5 + 2.7557319223985893e-6 * r;
  const q5 = 2.755731922398589e-7 + 2.505210838544172e-8 * r;
  const q6 = 2.08767569878681e-9 + 1.6059043836821613e-10 * r;
  const p = q0 + q1 * r2 + (q2 + q3 * r2) * r4 + (q4 + q5 * r2 + q6 * r4) * (r4 * r4);
  return p * load<f64>(pt + POW2 + ((<usize>(<i32>-k)) << 3));
}

/** ln(x) for x in (0, 1]: x = m·2^e with m in [√½, √2), ln m = 2·atanh((m − 1)/(m + 1)) as a series (error < 1e−16). */
export function zlog(x: f64): f64 {
  const bits = reinterpret<i64>(x);
  let e = <i32>(bits >>> 52) - 1023;
  let m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  if (m > Math.SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  let p: f64 = 0.043478260869565216;
  p = p * z + 0.047619047619047616;
  p = p * z + 0.05263157894736842;
  p = p * z + 0.058823529411764705;
  p = p * z + 0.06666666666666667;
  p = p * z + 0.07692307692307693;
  p = p * z + 0.09090909090909091;
  p = p * z + 0.1111111111111111;
  p = p * z + 0.14285714285714285;
  p = p * z + 0.2;
  p = p * z + 0.3333333333333333;
  p = p * z + 1;
  return <f64>e * LN2_HI + (<f64>e * LN2_LO + 2 * s * p);
}

/** A draw of layer `i0`, abscissa word `j0`, rejected by the fast test: the wedge or the tail, from lane `l`. */
function slowNormal(ps: usize, pt: usize, l: i32, j0: i32, i0: i32): f64 {
  let j = j0;
  let i = i0;
  do {
    const u: f64 = <f64>j * U_SCALE;
    if (i === 0) {
      const R = load<f64>(pt + EDGE);
      let t: f64;
      let y: f64;
      do {
        t = zlog(openUniform(ps, l)) / R;
        y = zlog(openUniform(ps, l));
      } while (-2 * y < t * t);
      return u < 0 ? t - R : R - t;
    }
    const v = u * load<f64>(pt + X + ((<usize>i) << 3));
    const f0 = load<f64>(pt + F + ((<usize>i) << 3));
    const f1 = load<f64>(pt + F + ((<usize>(i + 1)) << 3));
    if (f1 + openUniform(ps, l) * (f0 - f1) < zexp(-0.5 * v * v, pt)) return v;
    // A fresh draw; the loop ends when it passes the fast test.
    const w = nextWord(ps, l);
    j = w >> 10;
    i = w & 1023;
  } while (!(Math.abs(<f64>j) < load<f64>(pt + ((<usize>i) << 4))));
  return <f64>j * load<f64>(pt + ((<usize>i) << 4), 8);
}

/** Lane `l` of a rejected group: its abscissa word and layer, finished by the slow path and stored at `at`. */
function finishLane(ps: usize, pt: usize, l: i32, j: v128, idx: v128, at: usize): void {
  let jl: i32;
  let il: i32;
  // extract_lane takes a constant lane index.
  if (l === 0) {
    jl = i32x4.extract_lane(j, 0);
    il = i32x4.extract_lane(idx, 0);
  } else if (l === 1) {
    jl = i32x4.extract_lane(j, 1);
    il = i32x4.extract_lane(idx, 1);
  } else if (l === 2) {
    jl = i32x4.extract_lane(j, 2);
    il = i32x4.extract_lane(idx, 2);
  } else {
    jl = i32x4.extract_lane(j, 3);
    il = i32x4.extract_lane(idx, 3);
  }
  store<f32>(at + ((<usize>l) << 2), <f32>slowNormal(ps, pt, l, jl, il));
}

/** Writes `n` (a multiple of 4) standard normals (f32) at `po`, advancing the state at `ps`. */
export function fillNormals(ps: usize, pt: usize, po: usize, n: i32): void {
  let s0 = v128.load(ps);
  let s1 = v128.load(ps, 16);
  let s2 = v128.load(ps, 32);
  let s3 = v128.load(ps, 48);
  const five = i32x4.splat(5);
  const nine = i32x4.splat(9);
  const layerMask = i32x4.splat(1023);
  for (let k: i32 = 0; k < n; k += 4) {
    const m = i32x4.mul(s1, five);
    const a = i32x4.mul(v128.or(i32x4.shl(m, 7), i32x4.shr_u(m, 25)), nine);
    const t = i32x4.shl(s1, 9);
    s2 = v128.xor(s2, s0);
    s3 = v128.xor(s3, s1);
    s1 = v128.xor(s1, s2);
    s0 = v128.xor(s0, s3);
    s2 = v128.xor(s2, t);
    s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21));
    const idx = v128.and(a, layerMask);
    const j = i32x4.shr_s(a, 10);
    const r0 = v128.load(pt + ((<usize>i32x4.extract_lane(idx, 0)) << 4));
    const r1 = v128.load(pt + ((<usize>i32x4.extract_lane(idx, 1)) << 4));
    const r2 = v128.load(pt + ((<usize>i32x4.extract_lane(idx, 2)) << 4));
    const r3 = v128.load(pt + ((<usize>i32x4.extract_lane(idx, 3)) << 4));
    const j01 = f64x2.convert_low_i32x4_s(j);
    const j23 = f64x2.convert_low_i32x4_s(i8x16.shuffle(j, j, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
    const value = i8x16.shuffle(
      f32x4.demote_f64x2_zero(f64x2.mul(j01, highs(r0, r1))),
      f32x4.demote_f64x2_zero(f64x2.mul(j23, highs(r2, r3))),
      0,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      16,
      17,
      18,
      19,
      20,
      21,
      22,
      23,
    );
    const at: usize = po + ((<usize>k) << 2);
    v128.store(at, value);
    const accept =
      i64x2.bitmask(f64x2.lt(f64x2.abs(j01), lows(r0, r1))) |
      (i64x2.bitmask(f64x2.lt(f64x2.abs(j23), lows(r2, r3))) << 2);
    if (accept !== 15) {
      // The lanes' states go through memory for the scalar slow path, which draws on from each rejected lane.
      v128.store(ps, s0);
      v128.store(ps, s1, 16);
      v128.store(ps, s2, 32);
      v128.store(ps, s3, 48);
      for (let l: i32 = 0; l < 4; l++) if (((accept >> l) & 1) === 0) finishLane(ps, pt, l, j, idx, at);
      s0 = v128.load(ps);
      s1 = v128.load(ps, 16);
      s2 = v128.load(ps, 32);
      s3 = v128.load(ps, 48);
    }
  }
  v128.store(ps, s0);
  v128.store(ps, s1, 16);
  v128.store(ps, s2, 32);
  v128.store(ps, s3, 48);
}
