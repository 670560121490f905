import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUANT_METHODS, type QuantMethod, quantize, quantizeInput, quantizeLevels } from '../../src/index';

// Property tests (fast-check, fixed seed so a failure reproduces). Inputs span many decades, with zeros and ties.
const SEED = Number(process.env.QUANTIZE_FC_SEED ?? 20261130);
const RUNS = Number(process.env.QUANTIZE_FC_RUNS ?? 150); // raise locally for a deeper search
const value = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -8, max: 8 }).map((k) => k / 4),
  fc.double({ min: -(2 ** 960), max: 2 ** 960, noNaN: true, noDefaultInfinity: true }),
);
const data = fc.array(value, { minLength: 2, maxLength: 60 }).map((a) => Float64Array.from(a));
const bits = fc.integer({ min: 1, max: 12 });
const method = fc.constantFrom(...QUANT_METHODS);
const overflowRate = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));

function isMonotone(x: ArrayLike<number>, q: ArrayLike<number>): boolean {
  const order = Array.from(x, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  for (let k = 1; k < order.length; k++) if (q[order[k]!]! < q[order[k - 1]!]!) return false;
  return true;
}

/** The linear method's full scale 2^K and step δ straight from the formula of MemTorch 1.1.6's linear quantiser, with a full sort for v. */
function linearStepByHand(x: Float64Array, b: number, overflowRate: number): { K: number; delta: number } {
  const sorted = Array.from(x, Math.abs).sort((p, q) => q - p);
  const v = sorted[Math.min(Math.round(overflowRate * x.length), x.length - 1)]!;
  const K = Math.ceil(Math.log2(v + Math.fround(1e-12)));
  return { K, delta: 2 ** (K + 1 - b) };
}

describe('quantize properties (every method)', () => {
  it('gives at most 2^bits distinct outputs', () => {
    fc.assert(
      fc.property(data, bits, method, overflowRate, (x, b, m, o) => {
        const q = quantize(x, { bits: b, method: m, overflowRate: o });
        return new Set(q).size <= 2 ** b;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('is monotone non-decreasing in x', () => {
    fc.assert(
      fc.property(data, bits, method, overflowRate, (x, b, m, o) =>
        isMonotone(x, quantize(x, { bits: b, method: m, overflowRate: o })),
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('never returns NaN or ±Infinity and never touches its input', () => {
    fc.assert(
      fc.property(data, bits, method, overflowRate, (x, b, m, o) => {
        const copy = x.slice();
        const q = quantize(x, { bits: b, method: m, overflowRate: o });
        return q.every(Number.isFinite) && q.every((_, i) => Object.is(x[i], copy[i])) && q !== x;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('stays monotone, finite and within 2^bits values under random one- or two-sided bounds; minmax stays inside them', () => {
    const bound = fc.option(fc.double({ min: -100, max: 100, noNaN: true }), { nil: undefined });
    fc.assert(
      fc.property(data, bits, method, overflowRate, bound, bound, (x, b, m, o, p, q) => {
        const min = p !== undefined && q !== undefined ? Math.min(p, q) : p;
        const max = p !== undefined && q !== undefined ? Math.max(p, q) : q;
        const r = quantize(x, { bits: b, method: m, overflowRate: o, min, max });
        const ok = r.every(Number.isFinite) && new Set(r).size <= 2 ** b && isMonotone(x, r);
        if (m !== 'minmax' || new Set(x).size === 1) return ok;
        const clamped = x.map((v) => Math.min(max ?? Infinity, Math.max(min ?? -Infinity, v)));
        const lo = min ?? Math.min(...clamped);
        const hi = max ?? Math.max(...clamped);
        return ok && r.every((v) => v >= lo && v <= hi);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('is idempotent with a fixed range (min and max given): q(q(x)) = q(x)', () => {
    const fixed = fc.constantFrom<QuantMethod>('linear', 'minmax', 'tanh');
    fc.assert(
      fc.property(data, bits, fixed, fc.double({ min: 0.01, max: 100, noNaN: true }), (x, b, m, r) => {
        const options = { bits: b, method: m, min: -r, max: r };
        const q = quantize(x, options);
        return quantize(q, options).every((v, i) => v === q[i]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('is idempotent with data-derived ranges: minmax, tanh and log exactly, log_minmax to 1e-12', () => {
    fc.assert(
      fc.property(
        data,
        fc.integer({ min: 2, max: 12 }),
        method.filter((m) => m !== 'linear'),
        (x, b, m) => {
          const q = quantize(x, { bits: b, method: m });
          const qq = quantize(q, { bits: b, method: m });
          const rtol = m === 'log_minmax' ? 1e-12 : 0; // its range ends go through exp and ln, which may move them an ulp
          return qq.every((v, i) => Math.abs(v - q[i]!) <= rtol * Math.abs(q[i]!));
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('linear is idempotent with the data-derived scale whenever re-quantising keeps the full scale 2^K', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 2, max: 12 }), (x, b) => {
        const q = quantize(x, { bits: b });
        fc.pre(linearStepByHand(q, b, 0).K === linearStepByHand(x, b, 0).K);
        return quantize(q, { bits: b }).every((v, i) => v === q[i]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("linear: the two documented ways re-quantising moves the data-derived full scale (MemTorch's rule)", () => {
    // −1.9 saturates at exactly −2: log2(2 + 1e-12) > 1, so the scale moves one octave up.
    const q1 = quantize(new Float64Array([-1.9, 0.3]), { bits: 4 });
    expect(Array.from(q1)).toEqual([-2, 0.25]);
    expect(Array.from(quantize(q1, { bits: 4 }))).toEqual([-2, 0.5]);
    // 2048·(1 + 2^−52) rounds onto exactly 2^11, where + 1e-12 is lost in log2's rounding: one octave down.
    const q2 = quantize(new Float64Array([2048.0000000000005, 0, 0]), { bits: 2 });
    expect(Array.from(q2)).toEqual([2048, 0, 0]);
    expect(Array.from(quantize(q2, { bits: 2 }))).toEqual([1024, 0, 0]);
  });
});

describe('quantize properties on Float32Array (every method)', () => {
  it('returns a Float32Array that is monotone, finite, with at most 2^bits distinct values', () => {
    const entry32 = fc.oneof(
      fc.float({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
      fc.float({ min: -(2 ** 126), max: 2 ** 126, noNaN: true, noDefaultInfinity: true }),
    );
    const data32 = fc.array(entry32, { minLength: 2, maxLength: 60 });
    fc.assert(
      fc.property(data32, bits, method, overflowRate, (a, b, m, o) => {
        const x = Float32Array.from(a);
        const q = quantize(x, { bits: b, method: m, overflowRate: o });
        return q instanceof Float32Array && q.every(Number.isFinite) && new Set(q).size <= 2 ** b && isMonotone(x, q);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('quantize idempotence on Float32Array', () => {
  it('minmax, tanh, log and log_minmax are exactly idempotent with data-derived ranges', () => {
    const data32 = fc.array(fc.float({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }), {
      minLength: 2,
      maxLength: 60,
    });
    fc.assert(
      fc.property(
        data32,
        fc.integer({ min: 2, max: 12 }),
        method.filter((m) => m !== 'linear'),
        (a, b, m) => {
          const x = Float32Array.from(a);
          const q = quantize(x, { bits: b, method: m });
          return quantize(q, { bits: b, method: m }).every((v, i) => v === q[i]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('quantize linear properties', () => {
  it('stays within the representable range [−2^K, 2^K − δ] on the δ grid (independent full scale by sort)', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 1, max: 16 }), overflowRate, (x, b, o) => {
        const q = quantize(x, { bits: b, overflowRate: o });
        if (new Set(x).size === 1) return q.every((v, i) => v === x[i]); // constants come back unchanged
        const { K, delta } = linearStepByHand(x, b, o);
        return q.every((v) => v >= -(2 ** K) && v <= 2 ** K - delta && Number.isInteger(v / delta));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('rounds half up to the nearest step inside the range (closed form)', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 2, max: 16 }), overflowRate, (x, b, o) => {
        const q = quantize(x, { bits: b, overflowRate: o });
        if (new Set(x).size === 1) return q.every((v, i) => v === x[i]); // constants come back unchanged
        const { delta } = linearStepByHand(x, b, o);
        const B = 2 ** (b - 1);
        return q.every((v, i) => v === Math.min(B - 1, Math.max(-B, Math.floor(x[i]! / delta + 0.5))) * delta);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('approaches the identity within one step as bits grow', () => {
    fc.assert(
      fc.property(data, fc.integer({ min: 24, max: 53 }), (x, b) => {
        const q = quantize(x, { bits: b });
        if (new Set(x).size === 1) return q.every((v, i) => v === x[i]);
        const { delta } = linearStepByHand(x, b, 0);
        return q.every((v, i) => Math.abs(v - x[i]!) <= delta);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('Float32Array input equals an independent float32 emulation of MemTorch (fround at every step, full sort)', () => {
    const data32 = fc.array(fc.float({ min: -1e4, max: 1e4, noNaN: true, noDefaultInfinity: true }), {
      minLength: 2,
      maxLength: 60,
    });
    fc.assert(
      fc.property(data32, fc.integer({ min: 2, max: 30 }), overflowRate, (a, b, o) => {
        const x = Float32Array.from(a);
        const f = Math.fround;
        const sorted = Array.from(x, Math.abs).sort((p, q) => q - p);
        const index = Math.min(Math.round(f(f(o) * x.length)), x.length - 1);
        const integral = Math.ceil(f(Math.log2(f(sorted[index]! + f(1e-12)))));
        const delta = 2 ** (1 - b + integral);
        const B = 2 ** (b - 1);
        // the upper code is the float `bound − 1`, which is 2^(bits−1) itself once bits > 25
        const expected = Float32Array.from(
          x,
          (v) => Math.min(f(B - 1), Math.max(-B, Math.floor(f(f(v / delta) + 0.5)))) * delta,
        );
        const q = quantize(x, { bits: b, overflowRate: o });
        return (
          q instanceof Float32Array &&
          (new Set(x).size === 1 ? q.every((v, i) => v === x[i]) : q.every((v, i) => v === expected[i]))
        );
      }),
      { seed: SEED, numRuns: 2 * RUNS },
    );
  });

  it('with bounds, both array types equal an independent emulation of MemTorch (clamp, bound raises a[0], sort)', () => {
    const bound = fc.option(fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.constant(0)), {
      nil: undefined,
    });
    fc.assert(
      fc.property(
        data,
        fc.integer({ min: 2, max: 24 }),
        overflowRate,
        bound,
        bound,
        fc.boolean(),
        (x64, b, o, p, q, f32) => {
          const min = p !== undefined && q !== undefined ? Math.min(p, q) : p;
          const max = p !== undefined && q !== undefined ? Math.max(p, q) : q;
          const f = f32 ? Math.fround : (v: number) => v;
          const x = f32 ? Float32Array.from(x64.map((v) => Math.max(-1e30, Math.min(1e30, v)))) : x64;
          const got = quantize(x, { bits: b, overflowRate: o, min, max });
          if (new Set(x).size === 1) return got.every((v, i) => v === x[i]);
          const lo = min === undefined ? -Infinity : f(min);
          const hi = max === undefined ? Infinity : f(max);
          const clamped = Array.from(x, (v) => Math.min(hi, Math.max(lo, v)));
          const sorted = clamped.map(Math.abs).sort((u, w) => w - u);
          if (min !== undefined || max !== undefined)
            sorted[0] = Math.max(
              sorted[0]!,
              Math.abs(min === undefined ? 0 : f(min)),
              Math.abs(max === undefined ? 0 : f(max)),
            );
          const index = Math.min(Math.round(f(f(o) * x.length)), x.length - 1);
          const integral = Math.ceil(f(Math.log2(f(sorted[index]! + Math.fround(1e-12)))));
          const delta = 2 ** (1 - b + integral);
          const B = 2 ** (b - 1);
          return clamped.every(
            (v, i) => got[i] === f(Math.min(B - 1, Math.max(-B, Math.floor(f(f(v / delta) + 0.5)))) * delta),
          );
        },
      ),
      { seed: SEED, numRuns: 2 * RUNS },
    );
  });
});

describe('quantizeLevels properties', () => {
  it('returns, per element, a level of its own grid that is nearest (independent brute force)', () => {
    const triple = fc
      .tuple(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.double({ min: -0.2, max: 1.2, noNaN: true }),
      )
      .map(([lo, width, u]) => [lo, lo + width, lo + u * width] as const);
    fc.assert(
      fc.property(
        fc.array(triple, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 40 }),
        (rows, levels) => {
          const lo = Float64Array.from(rows, (r) => r[0]);
          const hi = Float64Array.from(rows, (r) => r[1]);
          const x = Float64Array.from(rows, (r) => r[2]);
          const q = quantizeLevels(x, levels, lo, hi);
          return rows.every((_, i) => {
            const grid =
              levels === 1
                ? [(lo[i]! + hi[i]!) / 2]
                : Array.from({ length: levels }, (_, j) => lo[i]! + (j * (hi[i]! - lo[i]!)) / (levels - 1));
            const best = Math.min(...grid.map((g) => Math.abs(g - x[i]!)));
            const tol = 1e-12 * (Math.abs(lo[i]!) + Math.abs(hi[i]!));
            const onGrid = grid.some((g) => Math.abs(g - q[i]!) <= tol);
            return onGrid && Math.abs(q[i]! - x[i]!) <= best + tol;
          });
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('stays finite and inside [min, max] for extreme and subnormal bounds, both array types', () => {
    const edge = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -(2 ** 126), max: 2 ** 126 }),
      fc.constantFrom(0, 5e-324, -5e-324, 2 ** 126, -(2 ** 126)),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(edge, edge, edge), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 40 }),
        fc.boolean(),
        (rows, levels, f32) => {
          const make = (a: number[]) => (f32 ? Float32Array.from(a) : Float64Array.from(a));
          const lo = make(rows.map((r) => Math.min(r[0], r[1])));
          const hi = make(rows.map((r) => Math.max(r[0], r[1])));
          const x = make(rows.map((r) => r[2]));
          const q = quantizeLevels(x, levels, lo, hi);
          const scalar = quantizeLevels(x, levels, lo[0]!, hi[0]!);
          return (
            q.every((v, i) => Number.isFinite(v) && v >= lo[i]! && v <= hi[i]!) &&
            scalar.every((v) => Number.isFinite(v) && v >= lo[0]! && v <= hi[0]!)
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('is idempotent and monotone with scalar bounds', () => {
    fc.assert(
      fc.property(
        data,
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: 0.1, max: 1e3, noNaN: true }),
        (x, levels, r) => {
          const q = quantizeLevels(x, levels, -r, r);
          return (
            isMonotone(x, q) &&
            quantizeLevels(q, levels, -r, r).every((v, i) => v === q[i]) &&
            new Set(q).size <= levels
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('quantizeInput properties', () => {
  it('is symmetric, saturating, idempotent, monotone, within half a step, with at most 2^bits − 1 levels', () => {
    fc.assert(
      fc.property(
        data,
        fc.integer({ min: 2, max: 16 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (x, b, range) => {
          const q = quantizeInput(x, { bits: b, range });
          const negated = quantizeInput(
            x.map((v) => -v),
            { bits: b, range },
          );
          const step = range / (2 ** (b - 1) - 1);
          return (
            q.every((v, i) => Math.abs(v) <= range && v === -negated[i]! + 0) &&
            q.every((v, i) => Math.abs(v - Math.min(range, Math.max(-range, x[i]!))) <= (step / 2) * (1 + 1e-12)) &&
            quantizeInput(q, { bits: b, range }).every((v, i) => v === q[i]) &&
            isMonotone(x, q) &&
            new Set(q).size <= 2 ** b - 1
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
