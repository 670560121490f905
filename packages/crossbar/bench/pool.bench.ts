// The worker pool's own overhead (issue 14, item 3 of the pool task): what one empty fork-join costs (caller posts
// the job, wakes the workers with Atomics.notify, waits on the done counter), and the 1 → 2 thread speed-up of GEMM
// shapes of the VGG convolutions, beside how many fork-joins each call makes. Wall and process CPU time are both
// reported (the machine may be shared: read the load average).
// Run: node --expose-gc --import tsx packages/crossbar/bench/pool.bench.ts
import { loadavg } from 'node:os';
import { createRng } from '@memsim/core';
import { reportFigure, timeMedian } from '@memsim/core/testing';
import { gemm } from '../src/index';
import { getPool, runJob } from '../src/threads/pool';

/** Seeded uniform entries in [−0.5, 0.5). */
function randomMatrix(length: number, seed: number): Float32Array {
  const x = new Float32Array(length);
  createRng(seed).fillUniform(x, -0.5, 0.5);
  return x;
}

const cpuOf = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1e6;
const load = (): string => loadavg()[0]!.toFixed(2);

function forkJoin(): void {
  const pool = getPool(1);
  if (pool === null) throw new Error('pool bench: no worker threads in this runtime');
  const jobs = 20_000;
  for (let i = 0; i < 1000; i++)
    runJob(
      pool,
      2,
      'noop',
      () => [],
      () => {},
    );
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < jobs; i++)
    runJob(
      pool,
      2,
      'noop',
      () => [],
      () => {},
    );
  const wall = (performance.now() - t0) / jobs;
  const cpu = cpuOf(process.cpuUsage(c0)) / jobs;
  reportFigure({
    name: 'crossbar::pool-fork-join-2-threads',
    value: wall * 1e3,
    unit: 'µs',
    reference: `load ${load()}`,
  });
  reportFigure({ name: 'crossbar::pool-fork-join-2-threads-cpu', value: cpu * 1e6, unit: 'µs CPU (both threads)' });
}

/** One VGG-like conv GEMM (im2col rows × patch × channels) on 1 and 2 threads: times, speed-up, identical output. */
function gemmShape(name: string, m: number, k: number, n: number): void {
  const a = randomMatrix(m * k, 1);
  const b = randomMatrix(k * n, 2);
  const out: Float32Array[] = [];
  const walls: number[] = [];
  for (const threads of [1, 2]) {
    out.push(gemm(a, b, { m, k, n }, { threads }));
    const c0 = process.cpuUsage();
    let calls = 0;
    const wall = timeMedian(
      () => {
        calls++;
        return gemm(a, b, { m, k, n }, { threads });
      },
      { minTimeMs: 500, minIterations: 3 },
    );
    const cpu = cpuOf(process.cpuUsage(c0)) / calls;
    walls.push(wall);
    reportFigure({
      name: `crossbar::pool-gemm-${name}-threads-${threads}`,
      value: wall * 1e3,
      unit: 'ms',
      reference: `${((2 * m * k * n) / wall / 1e9).toFixed(1)} GFLOP/s, ${(cpu * 1e3).toFixed(1)} CPU ms, load ${load()}`,
    });
  }
  reportFigure({
    name: `crossbar::pool-gemm-${name}-speedup-2-threads`,
    value: walls[0]! / walls[1]!,
    unit: '×',
    target: '≥ 1.7 (idle)',
  });
  if (!out[0]!.every((v, i) => Object.is(v, out[1]![i]))) throw new Error(`pool bench: ${name} differs on 2 threads`);
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
forkJoin();
gemmShape('conv64-16x32x32', 16 * 32 * 32, 9 * 64, 128);
gemmShape('conv256-16x8x8', 16 * 8 * 8, 9 * 256, 512);
gemmShape('1024', 1024, 1024, 1024);
