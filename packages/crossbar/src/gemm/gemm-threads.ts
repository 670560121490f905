// MODULES //

import { type PartArguments, getPool, partBounds, runJob } from '../threads/pool';
import type { PanelRunner, WasmKernel } from './gemm-wasm';

// MAIN //

/**
 * The shared-memory kernel and a runner that splits the panels of each chunk over the caller and `threads − 1`
 * workers (rows when there are enough row panels, columns otherwise), or null when threads are unavailable.
 * Every output element is still summed by one thread in order 0…k−1, so results do not depend on `threads`.
 */
export function threadedKernel(threads: number): { kernel: WasmKernel; run: PanelRunner } | null {
  const p = getPool(threads - 1);
  if (p === null) return null;
  const run: PanelRunner = (kernel, { pa, pb, pc, k, mPanels, nPanels, ldc }) => {
    const byRows = mPanels >= 2 * threads || mPanels >= nPanels;
    const total = byRows ? mPanels : nPanels;
    const parts: PartArguments = (t, count) => {
      const [s, e] = partBounds(total, t, count);
      if (s >= e) return null;
      return byRows ? [pa, pb, pc, k, s, e, 0, nPanels, ldc] : [pa, pb, pc, k, 0, mPanels, s, e, ldc];
    };
    runJob(p, threads, 'gemm', parts, (w) =>
      kernel.gemmPanels(w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!, w[8]!),
    );
  };
  return { kernel: p.kernel, run };
}

/**
 * The shared-memory kernel and a runner for the tiled read-out (`tiledPanels`): `words(t, parts)` gives each of the
 * caller and `threads − 1` workers its arguments (the caller hands out blocks of row panels through a shared counter:
 * each row's partial sums, ADC and digital sum stay on one thread, so results do not depend on `threads`); null when
 * threads are unavailable.
 */
export function threadedTiledKernel(
  threads: number,
): { kernel: WasmKernel; run: (words: (t: number, parts: number) => number[] | null) => void } | null {
  const p = getPool(threads - 1);
  if (p === null) return null;
  return {
    kernel: p.kernel,
    run: (words) =>
      runJob(p, threads, 'tiled', words, (w) => p.kernel.tiledPanels(...(w as Parameters<WasmKernel['tiledPanels']>))),
  };
}

/** Test hook: runs a job in which worker 0 throws (`'throw'`) or exits (`'exit'`); the caller must be rejected. */
export function crashWorkerForTest(kind: 'throw' | 'exit', threads = 2): void {
  const p = getPool(threads - 1);
  if (p === null) throw new Error('crashWorkerForTest: no worker threads in this runtime');
  runJob(
    p,
    threads,
    kind === 'throw' ? 'throw-for-test' : 'exit-for-test',
    (t) => (t === 1 ? [] : null),
    () => {},
  );
}
