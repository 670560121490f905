// GEMM benchmarks: 1024³ float32 GFLOP/s per backend (target ≥ 20 on one core for wasm) and two-thread scaling.
// For comparison (measured on an idle machine): tfjs-wasm 24, onnxruntime-web 21.5, AssemblyScript 4×8 kernel 29–32
// (51–52 with two workers). `…-per-cpu-second` divides by the process CPU time, which stays meaningful when other
// processes share the cores.
// Run: node --expose-gc --import tsx packages/crossbar/bench/gemm.bench.ts
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { type GemmBackend, gemm, gemmBackend } from '../src/index';

function randomMatrix(length: number, seed: number): Float32Array {
  const x = new Float32Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    x[i] = s / 2 ** 32 - 0.5;
  }
  return x;
}

/** Wall and CPU seconds per call (median of wall; CPU over the same runs), result checked outside the timed region. */
function time(fn: () => Float32Array, minTimeMs: number): { wall: number; cpu: number } {
  fn();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let calls = 0;
  const wall = timeMedian(
    () => {
      calls++;
      return fn();
    },
    { minTimeMs, minIterations: 3 },
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(c0);
  const cpu = (cu.user + cu.system) / 1e6 / calls;
  return { wall, cpu: Math.min(cpu, elapsed / calls) > 0 ? cpu : wall };
}

function checkAgainstTs(got: Float32Array, a: Float32Array, b: Float32Array, m: number, k: number, n: number): void {
  const ref = gemm(a, b, { m, k, n }, { backend: 'ts' });
  for (let i = 0; i < ref.length; i++) if (got[i] !== ref[i]) throw new Error(`gemm bench: backends differ at ${i}`);
}

console.log(
  `default backend: ${gemmBackend()}; machine load ${(await import('node:os')).loadavg()[0]!.toFixed(2)} (1-min average)`,
);
const N = 1024;
const flops = 2 * N * N * N;
const a = randomMatrix(N * N, 1);
const b = randomMatrix(N * N, 2);
const out = new Float32Array(N * N);
const backends: GemmBackend[] = gemmBackend() === 'wasm' ? ['wasm', 'ts'] : ['ts'];
for (const backend of backends) {
  const t = time(() => gemm(a, b, { m: N, k: N, n: N }, { out, backend }), backend === 'wasm' ? 2000 : 500);
  checkAgainstTs(out, a, b, N, N, N);
  reportFigure({
    name: `crossbar::gemm-${backend}-1024`,
    value: flops / t.wall / 1e9,
    unit: 'GFLOP/s',
    ...(backend === 'wasm' ? { target: '>= 20 (one core)' } : {}),
  });
  reportFigure({
    name: `crossbar::gemm-${backend}-1024-per-cpu-second`,
    value: flops / t.cpu / 1e9,
    unit: 'GFLOP/cpu-s',
  });
}
if (gemmBackend() === 'wasm') {
  const one = time(() => gemm(a, b, { m: N, k: N, n: N }, { out, threads: 1 }), 2000).wall;
  const two = time(() => gemm(a, b, { m: N, k: N, n: N }, { out, threads: 2 }), 2000).wall;
  checkAgainstTs(out, a, b, N, N, N);
  reportFigure({ name: 'crossbar::gemm-wasm-1024-2threads', value: flops / two / 1e9, unit: 'GFLOP/s' });
  reportFigure({
    name: 'crossbar::gemm-wasm-1024-2thread-speedup',
    value: one / two,
    unit: '×',
    target: '≈ 1.6–2 on an idle 2-core machine',
  });
  // A batch-of-inputs shape typical of mvm: 256 × 1024 · 1024 × 1024.
  const m = 256;
  const am = randomMatrix(m * N, 3);
  const om = new Float32Array(m * N);
  const oneB = time(() => gemm(am, b, { m, k: N, n: N }, { out: om, threads: 1 }), 1000).wall;
  const twoB = time(() => gemm(am, b, { m, k: N, n: N }, { out: om, threads: 2 }), 1000).wall;
  reportFigure({ name: 'crossbar::gemm-wasm-256x1024x1024', value: (2 * m * N * N) / oneB / 1e9, unit: 'GFLOP/s' });
  reportFigure({ name: 'crossbar::gemm-wasm-256x1024x1024-2thread-speedup', value: oneB / twoB, unit: '×' });
}
