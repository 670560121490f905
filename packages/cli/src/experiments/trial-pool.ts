// The CLI's trial worker pool, on piscina (issue 19: a well-kept pool library instead of a home-made one).
//
// Each worker thread has its own TensorFlow.js backend (tfjs-wasm has no threads in Node, so the parallelism is one
// backend per thread) and keeps its model and data between trials. piscina queues the trials, replaces a worker
// that dies, and rejects the task that was running on it; this file turns that into an error naming the trial.
// The in-layer GEMM threads of @memsim/crossbar stay home-made: tfjs calls a layer synchronously and a pool
// library's tasks are asynchronous (see crossbar's README); both draw on one `--threads` budget (threadShare).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemsimError } from '@memsim/core';
import { Piscina } from 'piscina';
import type { SweepPoint } from './definitions';
import type { WorkerMessage, WorkerSetup } from './executor';
import type { TrialTiming } from './simulate';

/** One trial as sent to a worker thread. */
export interface TrialTaskMessage {
  setup: WorkerSetup;
  index: number;
  point: SweepPoint;
  seed: number;
  /** In-layer GEMM threads of this trial (its share of the budget). */
  threads: number;
}

/** A finished trial. */
export interface TrialOutcome {
  accuracy: number;
  failure?: string;
  timing: TrialTiming;
}

/**
 * The worker module: the bundled `experiment-worker.js` beside dist, or (running from source, in tests) a small
 * ESM bootstrap that registers tsx in the worker and re-exports the TypeScript handler.
 */
export function trialWorkerFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'experiment-worker.js');
  if (existsSync(bundled)) return bundled;
  const bootstrap = join(here, 'worker-bootstrap.mjs');
  if (existsSync(bootstrap)) return bootstrap;
  return join(here, '..', 'dist', 'experiment-worker.js');
}

/**
 * In-layer threads per trial when `workers` trials share a budget of `threads`: each gets an equal share, at least
 * one (the budget is never multiplied: 2 workers on a budget of 2 read on one thread each).
 */
export function threadShare(threads: number, workers: number): number {
  return Math.max(1, Math.floor(threads / Math.max(1, workers)));
}

/** Names a trial in error messages. */
function trialName(task: Pick<TrialTaskMessage, 'index' | 'point' | 'seed'>): string {
  return `trial ${task.index} (point ${JSON.stringify(task.point)}, seed ${task.seed})`;
}

/**
 * A pool of `size` trial worker threads. A trial that throws rejects with its own message; a worker that dies
 * (exit, crash, out of memory) rejects the trial it was running with an error naming that trial and the cause,
 * and piscina starts a fresh worker for the next one. Nothing waits on a dead worker, so there is no hang.
 */
export class TrialPool {
  readonly size: number;
  private readonly filename: string;
  private pool: Piscina | null = null;

  /** `filename` replaces the trial worker module (tests use a crashing one). */
  constructor(size: number, options: { filename?: string } = {}) {
    this.size = size;
    this.filename = options.filename ?? trialWorkerFile();
  }

  private piscina(): Piscina {
    if (this.pool === null)
      this.pool = new Piscina({
        filename: this.filename,
        minThreads: this.size,
        maxThreads: this.size,
        // Workers keep their backend, model and data for the whole session.
        idleTimeout: Number.POSITIVE_INFINITY,
        // The handler is async (tfjs); let the worker's event loop run between tasks.
        atomics: 'disabled',
      });
    return this.pool;
  }

  /**
   * Runs one trial on a free worker.
   *
   * @throws {MemsimError} naming the trial when its worker died or its simulation threw (a memsim error keeps its
   *   message after the trial name).
   */
  async run(task: TrialTaskMessage, signal?: AbortSignal): Promise<TrialOutcome> {
    let message: WorkerMessage;
    try {
      message = await this.piscina().run(task, signal === undefined ? {} : { signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new MemsimError(`${trialName(task)} failed: its worker thread died (${(error as Error).message})`);
    }
    if (message.type === 'error')
      throw message.memsim
        ? new MemsimError(`${trialName(task)} failed: ${message.message}`)
        : new Error(`${trialName(task)} failed: ${message.message}`);
    if (message.type !== 'result') throw new Error(`${trialName(task)}: unexpected message from its worker`);
    return {
      accuracy: message.accuracy,
      timing: message.timing,
      ...(message.failure !== undefined ? { failure: message.failure } : {}),
    };
  }

  /** Stops every worker (queued trials are rejected). */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.destroy();
  }
}
