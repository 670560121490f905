import type { Rng } from '@memsim/core';

/**
 * Bulk sampling for populations of millions of devices. A local xoshiro128** generator (the same algorithm as
 * `@memsim/core`'s) is seeded from four 32-bit draws of `rng`, then runs inline, so results stay reproducible from
 * the caller's seed on every platform while avoiding a method call per value.
 */
class LocalXoshiro {
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  constructor(rng: Rng) {
    this.s0 = rng.integer(2 ** 32) | 0;
    this.s1 = rng.integer(2 ** 32) | 0;
    this.s2 = rng.integer(2 ** 32) | 0;
    this.s3 = rng.integer(2 ** 32) | 0;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform in [-1, 1) with 32 random bits (enough resolution for the polar method). */
  signed(): number {
    return this.next() * 4.656612873077393e-10 - 1;
  }

  private next(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Fills `out` with N(mean, std²) draws (Marsaglia's polar method, both values of each pair used), clamped into
 * [lo, hi] (pass ±Infinity for none).
 */
export function fillNormal(out: Float64Array, mean: number, std: number, rng: Rng, lo = Number.NEGATIVE_INFINITY, hi = Number.POSITIVE_INFINITY): void {
  const g = new LocalXoshiro(rng);
  const n = out.length;
  let i = 0;
  while (i < n) {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = g.signed();
      v = g.signed();
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    const a = mean + std * u * f;
    out[i++] = a < lo ? lo : a > hi ? hi : a;
    if (i < n) {
      const b = mean + std * v * f;
      out[i++] = b < lo ? lo : b > hi ? hi : b;
    }
  }
}

/** Fills `out` with uniform draws in [low, high). */
export function fillUniform(out: Float64Array, low: number, high: number, rng: Rng): void {
  const g = new LocalXoshiro(rng);
  const span = high - low;
  for (let i = 0; i < out.length; i++) out[i] = low + span * g.uniform();
}

/** Replaces every entry by exp(entry), in place. */
export function expInPlace(out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = Math.exp(out[i]!);
}
