// Passive crossbar benchmarks: set-up (factor) and per-vector time, batch of 64, peak memory, 32×32 … 512×512, and
// the measured comparison that chose the solver: sparse Cholesky (nested dissection, factor once) against a
// matrix-free preconditioned conjugate gradient (line-tridiagonal block-Jacobi preconditioner) written here.
// Targets (issue 6): 128×128 set-up < 0.3 s, per vector < 5 ms; 256×256 set-up < 2 s; batch 64 on 128×128 < 0.3 s.
// MemTorch 1.1.6 (golden perf_main.json, C++ Eigen SparseLU float32, factor + solve per call): 32: 0.0059 s,
// 64: 0.027 s, 128: 0.155 s; its pure-Python path 0.28 / 2.5 / 24 s.
// Run: node --expose-gc --import tsx packages/crossbar/bench/passive.bench.ts
import { loadavg } from 'node:os';
import { reportFigure, rssMegabytes, timeMedian } from '@memsim/core/testing';
import { factorPassive, type PassiveFactorization } from '../src/index';

const RS = 5;
const RL = 5;
const MEMTORCH: Record<number, string> = { 32: '0.0059 s', 64: '0.027 s', 128: '0.155 s' };

function conductances(m: number, n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: m * n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return 1e-3 + (9e-3 * s) / 2 ** 32;
  });
}

/** Wall seconds (median) and CPU seconds per call over the same runs. */
function time<T>(fn: () => T, minTimeMs: number, minIterations: number): { wall: number; cpu: number; result: T } {
  let result = fn();
  let calls = 0;
  const c0 = process.cpuUsage();
  const wall = timeMedian(
    () => {
      calls++;
      result = fn();
      return result;
    },
    { minTimeMs, minIterations },
  );
  const cu = process.cpuUsage(c0);
  return { wall, cpu: (cu.user + cu.system) / 1e6 / calls, result };
}

// --- PCG baseline (matrix-free, regular wiring only: source, line > 0) ---
interface Pcg {
  solve(v: Float64Array): { currents: Float64Array; iterations: number };
}
function setupPcg(g: Float64Array, m: number, n: number, rs: number, rl: number): Pcg {
  const gs = 1 / rs;
  const gl = 1 / rl;
  const mn = m * n;
  // Thomas-algorithm factors of each word line (length n) and bit line (length m) tridiagonal block.
  const wd = new Float64Array(mn);
  const bd = new Float64Array(mn);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      const c = i * n + j;
      wd[c] = g[c]! + gl * ((j > 0 ? 1 : 0) + (j < n - 1 ? 1 : 0)) + (j === 0 ? gs : 0);
      bd[c] = g[c]! + gl * ((i > 0 ? 1 : 0) + (i < m - 1 ? 1 : 0)) + (i === m - 1 ? gs : 0);
    }
  const wPivot = new Float64Array(mn);
  const bPivot = new Float64Array(mn);
  for (let i = 0; i < m; i++) {
    let p = wd[i * n]!;
    wPivot[i * n] = p;
    for (let j = 1; j < n; j++) wPivot[i * n + j] = p = wd[i * n + j]! - (gl * gl) / p;
  }
  for (let j = 0; j < n; j++) {
    let p = bd[j]!;
    bPivot[j] = p;
    for (let i = 1; i < m; i++) bPivot[i * n + j] = p = bd[i * n + j]! - (gl * gl) / p;
  }
  const apply = (x: Float64Array, y: Float64Array): void => {
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const c = i * n + j;
        let w = wd[c]! * x[c]! - g[c]! * x[mn + c]!;
        if (j > 0) w -= gl * x[c - 1]!;
        if (j < n - 1) w -= gl * x[c + 1]!;
        y[c] = w;
        let b = bd[c]! * x[mn + c]! - g[c]! * x[c]!;
        if (i > 0) b -= gl * x[mn + c - n]!;
        if (i < m - 1) b -= gl * x[mn + c + n]!;
        y[mn + c] = b;
      }
  };
  const precondition = (r: Float64Array, z: Float64Array): void => {
    for (let i = 0; i < m; i++) {
      const o = i * n;
      z[o] = r[o]!;
      for (let j = 1; j < n; j++) z[o + j] = r[o + j]! + (gl * z[o + j - 1]!) / wPivot[o + j - 1]!;
      z[o + n - 1] = z[o + n - 1]! / wPivot[o + n - 1]!;
      for (let j = n - 2; j >= 0; j--) z[o + j] = (z[o + j]! + gl * z[o + j + 1]!) / wPivot[o + j]!;
    }
    for (let j = 0; j < n; j++) {
      z[mn + j] = r[mn + j]!;
      for (let i = 1; i < m; i++)
        z[mn + i * n + j] = r[mn + i * n + j]! + (gl * z[mn + (i - 1) * n + j]!) / bPivot[(i - 1) * n + j]!;
      z[mn + (m - 1) * n + j] = z[mn + (m - 1) * n + j]! / bPivot[(m - 1) * n + j]!;
      for (let i = m - 2; i >= 0; i--)
        z[mn + i * n + j] = (z[mn + i * n + j]! + gl * z[mn + (i + 1) * n + j]!) / bPivot[i * n + j]!;
    }
  };
  const N = 2 * mn;
  const x = new Float64Array(N);
  const r = new Float64Array(N);
  const z = new Float64Array(N);
  const p = new Float64Array(N);
  const q = new Float64Array(N);
  return {
    solve(v: Float64Array) {
      x.fill(0);
      r.fill(0);
      for (let i = 0; i < m; i++) r[i * n] = gs * v[i]!;
      let bnorm = 0;
      for (let k = 0; k < N; k++) bnorm += r[k]! * r[k]!;
      precondition(r, z);
      p.set(z);
      let rz = 0;
      for (let k = 0; k < N; k++) rz += r[k]! * z[k]!;
      let iterations = 0;
      for (; iterations < 10_000; iterations++) {
        let rr = 0;
        for (let k = 0; k < N; k++) rr += r[k]! * r[k]!;
        if (rr <= 1e-24 * bnorm) break;
        apply(p, q);
        let pq = 0;
        for (let k = 0; k < N; k++) pq += p[k]! * q[k]!;
        const alpha = rz / pq;
        for (let k = 0; k < N; k++) {
          x[k]! += alpha * p[k]!;
          r[k]! -= alpha * q[k]!;
        }
        precondition(r, z);
        let rzNew = 0;
        for (let k = 0; k < N; k++) rzNew += r[k]! * z[k]!;
        const beta = rzNew / rz;
        rz = rzNew;
        for (let k = 0; k < N; k++) p[k] = z[k]! + beta * p[k]!;
      }
      const currents = new Float64Array(n);
      for (let c = 0; c < mn; c++) currents[c % n]! += g[c]! * (x[c]! - x[mn + c]!);
      return { currents, iterations };
    },
  };
}

console.log(
  `machine load ${loadavg()[0]!.toFixed(2)} (1-min average, 2 cores); wiring: sourceResistance ${RS} Ω, lineResistance ${RL} Ω`,
);
const table: string[][] = [
  [
    'size',
    'set-up [s]',
    'set-up [cpu-s]',
    'per vector, full solve [ms]',
    'batch 64, fresh factor [s]',
    'transfer build [s]',
    'per vector, steady [ms]',
    'factor [MB]',
    'peak RSS [MB]',
    'PCG iters',
    'PCG per vector [ms]',
  ],
];
for (const size of [32, 64, 128, 256, 512]) {
  globalThis.gc?.();
  let peak = rssMegabytes();
  const g = conductances(size, size, size);
  const G = { rows: size, cols: size, data: g };
  const options = { sourceResistance: RS, lineResistance: RL };
  const big = size >= 256;
  const setup = time(() => factorPassive(G, options), big ? 0 : 1000, big ? 1 : 3);
  peak = Math.max(peak, rssMegabytes());
  const f: PassiveFactorization = setup.result;
  const v = conductances(size, 1, 7).map((x) => x * 100);
  // Full nodal solve per vector (returnCellVoltages forces it even after the transfer matrix exists).
  const vector = time(() => f.solve(v, undefined, { returnCellVoltages: true }).currents, big ? 300 : 500, 3);
  // Batch of 64 on a fresh factor (what a first forward pass pays): direct solves below `cols` vectors, otherwise
  // the transfer matrix is built first (its cost equals `cols` solves). Fresh factors are made outside the timing.
  const batchV = conductances(64 * size, 1, 8).map((x) => x * 100);
  const freshBatch = (() => {
    const runs = big ? 1 : 3;
    const walls: number[] = [];
    let cpu = 0;
    let result: Float64Array = new Float64Array(0);
    for (let r = 0; r < runs; r++) {
      const fresh = factorPassive(G, options);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      result = fresh.solveBatch(batchV, 64);
      walls.push((performance.now() - t0) / 1000);
      const cu = process.cpuUsage(c0);
      cpu += (cu.user + cu.system) / 1e6;
    }
    walls.sort((a, b) => a - b);
    return { wall: walls[Math.floor(walls.length / 2)]!, cpu: cpu / runs, result };
  })();
  peak = Math.max(peak, rssMegabytes());
  // Transfer-matrix build: `cols` vectors on a fresh factor (build + one product per vector).
  const fresh = factorPassive(G, options);
  const unit = new Float64Array(size * size);
  const t0 = performance.now();
  fresh.solveBatch(unit, size);
  const build = (performance.now() - t0) / 1000;
  const steady = time(() => fresh.solveBatch(batchV, 64), 300, 3);
  peak = Math.max(peak, rssMegabytes());
  // Result checks (outside the timed regions): steady (transfer) and fresh (direct or transfer) batches agree
  // with a full solve of row 0.
  const single = f.solve(batchV.subarray(0, size), undefined, { returnCellVoltages: true }).currents;
  for (let j = 0; j < size; j++) {
    const tol = 1e-11 * Math.abs(single[j]!);
    if (Math.abs(freshBatch.result[j]! - single[j]!) > tol || Math.abs(steady.result[j]! - single[j]!) > tol)
      throw new Error('passive bench: batch != single');
  }
  const pcg = setupPcg(g, size, size, RS, RL);
  const pcgRun = time(() => pcg.solve(v), big ? 0 : 300, big ? 1 : 3);
  const cholesky = vector.result;
  let diff = 0;
  let mx = 0;
  for (let j = 0; j < size; j++) {
    diff = Math.max(diff, Math.abs(pcgRun.result.currents[j]! - cholesky[j]!));
    mx = Math.max(mx, Math.abs(cholesky[j]!));
  }
  if (diff > 1e-8 * mx) throw new Error(`passive bench: PCG and Cholesky differ by ${diff / mx} relative`);
  const factorMb = (f.factorNonZeros * 12) / 2 ** 20;
  const s = `${size}x${size}`;
  reportFigure({
    name: `crossbar::passive-setup-${s}`,
    value: setup.wall,
    unit: 's',
    ...(size === 128 ? { target: '< 0.3' } : size === 256 ? { target: '< 2' } : {}),
    ...(MEMTORCH[size] ? { reference: `${MEMTORCH[size]} factor+solve` } : {}),
  });
  reportFigure({ name: `crossbar::passive-setup-${s}-cpu`, value: setup.cpu, unit: 'cpu-s' });
  reportFigure({
    name: `crossbar::passive-per-vector-full-solve-${s}`,
    value: vector.wall * 1e3,
    unit: 'ms',
    ...(size === 128 ? { target: '< 5' } : {}),
  });
  reportFigure({ name: `crossbar::passive-per-vector-full-solve-${s}-cpu`, value: vector.cpu * 1e3, unit: 'cpu-ms' });
  reportFigure({
    name: `crossbar::passive-batch64-fresh-${s}`,
    value: freshBatch.wall,
    unit: 's',
    ...(size === 128 ? { target: '< 0.3' } : {}),
  });
  reportFigure({ name: `crossbar::passive-batch64-fresh-${s}-cpu`, value: freshBatch.cpu, unit: 'cpu-s' });
  reportFigure({ name: `crossbar::passive-transfer-build-${s}`, value: build, unit: 's' });
  reportFigure({ name: `crossbar::passive-per-vector-steady-${s}`, value: (steady.wall / 64) * 1e3, unit: 'ms' });
  reportFigure({ name: `crossbar::passive-factor-memory-${s}`, value: factorMb, unit: 'MB' });
  reportFigure({ name: `crossbar::passive-peak-rss-${s}`, value: peak, unit: 'MB' });
  reportFigure({ name: `crossbar::passive-pcg-per-vector-${s}`, value: pcgRun.wall * 1e3, unit: 'ms' });
  reportFigure({ name: `crossbar::passive-pcg-iterations-${s}`, value: pcgRun.result.iterations, unit: 'iterations' });
  table.push([
    s,
    setup.wall.toPrecision(3),
    setup.cpu.toPrecision(3),
    (vector.wall * 1e3).toPrecision(3),
    freshBatch.wall.toPrecision(3),
    build.toPrecision(3),
    ((steady.wall / 64) * 1e3).toPrecision(3),
    factorMb.toPrecision(3),
    peak.toFixed(0),
    String(pcgRun.result.iterations),
    (pcgRun.wall * 1e3).toPrecision(3),
  ]);
}
console.log('');
for (const row of table) console.log(`| ${row.join(' | ')} |`);
