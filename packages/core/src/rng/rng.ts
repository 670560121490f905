import { InvalidParameterError } from '../errors/invalid-parameter-error';
import { ZIGGURAT_R, zigguratLayers } from './ziggurat';
import type { ZigguratLayers } from './ziggurat';

/**
 * Serialisable state of an {@link Rng}: resume a stream exactly with `createRng({ state })`.
 *
 * @example
 * const rng = createRng(7);
 * const saved: RngState = rng.state;
 * const a = rng.uniform();
 * createRng({ state: saved }).uniform() === a; // → true: the stream resumes exactly
 */
export interface RngState {
  /** The seed the generator was created from. */
  readonly seed: number;
  /** The four 32-bit words of xoshiro128**. */
  readonly words: readonly [number, number, number, number];
  /** A cached second Box–Muller normal, or null. */
  readonly spareNormal: number | null;
}

/**
 * A seedable pseudo-random generator (xoshiro128**, Blackman & Vigna 2018). The same seed gives the same stream on
 * every platform: only 32-bit integer arithmetic (`Math.imul`, shifts) feeds the state.
 * @example
 * const rng: Rng = createRng(42);
 * rng.uniform(); // in [0, 1)
 * const worker = rng.split(); // an independent stream, e.g. for a worker thread
 */
export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Uniform integer in [0, n) (unbiased, rejection sampling). */
  integer(n: number): number;
  /** Standard normal N(0, 1) (Box–Muller; the second value of a pair is cached). */
  normal(): number;
  /** Fills `out` with mean + std·N(0, 1) (ziggurat: fast, but not the values repeated `normal()` calls give). Returns `out`. */
  fillNormal(out: Float64Array | Float32Array, mean?: number, std?: number): Float64Array | Float32Array;
  /**
   * Adds std·N(0, 1) to `out[start..end)` (default the whole array); `std` is one σ or an array of σ indexed like
   * `out`. The fast bulk path (one 32-bit draw per value, ziggurat); its stream differs from `fillNormal`'s.
   */
  addNormal(
    out: Float64Array | Float32Array,
    std: number | Float64Array | Float32Array,
    start?: number,
    end?: number,
  ): void;
  /** Fills `out` with uniform values in [low, high). Returns `out`. */
  fillUniform(out: Float64Array | Float32Array, low?: number, high?: number): Float64Array | Float32Array;
  /** Current state; assigning a state continues that stream. */
  state: RngState;
  toJSON(): RngState;
  /** An independent generator derived from this one's stream (for workers or per-trial streams). */
  split(): Rng;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

class Xoshiro128 implements Rng {
  readonly seed: number;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  private spare: number | null = null;

  constructor(seed: number, words?: readonly number[], spare?: number | null) {
    this.seed = seed;
    if (words) {
      [this.s0, this.s1, this.s2, this.s3] = words.map((w) => w >>> 0) as [number, number, number, number];
      this.spare = spare ?? null;
    } else {
      // Seeds that differ only in high bits must give unrelated streams: mix the 53-bit seed into 32 bits first.
      const hi = Math.floor(seed / 2 ** 32) >>> 0;
      const next = splitmix32((seed >>> 0) ^ Math.imul(hi, 0x27d4eb2d));
      this.s0 = next();
      this.s1 = next();
      this.s2 = next();
      this.s3 = next();
    }
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1; // the all-zero state is a fixed point
  }

  private nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  uniform(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }

  integer(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32)
      throw new InvalidParameterError({
        where: 'rng.integer',
        parameter: 'n',
        value: n,
        expected: 'an integer in [1, 2^32]',
      });
    if (n === 1) return 0;
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /**
   * Bulk normals by the 256-layer ziggurat (Marsaglia & Tsang 2000, with Doornik's 2005 fix: the layer index and
   * the abscissa come from separate 32-bit draws). The hot loop takes two 32-bit draws per value and accepts ~99 %
   * of them; rejected draws (wedge or tail) are queued and finished after each block, which keeps the slow path out
   * of the hot loop. The stream is consumed in a fixed order, so the same state gives the same values. A cached
   * Box–Muller spare is left for the next `normal()`.
   *
   * The two xoshiro128** steps per value repeat `nextUint32` on purpose, with the state in locals: drawing through
   * the method measured ~3× slower inside the library (8 M values: 0.18 s against 0.06 s of CPU).
   */
  fillNormal(out: Float64Array | Float32Array, mean = 0, std = 1): Float64Array | Float32Array {
    const { x: zx, ratio, pendingIndex, pendingU, pendingLayer } = zigguratTables();
    const n = out.length;
    let s0 = this.s0 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s1 = this.s1 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s2 = this.s2 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s3 = this.s3 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    for (let start = 0; start < n; start += ZIGGURAT_BLOCK) {
      const end = Math.min(n, start + ZIGGURAT_BLOCK);
      let pending = 0;
      for (let k = start; k < end; k++) {
        // Two inlined xoshiro128** steps: `a` gives the signed abscissa, `b` the layer.
        const a = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        let t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
        const b = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl(s3, 11);
        const i = b & 255;
        const u = a * 4.656612873077393e-10; // (a | 0) / 2^31 in [-1, 1)
        if (Math.abs(u) < ratio[i]!) out[k] = mean + std * (u * zx[i]!);
        else {
          pendingIndex[pending] = k;
          pendingU[pending] = u;
          pendingLayer[pending] = i;
          pending++;
        }
      }
      if (pending === 0) continue;
      this.s0 = s0;
      this.s1 = s1;
      this.s2 = s2;
      this.s3 = s3;
      for (let j = 0; j < pending; j++)
        out[pendingIndex[j]!] = mean + std * this.zigguratSlow(pendingU[j]!, pendingLayer[j]!, zx, ratio);
      s0 = this.s0;
      s1 = this.s1;
      s2 = this.s2;
      s3 = this.s3;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return out;
  }

  /**
   * Adds std·N(0, 1) to `out[start..end)`: `std` is one σ for all, or an array of σ indexed like `out`. The ziggurat
   * of {@link fillNormal} with one 32-bit draw per value (layer from the low 8 bits, abscissa from the high 24) and
   * the add fused into the hot loop: about twice as fast as `fillNormal` plus an add pass, and a different stream.
   * Reproducible: the same state gives the same values.
   */
  addNormal(
    out: Float64Array | Float32Array,
    std: number | Float64Array | Float32Array,
    start = 0,
    end = out.length,
  ): void {
    const t = zigguratTables();
    const { x: zx, ratio, pendingIndex, pendingU, pendingLayer } = t;
    for (let s = start; s < end; s += ZIGGURAT_BLOCK) {
      const e = Math.min(end, s + ZIGGURAT_BLOCK);
      const pending =
        typeof std === 'number' ? this.addBlockShared(out, std, s, e, t) : this.addBlockEach(out, std, s, e, t);
      for (let j = 0; j < pending; j++) {
        const k = pendingIndex[j]!;
        const sd = typeof std === 'number' ? std : std[k]!;
        out[k] = out[k]! + sd * this.zigguratSlow(pendingU[j]!, pendingLayer[j]!, zx, ratio);
      }
    }
  }

  /**
   * Hot loop of {@link addNormal} with one σ: one inlined xoshiro128** step per value, state in locals. The layer is
   * the output's low 8 bits and the signed abscissa its high 24 bits (disjoint bits of one output, hence independent:
   * Doornik's objection was to the same bits serving both); 24 bits resolve a layer to 2⁻²³ of its width, far below
   * float32 noise. Rejected draws (~1 %: wedge or tail) are queued; returns how many.
   */
  private addBlockShared(
    out: Float64Array | Float32Array,
    sd: number,
    s: number,
    e: number,
    t: ZigguratTables,
  ): number {
    const { x: zx, ratio, pendingIndex, pendingU, pendingLayer } = t;
    let s0 = this.s0 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s1 = this.s1 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s2 = this.s2 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s3 = this.s3 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let pending = 0;
    for (let k = s; k < e; k++) {
      const a = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const tt = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= tt;
      s3 = rotl(s3, 11);
      const i = a & 255;
      const u = (a >> 8) * 1.1920928955078125e-7; // signed 24 bits / 2^23, in [-1, 1)
      if (Math.abs(u) < ratio[i]!) out[k] = out[k]! + sd * (u * zx[i]!);
      else {
        pendingIndex[pending] = k;
        pendingU[pending] = u;
        pendingLayer[pending] = i;
        pending++;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return pending;
  }

  /** {@link addBlockShared} with σ per value (`sd[k]` for `out[k]`). */
  private addBlockEach(
    out: Float64Array | Float32Array,
    sd: Float64Array | Float32Array,
    s: number,
    e: number,
    t: ZigguratTables,
  ): number {
    const { x: zx, ratio, pendingIndex, pendingU, pendingLayer } = t;
    let s0 = this.s0 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s1 = this.s1 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s2 = this.s2 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let s3 = this.s3 | 0; // int32 from the start: a uint32 above 2^31 would make the loop carry doubles
    let pending = 0;
    for (let k = s; k < e; k++) {
      const a = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
      const tt = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= tt;
      s3 = rotl(s3, 11);
      const i = a & 255;
      const u = (a >> 8) * 1.1920928955078125e-7;
      if (Math.abs(u) < ratio[i]!) out[k] = out[k]! + sd[k]! * (u * zx[i]!);
      else {
        pendingIndex[pending] = k;
        pendingU[pending] = u;
        pendingLayer[pending] = i;
        pending++;
      }
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
    return pending;
  }

  /** Uniform in (0, 1) from one 32-bit draw (never 0, so its logarithm is finite). */
  private openUniform(): number {
    return (this.nextUint32() + 0.5) * 2.3283064365386963e-10;
  }

  /** Ziggurat wedge or tail for abscissa `u` in layer `i`; draws again until a value is accepted. */
  private zigguratSlow(u0: number, i0: number, zx: Float64Array, ratio: Float64Array): number {
    let u = u0;
    let i = i0;
    for (;;) {
      if (i === 0) {
        // Tail beyond R (Marsaglia 1964).
        let x: number;
        let y: number;
        do {
          x = Math.log(this.openUniform()) / ZIGGURAT_R;
          y = Math.log(this.openUniform());
        } while (-2 * y < x * x);
        return u < 0 ? x - ZIGGURAT_R : ZIGGURAT_R - x;
      }
      const x = u * zx[i]!;
      const f0 = Math.exp(-0.5 * (zx[i]! * zx[i]! - x * x));
      const f1 = Math.exp(-0.5 * (zx[i + 1]! * zx[i + 1]! - x * x));
      if (f1 + this.openUniform() * (f0 - f1) < 1) return x;
      u = (this.nextUint32() | 0) * 4.656612873077393e-10;
      i = this.nextUint32() & 255;
      if (Math.abs(u) < ratio[i]!) return u * zx[i]!;
    }
  }

  fillUniform(out: Float64Array | Float32Array, low = 0, high = 1): Float64Array | Float32Array {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + span * this.uniform();
    return out;
  }

  get state(): RngState {
    return {
      seed: this.seed,
      words: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0],
      spareNormal: this.spare,
    };
  }

  set state(value: RngState) {
    checkState(value);
    [this.s0, this.s1, this.s2, this.s3] = value.words.map((w) => w >>> 0) as [number, number, number, number];
    this.spare = value.spareNormal;
  }

  toJSON(): RngState {
    return this.state;
  }

  split(): Rng {
    const seed = this.nextUint32() * 2097152 + (this.nextUint32() >>> 11);
    return new Xoshiro128(seed);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Values per block of `fillNormal`; the rejected ones of a block are finished before the next block. */
const ZIGGURAT_BLOCK = 2048;

interface ZigguratTables extends ZigguratLayers {
  /** Scratch queue of one block's rejected draws: output index, abscissa, layer. */
  pendingIndex: Int32Array;
  pendingU: Float64Array;
  pendingLayer: Int32Array;
}

let ZIGGURAT: ZigguratTables | null = null;

/** The shared layer tables plus this module's queue of rejected draws, built once on first use. */
function zigguratTables(): ZigguratTables {
  if (ZIGGURAT !== null) return ZIGGURAT;
  const { x, ratio } = zigguratLayers();
  ZIGGURAT = {
    x,
    ratio,
    pendingIndex: new Int32Array(ZIGGURAT_BLOCK),
    pendingU: new Float64Array(ZIGGURAT_BLOCK),
    pendingLayer: new Int32Array(ZIGGURAT_BLOCK),
  };
  return ZIGGURAT;
}

function checkState(value: unknown): asserts value is RngState {
  const s = value as RngState;
  const ok =
    typeof s === 'object' &&
    s !== null &&
    Array.isArray(s.words) &&
    s.words.length === 4 &&
    s.words.every((w) => Number.isInteger(w) && w >= 0 && w < 2 ** 32) &&
    (s.spareNormal === null || Number.isFinite(s.spareNormal));
  if (!ok)
    throw new InvalidParameterError({
      where: 'createRng',
      parameter: 'state',
      value,
      expected: 'an RngState { seed, words: four uint32, spareNormal }',
    });
}

/**
 * Creates a seeded generator, or resumes one from a saved state.
 *
 * @param seed - a non-negative safe integer, or `{ state }` from `rng.toJSON()`.
 * @throws {InvalidParameterError} when the seed is not a non-negative safe integer or the state is malformed.
 * @example
 * const rng = createRng(42);
 * rng.uniform(); // same value on every platform
 */
export function createRng(seed: number | { state: RngState }): Rng {
  if (typeof seed === 'object' && seed !== null && 'state' in seed) {
    checkState(seed.state);
    return new Xoshiro128(seed.state.seed, seed.state.words, seed.state.spareNormal);
  }
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0)
    throw new InvalidParameterError({
      where: 'createRng',
      parameter: 'seed',
      value: seed,
      expected: 'a non-negative safe integer',
    });
  return new Xoshiro128(seed);
}

/**
 * True when `value` looks like an {@link Rng} (duck-typed so generators from another copy of memsim work).
 *
 * @example
 * isRng(createRng(1)); // → true
 * isRng(Math.random); // → false
 */
export function isRng(value: unknown): value is Rng {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Rng).uniform === 'function' &&
    typeof (value as Rng).normal === 'function'
  );
}

/**
 * Resolves the `seed` / `rng` pair every stochastic function accepts into one generator. An explicit `rng` wins;
 * otherwise a fresh generator from `seed`.
 *
 * @throws {InvalidParameterError} when neither is given: memsim has no hidden global randomness.
 * @example
 * const rng = resolveRng('createPopulation', { seed: 42 }); // a fresh generator from the seed
 * resolveRng('createPopulation', { rng }) === rng; // → true (an explicit rng wins)
 */
export function resolveRng(where: string, options: { seed?: number; rng?: Rng }): Rng {
  if (options.rng !== undefined) {
    if (!isRng(options.rng))
      throw new InvalidParameterError({
        where,
        parameter: 'rng',
        value: options.rng,
        expected: 'an Rng from createRng()',
      });
    return options.rng;
  }
  if (options.seed !== undefined) {
    if (typeof options.seed !== 'number' || !Number.isSafeInteger(options.seed) || options.seed < 0)
      throw new InvalidParameterError({
        where,
        parameter: 'seed',
        value: options.seed,
        expected: 'a non-negative safe integer',
      });
    return createRng(options.seed);
  }
  throw new InvalidParameterError({
    where,
    parameter: 'seed',
    value: undefined,
    expected: 'given (a `seed` number or an `rng` from createRng()): results must be reproducible',
  });
}
