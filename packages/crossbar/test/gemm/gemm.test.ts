import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InvalidParameterError, ShapeMismatchError, createRng } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GEMM_OPTIONS, GEMM_BACKENDS, gemm, gemmBackend } from '../../src/index';
import type { GemmBackend } from '../../src/index';

/** Float64 reference matmul, written independently of the kernels (naive i-j-k). */
function referenceMatmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  return c;
}

/** Float32 emulation of the documented summation order (products and sums rounded, k in order, no FMA). */
function float32SequentialMatmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s = Math.fround(s + Math.fround(a[i * k + p]! * b[p * n + j]!));
      c[i * n + j] = s;
    }
  return c;
}

function randomMatrix(length: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return rng.fillUniform(new Float32Array(length), -1, 1) as Float32Array;
}

/** Backends available in this runtime (wasm only when WebAssembly SIMD is). */
const available: GemmBackend[] = GEMM_BACKENDS.filter((backend) => {
  try {
    gemm(new Float32Array(1), new Float32Array(1), { m: 1, k: 1, n: 1 }, { backend });
    return true;
  } catch {
    return false;
  }
});

const SIZES: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [17, 33, 65],
  [128, 96, 130],
  [5, 300, 9],
  [64, 520, 33],
];

describe('public entry', () => {
  it('exports gemm, gemmBackend, GEMM_BACKENDS and DEFAULT_GEMM_OPTIONS', () => {
    expect(typeof gemm).toBe('function');
    expect(DEFAULT_GEMM_OPTIONS).toEqual({ threads: 1 });
    expect(Object.isFrozen(DEFAULT_GEMM_OPTIONS)).toBe(true);
    expect(GEMM_BACKENDS).toEqual(['wasm', 'ts']);
    expect(GEMM_BACKENDS).toContain(gemmBackend());
    expect(available).toContain('ts');
    // Node 20 has WebAssembly SIMD, so the fast kernel must be the default here.
    expect(gemmBackend()).toBe('wasm');
    expect(available).toEqual(['wasm', 'ts']);
  });
});

describe.each(available)('gemm backend %s', (backend) => {
  it.each(SIZES)('matches a float64 reference matmul for %i×%i×%i', (m, k, n) => {
    const a = randomMatrix(m * k, m * 1000 + k);
    const b = randomMatrix(k * n, n * 1000 + k + 7);
    const got = gemm(a, b, { m, k, n }, { backend });
    const want = referenceMatmul(a, b, m, k, n);
    // float32 sums of k terms of magnitude ≤ 1: error ≤ k·2⁻²⁴·Σ|a||b| ≲ k²·6e-8.
    const tol = 4 * k * 2 ** -24 * k;
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(tol);
    // and exactly the documented float32 summation order
    expect(got).toEqual(float32SequentialMatmul(a, b, m, k, n));
  });

  it('overwrites `out` and returns it', () => {
    const a = randomMatrix(6 * 4, 1);
    const b = randomMatrix(4 * 5, 2);
    const out = new Float32Array(30).fill(123);
    const result = gemm(a, b, { m: 6, k: 4, n: 5 }, { out, backend });
    expect(result).toBe(out);
    expect(out).toEqual(float32SequentialMatmul(a, b, 6, 4, 5));
  });

  it('does not modify its operands', () => {
    const a = randomMatrix(9 * 11, 3);
    const b = randomMatrix(11 * 13, 4);
    const a0 = a.slice();
    const b0 = b.slice();
    gemm(a, b, { m: 9, k: 11, n: 13 }, { backend });
    expect(a).toEqual(a0);
    expect(b).toEqual(b0);
  });

  it('works on subarray views with an offset', () => {
    const big = randomMatrix(200, 5);
    const a = big.subarray(3, 3 + 4 * 6);
    const b = big.subarray(50, 50 + 6 * 7);
    expect(gemm(a, b, { m: 4, k: 6, n: 7 }, { backend })).toEqual(float32SequentialMatmul(a, b, 4, 6, 7));
  });
});

describe('gemm backends agree bit for bit', () => {
  it.skipIf(available.length < 2)('wasm and ts give identical arrays on odd sizes', () => {
    for (const [m, k, n] of [...SIZES, [33, 700, 47] as [number, number, number]]) {
      const a = randomMatrix(m * k, 11 + m);
      const b = randomMatrix(k * n, 13 + n);
      expect(gemm(a, b, { m, k, n }, { backend: 'wasm' })).toEqual(gemm(a, b, { m, k, n }, { backend: 'ts' }));
    }
  });
});

describe('gemm without WebAssembly', () => {
  it('falls back to the ts backend (same numbers) and rejects a forced wasm backend', () => {
    const fixture = fileURLToPath(new URL('./no-wasm-fixture.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--jitless', '--import', 'tsx', fixture], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
      webAssembly: string;
      backend: string;
      product: number[];
      forcedWasm: string;
    };
    expect(report.webAssembly).toBe('undefined');
    expect(report.backend).toBe('ts');
    expect(report.forcedWasm).toMatch(/`backend` must be 'ts' in this runtime/);
    const a = Float32Array.from({ length: 30 }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: 35 }, (_, i) => Math.cos(i));
    expect(Float32Array.from(report.product)).toEqual(gemm(a, b, { m: 6, k: 5, n: 7 }, { backend: 'wasm' }));
  });
});

describe('gemm threads', () => {
  it.each([
    [300, 200, 300],
    [4, 1500, 1500],
  ])('threads: 2 gives the same array as threads: 1 for %i×%i×%i (rows or columns split)', (m, k, n) => {
    const a = randomMatrix(m * k, 21);
    const b = randomMatrix(k * n, 22);
    const one = gemm(a, b, { m, k, n }, { threads: 1 });
    expect(gemm(a, b, { m, k, n }, { threads: 2 })).toEqual(one);
    expect(gemm(a, b, { m, k, n }, { threads: 3 })).toEqual(one);
    expect(one).toEqual(float32SequentialMatmul(a, b, m, k, n));
  });
});

describe('gemm bad input', () => {
  const a = new Float32Array(6);
  const b = new Float32Array(6);
  it.each([-1, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null, [], {}])('rejects m = %s', (m) => {
    expect(() => gemm(a, b, { m: m as number, k: 3, n: 2 })).toThrow(InvalidParameterError);
    expect(() => gemm(a, b, { m: m as number, k: 3, n: 2 })).toThrow(/`shape\.m`/);
  });
  it.each([-1, 0, 2.5, Number.NaN, '3', null])('rejects k = %s', (k) => {
    expect(() => gemm(a, b, { m: 2, k: k as number, n: 2 })).toThrow(/`shape\.k` must be a positive integer/);
  });
  it.each([-1, 0, 2.5, Number.NaN, '2', null])('rejects n = %s', (n) => {
    expect(() => gemm(a, b, { m: 2, k: 3, n: n as number })).toThrow(/`shape\.n` must be a positive integer/);
  });
  it.each([new Float64Array(6), [0, 0, 0, 0, 0, 0], null, '5', {}])('rejects a non-Float32Array operand %s', (x) => {
    expect(() => gemm(x as Float32Array, b, { m: 2, k: 3, n: 2 })).toThrow(InvalidParameterError);
    expect(() => gemm(a, x as Float32Array, { m: 2, k: 3, n: 2 })).toThrow(/`b` must be a Float32Array/);
  });
  it('rejects operands of the wrong length', () => {
    expect(() => gemm(new Float32Array(5), b, { m: 2, k: 3, n: 2 })).toThrow(ShapeMismatchError);
    expect(() => gemm(a, new Float32Array(7), { m: 2, k: 3, n: 2 })).toThrow(/`b` must have shape \[6\]/);
    expect(() => gemm(a, b, { m: 2, k: 3, n: 2 }, { out: new Float32Array(3) })).toThrow(
      /`options\.out` must have shape \[4\]/,
    );
  });
  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('rejects %s inside an operand', (v) => {
    const bad = new Float32Array(6);
    bad[4] = v;
    expect(() => gemm(bad, b, { m: 2, k: 3, n: 2 })).toThrow(/`a\[4\]` must be a finite number/);
    expect(() => gemm(a, bad, { m: 2, k: 3, n: 2 })).toThrow(/`b\[4\]`/);
  });
  it('rejects an `out` that aliases an operand', () => {
    const shared = new Float32Array(12);
    expect(() => gemm(shared.subarray(0, 6), b, { m: 2, k: 3, n: 2 }, { out: shared.subarray(4, 8) })).toThrow(
      /`options\.out` must be an array that does not share memory/,
    );
  });
  it.each(['gpu', 'WASM', 1, null])('rejects backend %s', (backend) => {
    expect(() => gemm(a, b, { m: 2, k: 3, n: 2 }, { backend: backend as GemmBackend })).toThrow(
      /`backend` must be one of 'wasm', 'ts'/,
    );
  });
  it.each([0, -1, 1.5, 65, Number.NaN, '2', null])('rejects threads = %s', (threads) => {
    expect(() => gemm(a, b, { m: 2, k: 3, n: 2 }, { threads: threads as number })).toThrow(
      /`threads` must be an integer in \[1, 64\]/,
    );
  });
  it.each([undefined, null, [2, 3, 2], 6])('rejects shape = %s (an object { m, k, n })', (shape) => {
    expect(() => gemm(a, b, shape as never)).toThrow(/gemm: `shape` must be an object \{ m, k, n \}/);
  });
  it('rejects unknown shape keys', () => {
    expect(() => gemm(a, b, { m: 2, k: 3, n: 2, rows: 2 } as never)).toThrow(/gemm shape: unknown key `rows`/);
  });
  it('rejects unknown option keys', () => {
    expect(() => gemm(a, b, { m: 2, k: 3, n: 2 }, { backnd: 'ts' } as never)).toThrow(
      /unknown key `backnd`; did you mean `backend`/,
    );
  });
});
