// Per-tile set-up of the passive read-out: the transfer matrix T of one tile (the currents of any input are then
// V·T), by the port-Schur path (multifrontal Schur complement onto the source ports, symbolic plan shared by every
// tile of a shape) against the per-vector path it replaced (factor the nodal matrix, then `cols` adjoint solves).
// Issue 14 target: ≤ 35 ms per 128×128 tile on one core (the whole VGG, ≈ 1 700 tiles, in < 60 s).
// Also the same 64 tiles over 1 and 2 threads. Wiring: source 1 Ω, line 1 Ω; conductances 1e-6 … 1e-4 S.
// Run: node --expose-gc --import tsx packages/crossbar/bench/passive-transfer.bench.ts
import { loadavg } from 'node:os';
import { reportFigure } from '@memsim/core/testing';
import { factorPassive, passiveTransfer } from '../src/index';
import { passiveTransferThreads } from '../src/passive/passive-transfer';

const WIRING = { sourceResistance: 1, lineResistance: 1 };

function conductances(length: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return 1e-6 + (1e-4 * s) / 2 ** 32;
  });
}

/** Median wall [ms] and mean process CPU [ms] of `runs` calls (each on fresh inputs from `make`). */
function measure<T>(runs: number, make: (r: number) => T, fn: (input: T) => unknown): { wall: number; cpu: number } {
  const walls: number[] = [];
  let cpu = 0;
  for (let r = 0; r < runs; r++) {
    const input = make(r);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn(input);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1e3;
  }
  walls.sort((a, b) => a - b);
  return { wall: walls[Math.floor(runs / 2)]!, cpu: cpu / runs };
}

console.log(`machine load ${loadavg().map((l) => l.toFixed(2))} (1/5/15-min averages, 2 cores)`);
for (const size of [32, 64, 128, 256]) {
  const s = `${size}x${size}`;
  const tile = (r: number) => ({ rows: size, cols: size, conductance: conductances(size * size, r + 1), version: 0 });
  // The first tile of a shape also builds the shared plan (ordering, elimination tree, supernodes, index maps).
  const first = measure(1, tile, (x) => passiveTransfer(x, WIRING));
  const runs = size >= 256 ? 3 : 9;
  const next = measure(
    runs,
    (r) => tile(r + 100),
    (x) => passiveTransfer(x, WIRING),
  );
  const old = measure(
    size >= 256 ? 1 : 3,
    (r) => tile(r + 200),
    (x) =>
      factorPassive({ rows: size, cols: size, data: x.conductance }, WIRING).solveBatch(
        new Float64Array(size * size),
        size,
      ),
  );
  reportFigure({
    name: `crossbar::passive-tile-setup-${s}`,
    value: next.wall,
    unit: 'ms',
    ...(size === 128 ? { target: '≤ 35' } : {}),
  });
  reportFigure({ name: `crossbar::passive-tile-setup-${s}-cpu`, value: next.cpu, unit: 'cpu-ms' });
  reportFigure({ name: `crossbar::passive-tile-setup-${s}-old`, value: old.wall, unit: 'ms' });
  reportFigure({ name: `crossbar::passive-tile-setup-${s}-old-cpu`, value: old.cpu, unit: 'cpu-ms' });
  reportFigure({ name: `crossbar::passive-tile-plan-${s}`, value: first.wall - next.wall, unit: 'ms' });
}
// 64 tiles of 128×128 (one 1024×1024 array) over 1 and 2 threads; CPU is the whole process (caller + workers).
const big = { rows: 1024, cols: 1024, tileShape: [128, 128] as [number, number] };
const g = conductances(1024 * 1024, 9);
const perThreads: Record<number, number> = {};
for (const threads of [1, 2]) {
  const run = measure(
    3,
    () => ({ ...big, conductance: g, version: 0 }),
    (x) => passiveTransferThreads(x, WIRING, threads),
  );
  perThreads[threads] = run.wall;
  reportFigure({ name: `crossbar::passive-64-tiles-128-threads-${threads}`, value: run.wall / 1e3, unit: 's' });
  reportFigure({ name: `crossbar::passive-64-tiles-128-threads-${threads}-cpu`, value: run.cpu / 1e3, unit: 'cpu-s' });
}
reportFigure({
  name: 'crossbar::passive-64-tiles-speedup-2-threads',
  value: perThreads[1]! / perThreads[2]!,
  unit: '×',
});
console.log(`machine load at the end ${loadavg().map((l) => l.toFixed(2))}`);
