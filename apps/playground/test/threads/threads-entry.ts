// Page side of threads.test.ts: a tiled + 8-bit ADC read-out (and an ideal one) of a seeded 512×256 crossbar for a
// batch of 256 (and a passive read-out of a small one), on 1 thread and on the threads `startThreads` reports, with their times.
import { VTEAM } from '@memsim/devices';
import { initCrossbars, mvm, startThreads } from '@memsim/crossbar';

function values(n: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 16807) % 2147483647;
    a[i] = (s / 2147483647) * 2 - 1;
  }
  return a;
}

/** Runs the read-outs; `want` threads are asked of startThreads. */
async function runThreads(want: number): Promise<string> {
  const usable = await startThreads(want);
  const rows = 512;
  const cols = 256;
  const batch = 256;
  const mapped = initCrossbars({ rows, cols, data: values(rows * cols, 3) }, { model: VTEAM, tileShape: [128, 128] });
  const x = values(batch * rows, 7);
  const read = (threads: number, mode: 'tiled' | 'ideal') =>
    mvm(x, batch, mapped, mode === 'tiled' ? { mode, adc: { bits: 8 }, threads } : { mode, threads });
  const passive = (threads: number) => {
    const small = initCrossbars(
      { rows: 96, cols: 40, data: values(96 * 40, 5) },
      { model: VTEAM, tileShape: [32, 16] },
    );
    const v = values(16 * 96, 11);
    return mvm(v, 16, small, { mode: 'passive', sourceResistance: 1, lineResistance: 1, adc: { bits: 8 }, threads });
  };
  const timed = (threads: number) => {
    read(threads, 'tiled');
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) read(threads, 'tiled');
    return (performance.now() - t0) / 5;
  };
  return JSON.stringify({
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false,
    usable,
    tiled1: Array.from(read(1, 'tiled')),
    tiledN: Array.from(read(want, 'tiled')),
    ideal1: Array.from(read(1, 'ideal')),
    idealN: Array.from(read(want, 'ideal')),
    // Passive (wire resistance): a fresh crossbar per thread count, so each builds its own transfer matrices (the
    // pool's port-Schur op takes plan messages, which blocked browser workers never read: it runs on the caller).
    passive1: Array.from(passive(1)),
    passiveN: Array.from(passive(want)),
    ms1: timed(1),
    msN: timed(want),
  });
}

(globalThis as { runThreads?: typeof runThreads }).runThreads = runThreads;
