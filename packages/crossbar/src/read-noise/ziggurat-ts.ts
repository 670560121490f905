import { TABLE_EDGE, TABLE_F, TABLE_POW2, TABLE_X, zigguratTables } from './ziggurat-tables';

// The TypeScript twin of asm/ziggurat.ts `fillNormals` for runtimes without WebAssembly SIMD: the same lanes, the
// same order, the same IEEE double operations, hence the same float32 values (tested against each other).

const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;

/** One xoshiro128** step of lane `l` of `state` (16 int32: s0 of lanes 0…3, then s1, s2, s3). */
function nextWord(state: Int32Array, l: number): number {
  let s0 = state[l]!;
  let s1 = state[4 + l]!;
  let s2 = state[8 + l]!;
  let s3 = state[12 + l]!;
  const m = Math.imul(s1, 5);
  const result = Math.imul((m << 7) | (m >>> 25), 9);
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = (s3 << 11) | (s3 >>> 21);
  state[l] = s0;
  state[4 + l] = s1;
  state[8 + l] = s2;
  state[12 + l] = s3;
  return result;
}

function openUniform(state: Int32Array, l: number): number {
  return ((nextWord(state, l) >>> 0) + 0.5) * 2.3283064365386963e-10;
}

/** asm/ziggurat.ts `zexp`: exp(x) for x in [−45, 0]. @internal */
export function zexp(x: number): number {
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
  return p * zigguratTables()[TABLE_POW2 - k]!;
}

const BITS = new Float64Array(1);
const WORDS = new Uint32Array(BITS.buffer);
/** Index of the high word of a float64 in WORDS (little-endian on every platform wasm runs on, but checked). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** asm/ziggurat.ts `zlog`: ln(x) for x in (0, 1]. @internal */
export function zlog(x: number): number {
  BITS[0] = x;
  const hi = WORDS[HI]!;
  let e = ((hi >>> 20) & 0x7ff) - 1023;
  WORDS[HI] = (hi & 0xfffff) | 0x3ff00000;
  let m = BITS[0]!;
  if (m > Math.SQRT2) {
    m *= 0.5;
    e += 1;
  }
  const s = (m - 1) / (m + 1);
  const z = s * s;
  let p = 0.043478260869565216;
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
  return e * LN2_HI + (e * LN2_LO + 2 * s * p);
}

/** asm/ziggurat.ts `slowNormal`: the wedge or the tail of a rejected draw, from lane `l`. */
function slowNormal(state: Int32Array, l: number, j0: number, i0: number): number {
  const t = zigguratTables();
  let j = j0;
  let i = i0;
  do {
    const u = j * 4.76837158203125e-7;
    if (i === 0) {
      const r = t[TABLE_EDGE]!;
      let s: number;
      let y: number;
      do {
        s = zlog(openUniform(state, l)) / r;
        y = zlog(openUniform(state, l));
      } while (-2 * y < s * s);
      return u < 0 ? s - r : r - s;
    }
    const v = u * t[TABLE_X + i]!;
    const f0 = t[TABLE_F + i]!;
    const f1 = t[TABLE_F + i + 1]!;
    if (f1 + openUniform(state, l) * (f0 - f1) < zexp(-0.5 * v * v)) return v;
    const w = nextWord(state, l);
    j = w >> 10;
    i = w & 1023;
  } while (!(Math.abs(j) < t[2 * i]!));
  return j * t[2 * i + 1]!;
}

/**
 * The TypeScript twin of asm/ziggurat.ts `fillNormals`: writes `n` (a multiple of 4) standard normals into
 * `out[offset…]`, advancing `state`.
 *
 * @internal
 */
export function fillNormalsTs(state: Int32Array, out: Float32Array, offset: number, n: number): void {
  const t = zigguratTables();
  const js = [0, 0, 0, 0];
  const layers = [0, 0, 0, 0];
  for (let k = 0; k < n; k += 4) {
    // The four lanes step together in the kernel; stepping them one after the other gives the same words.
    for (let l = 0; l < 4; l++) {
      const a = nextWord(state, l);
      const i = a & 1023;
      const j = a >> 10;
      js[l] = j;
      layers[l] = i;
      out[offset + k + l] = j * t[2 * i + 1]!;
    }
    // Rejected lanes are finished after the group, in lane order, each from its own stream (as the kernel does).
    for (let l = 0; l < 4; l++) {
      const j = js[l]!;
      const i = layers[l]!;
      if (!(Math.abs(j) < t[2 * i]!)) out[offset + k + l] = slowNormal(state, l, j, i);
    }
  }
}
