import type { SweepPoint } from '../experiments/definitions';
import type { WorkerSetup } from '../experiments/executor';
import { TrialPool, type TrialOutcome } from '../experiments/trial-pool';

/** One trial's outcome from a thread. */
export type ThreadResult = TrialOutcome;

/**
 * Threads that each run one trial at a time with the engine of a local `--workers` run (the same piscina
 * {@link TrialPool} and `experiment-worker` entry: one TensorFlow.js backend per thread, model and data kept between
 * trials). Trials run off the main thread, so a queue worker keeps renewing its BullMQ locks during a long trial.
 * A thread that dies fails only its own trial (the queue retries it) and is replaced.
 */
export class TrialThreads {
  private readonly pool: TrialPool;

  /** `size` threads, started on first use (a worker that only ever sees no-op benchmark jobs starts none). */
  constructor(size: number) {
    this.pool = new TrialPool(size);
  }

  /**
   * Runs one trial on a free thread (one in-layer GEMM thread: the queue's concurrency is the parallelism).
   *
   * @throws {MemsimError} or Error naming the trial, with its own message, when it throws or its thread dies.
   */
  async run(setup: WorkerSetup, point: SweepPoint, seed: number): Promise<ThreadResult> {
    return this.pool.run({ setup, index: 0, point, seed, threads: 1 });
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}
