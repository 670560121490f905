import { createRng } from '@memsim/core';
import { VTEAM } from '@memsim/devices';
import { describe, expect, it } from 'vitest';
import { crashWorkerForTest } from '../../src/gemm/gemm-threads';
import { gemm, initCrossbars, mvm } from '../../src/index';
import { adcConverter, checkAdc } from '../../src/internal/converters';
import { exponentFromTable, fullScaleExponentOf } from '../../src/mvm/fused-linear-adc';
import { tiledKernel } from '../../src/mvm/tiled-kernel';
import { tiledWasmKernel } from '../../src/mvm/tiled-wasm';
import { readNoiseKernel } from '../../src/read-noise/read-noise';
import type { ReadNoise } from '../../src/read-noise/read-noise';

const rng = createRng(5);

function random(length: number, scale = 1): Float32Array {
  const a = new Float32Array(length);
  rng.fillUniform(a, -scale, scale);
  return a;
}

/** The TypeScript reference: the generic converter (quantize itself, no fused path) through the TS tile loop. */
function reference(
  v: Float32Array,
  b: number,
  r: number,
  c: number,
  g: Float32Array,
  tr: number,
  tc: number,
  bits: number,
) {
  const adc = bits === 0 ? null : adcConverter(checkAdc('test', { bits }));
  const generic = adc === null ? null : (x: Float32Array, o?: Float32Array) => adc(x, o);
  // a read-noise kernel that adds nothing and cannot be fused forces the TypeScript loop
  const zeroNoise = { add: () => {}, fused: null, perturb: null, perturbFused: null } as Parameters<
    typeof tiledKernel
  >[9];
  return tiledKernel(v, b, r, c, g, tr, tc, generic, new Float32Array(b * c), zeroNoise);
}

describe('tiledWasmKernel (WebAssembly tiled read-out with the fused ADC)', () => {
  it.each([
    [9, 20, 11, 8, 8, 8],
    [37, 130, 70, 64, 32, 8],
    [64, 256, 128, 128, 128, 4],
    [5, 33, 9, 7, 5, 12],
    [16, 40, 24, 16, 16, 0],
  ])(
    'batch %i, %i×%i, tiles %i×%i, %i-bit ADC: bit-identical to the TypeScript loop and quantize',
    (b, r, c, tr, tc, bits) => {
      const v = random(b * r);
      const g = random(r * c, 1e-4);
      const expected = reference(v, b, r, c, g, tr, tc, bits);
      const out = new Float32Array(b * c);
      expect(tiledWasmKernel(v, b, r, c, g, tr, tc, bits, out)).toBe(true);
      expect(Array.from(out)).toEqual(Array.from(expected));
    },
  );

  it('a tile of equal partials (all-zero weights) and a ragged last tile: bit-identical to quantize', () => {
    const [b, r, c, tr, tc] = [7, 19, 23, 8, 6];
    const v = random(b * r);
    const g = random(r * c, 1e-4);
    // Columns 6…11 (the second tile) carry no weight: every partial sum of that tile is 0, so lo = hi.
    for (let i = 0; i < r; i++) g.fill(0, i * c + 6, i * c + 12);
    const expected = reference(v, b, r, c, g, tr, tc, 6);
    const out = new Float32Array(b * c);
    expect(tiledWasmKernel(v, b, r, c, g, tr, tc, 6, out)).toBe(true);
    expect(Array.from(out)).toEqual(Array.from(expected));
    expect(out[6]).toBe(0);
  });

  it('declines a partial sum quantize rejects (the TypeScript loop then raises its error)', () => {
    const v = new Float32Array(4 * 8).fill(1e30);
    const g = new Float32Array(8 * 8).fill(1e30);
    expect(tiledWasmKernel(v, 4, 8, 8, g, 8, 8, 8, new Float32Array(32))).toBe(false);
  });

  it('the exponent table agrees with the full-scale formula on sampled floats', () => {
    const f = new Float32Array(1);
    for (let i = 0; i < 20000; i++) {
      f[0] = 2 ** (rng.uniform() * 160 - 40) * (1 + rng.uniform());
      expect(exponentFromTable(f[0]!)).toBe(fullScaleExponentOf(f[0]!) + 0); // + 0: ceil gives −0 for exponent 0
    }
    for (let e = -40; e < 120; e++)
      for (const w of [2 ** e, Math.fround(2 ** e * (1 + 2 ** -23)), Math.fround(2 ** (e + 1) * (1 - 2 ** -24))])
        expect(exponentFromTable(w)).toBe(fullScaleExponentOf(w) + 0);
  });
});

describe('mvm threads', () => {
  const rows = 300;
  const cols = 70;
  const batch = 257;
  const w = new Float64Array(rows * cols);
  rng.fillUniform(w, -1, 1);
  const x = random(batch * rows, 0.8);
  const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [128, 64] });
  it.each([
    ['ideal', { mode: 'ideal' as const }],
    ['tiled + 8-bit ADC', { mode: 'tiled' as const, adc: { bits: 8 } }],
    ['tiled', { mode: 'tiled' as const }],
  ])('%s: threads 1, 2 and 3 give bit-identical outputs', (_, options) => {
    const one = mvm(x, batch, mapped, { ...options, threads: 1 });
    expect(mvm(x, batch, mapped, { ...options, threads: 2 })).toEqual(one);
    expect(mvm(x, batch, mapped, { ...options, threads: 3 })).toEqual(one);
  });

  // A small batch (one block of 64 rows) is split by columns across threads; the products are large enough to be
  // threaded (2·m·k·n ≥ 2^24). Column groups must fall on 8-column panels and on tile columns (12 here: groups of 24).
  it.each([
    ['ideal (no ADC)', 9, 1024, 1000, 1024, 1000, 0],
    ['128×128 tiles + 8-bit ADC', 16, 1024, 1000, 128, 128, 8],
    ['100×12 tiles + 6-bit ADC, ragged last tile', 5, 1500, 1262, 100, 12, 6],
  ])(
    '%s, batch %i (column split): threads 1, 2, 3 bit-identical to the TypeScript loop',
    (_, b, r, c, tr, tc, bits) => {
      const v = random(b * r);
      const g = random(r * c, 1e-4);
      const expected = Array.from(reference(v, b, r, c, g, tr, tc, bits));
      for (const threads of [1, 2, 3]) {
        const out = new Float32Array(b * c);
        expect(tiledWasmKernel(v, b, r, c, g, tr, tc, bits, out, threads)).toBe(true);
        expect(Array.from(out)).toEqual(expected);
      }
    },
  );

  it.each([0, 1.5, 65, '2'])('rejects threads = %s', (threads) => {
    expect(() => mvm(x, batch, mapped, { mode: 'ideal', threads: threads as number })).toThrow(
      /`threads` must be an integer in \[1, 64\]/,
    );
  });
});

describe('read noise fused into the WebAssembly tile loop', () => {
  const rows = 300;
  const cols = 70;
  const batch = 37;
  const w = new Float64Array(rows * cols);
  rng.fillUniform(w, -1, 1);
  const x = random(batch * rows, 0.8);
  const mapped = initCrossbars({ rows, cols, data: w }, { model: VTEAM, tileShape: [128, 64] });
  const geff = new Float32Array(rows * cols);
  const a = mapped.crossbars[0]!.conductance;
  const b = mapped.crossbars[1]!.conductance;
  for (let i = 0; i < geff.length; i++) geff[i] = a[i]! - b[i]!;
  const std = mapped.crossbars.map((c) => c.conductance.map((g) => 0.03 * g));
  it.each([
    ['additive', { additive: 2e-6 }],
    ['additive + output', { additive: 2e-6, output: 1e-7 }],
    ['output only', { output: 1e-7 }],
    ['relative', { relative: 0.05 }],
    ['per-device σ + output', { deviceStd: std, output: 1e-7 }],
    ['per call, output', { relative: 0.05, output: 1e-7, draw: 'call' as const }],
    ['per call, device only (the packed matrix perturbed in the kernel)', { additive: 3e-6, draw: 'call' as const }],
  ] as [string, Omit<ReadNoise, 'rng'>][])(
    '%s: bit-identical to the TypeScript loop (threads 1 and 2), and the generator ends in the same state',
    (_, spec) => {
      for (const bits of [0, 8]) {
        const adc = bits === 0 ? null : adcConverter(checkAdc('test', { bits }));
        const run = (fused: boolean, threads: number) => {
          const noiseRng = createRng(11);
          const kernel = readNoiseKernel('test', { rng: noiseRng, ...spec }, mapped)!;
          expect(kernel.fused).not.toBeNull(); // every case above has a fused form
          const noise = fused ? kernel : { ...kernel, fused: null };
          const out = tiledKernel(
            x,
            batch,
            rows,
            cols,
            geff,
            128,
            64,
            adc,
            new Float32Array(batch * cols),
            noise,
            threads,
          );
          return { out: Array.from(out), state: noiseRng.state };
        };
        // The fused path is taken (not a silent fall-back to the loop).
        const probe = readNoiseKernel('test', { rng: createRng(11), ...spec }, mapped)!;
        const fused = probe.fused!;
        const out = new Float32Array(batch * cols);
        const add = fused === 'none' ? null : fused;
        expect(tiledWasmKernel(x, batch, rows, cols, geff, 128, 64, bits, out, 1, add, null, probe.perturbFused)).toBe(
          true,
        );
        const loop = run(false, 1);
        expect(run(true, 1)).toEqual(loop);
        expect(run(true, 2)).toEqual(loop);
      }
    },
  );
});

describe('worker pool crash safety', () => {
  it.each(['throw', 'exit'] as const)(
    'a worker that fails (%s) rejects the caller, and the next call works',
    (kind) => {
      expect(() => crashWorkerForTest(kind)).toThrow(/worker thread 0 failed/);
      const a = random(600 * 300);
      const b = random(300 * 200);
      expect(gemm(a, b, { m: 600, k: 300, n: 200 }, { threads: 2 })).toEqual(gemm(a, b, { m: 600, k: 300, n: 200 }));
    },
  );
});
