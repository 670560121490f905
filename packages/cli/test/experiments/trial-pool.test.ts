import { fileURLToPath } from 'node:url';
import { MemsimError } from '@memsim/core';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/index';
import type { WorkerSetup } from '../../src/experiments/executor';
import { threadShare } from '../../src/experiments/trial-pool';

const crashWorker = fileURLToPath(new URL('../fixtures/workers/crash-worker.mjs', import.meta.url));
const setup: WorkerSetup = { experiment: 'faults', modelDir: 'unused', data: { limit: 1 } };
const task = (index: number) => ({ index, point: { p: index }, repetition: 0, seed: 100 + index });

describe('trial worker pool (piscina) with a really crashing worker', () => {
  it('a worker that exits rejects its trial with an error naming the trial; the sweep stops, nothing hangs', async () => {
    const pool = new WorkerPool(2, { filename: crashWorker, threads: 2 });
    try {
      const got: number[] = [];
      const run = pool.executor(setup).run([0, 1, 2, 3, 5, 6, 7, 8].map(task), (t, r) => {
        expect(r.accuracy).toBe(t.index / 10);
        got.push(t.index);
      });
      const error = await run.then(
        () => null,
        (e: unknown) => e,
      );
      expect(MemsimError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(
        /^trial 2 \(point \{"p":2\}, seed 102\) failed: its worker thread died \(.*exit.*3.*\)/,
      );
      // Results that arrived before the crash were delivered; the queued trials were cancelled (sweep stops).
      expect(got.includes(2)).toBe(false);
      expect(got.length).toBeLessThan(7);
      // The dead worker was replaced: the same pool runs the next sweep.
      const again: number[] = [];
      await pool.executor(setup).run([0, 1, 3].map(task), (t) => again.push(t.index));
      expect(again.sort()).toEqual([0, 1, 3]);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('an uncaught error in a worker rejects only its trial, naming it and the cause', async () => {
    const pool = new WorkerPool(1, { filename: crashWorker, threads: 1 });
    try {
      await expect(pool.executor(setup).run([task(4)], () => undefined)).rejects.toThrow(
        /^trial 4 \(point \{"p":4\}, seed 104\) failed: its worker thread died \(uncaught in the worker\)/,
      );
      const again: number[] = [];
      await pool.executor(setup).run([task(1)], (t) => again.push(t.index));
      expect(again).toEqual([1]);
    } finally {
      await pool.close();
    }
  }, 30_000);

  it('one thread budget: each of w trials gets floor(threads / w) in-layer threads, at least one', () => {
    for (const threads of [1, 2, 3, 4, 8])
      for (const workers of [1, 2, 3, 4]) {
        const share = threadShare(threads, workers);
        expect(share).toBeGreaterThanOrEqual(1);
        if (threads >= workers) expect(share * workers).toBeLessThanOrEqual(threads);
        else expect(share).toBe(1);
      }
    expect(new WorkerPool(2, { filename: crashWorker, threads: 2 }).threadsPerTrial).toBe(1);
    expect(new WorkerPool(2, { filename: crashWorker, threads: 6 }).threadsPerTrial).toBe(3);
  });
});
