import * as crossbar from '@memsim/crossbar';
import type { Dataset, LoadDatasetOptions } from '../data/dataset';
import type { tf } from '../tf/backend';
import { getExperiment } from './definitions';
import type { TrialExecutor, TrialTask } from './runner';
import { type MeasuredSource, withMeasured } from './measured-source';
import { type TrialResult, simulateTrial } from './simulate';
import { TrialPool, threadShare } from './trial-pool';

/**
 * Runs trials one after another in this thread.
 *
 * @example
 * const data = loadDataset({ split: 'test', limit: 50 });
 * const network = await loadNetwork({ arch: 'mlp' }, data);
 * const executor = createInProcessExecutor('variability', network.model, data); // runs trials in this thread
 */
export function createInProcessExecutor(
  experiment: string,
  model: tf.LayersModel,
  data: Dataset,
  measured?: MeasuredSource,
  threads?: number,
): TrialExecutor {
  const def = getExperiment(experiment);
  return {
    workers: 1,
    async run(tasks, onResult) {
      for (const task of tasks) {
        const spec = withMeasured(def.hardware(task.point), measured);
        const r = await simulateTrial(model, spec, task.seed, data, threads === undefined ? {} : { threads });
        onResult(task, r);
      }
    },
  };
}

/**
 * What a worker needs to rebuild the trial context on its own thread.
 *
 * @example
 * // (typechecked, not run: starts worker threads)
 * const setup: WorkerSetup = { experiment: 'variability', modelDir: shippedModelDirectory('cnn'), data: { split: 'test', limit: 1000 } };
 * const executor = createWorkerExecutor(setup, 2); // each worker loads the model and the data itself
 */
export interface WorkerSetup {
  experiment: string;
  modelDir: string;
  data: LoadDatasetOptions & { start?: number };
  /** A measured device replacing the study's (`--measured`). */
  measured?: MeasuredSource;
}

/** Message from a worker. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; index: number; accuracy: number; failure?: string; timing: TrialResult['timing'] }
  | { type: 'error'; message: string; memsim: boolean };

/**
 * A pool of trial worker threads (piscina, see `TrialPool`), each with its own TensorFlow.js backend (tfjs-wasm
 * has no threads in Node, so parallelism is one backend per thread). Workers start once and keep their model and
 * data between sweeps (they reload only when the setup changes), so a tour of several experiments pays the
 * start-up once. `threads` is the whole thread budget: each trial's layers get `threads / size` GEMM threads (at
 * least one).
 *
 * When a trial fails (its simulation throws, or its worker thread dies) the sweep stops: the queued trials are
 * cancelled, `run` rejects with an error naming the failed trial, and the trials that finished are already in the
 * CSV (a re-run resumes after them). A dead worker is replaced, so the pool stays usable.
 * @example
 * // (typechecked, not run: starts worker threads)
 * const pool = new WorkerPool(2);
 * const executor = pool.executor({ experiment: 'faults', modelDir: shippedModelDirectory('cnn'), data: { limit: 1000 } });
 * await pool.close();
 */
export class WorkerPool {
  readonly size: number;
  /** In-layer threads of each trial (its share of the budget). */
  readonly threadsPerTrial: number;
  private readonly pool: TrialPool;

  /** `size` workers sharing a budget of `threads` (default: the available cores); `filename` is for tests. */
  constructor(size: number, options: { threads?: number; filename?: string } = {}) {
    this.size = size;
    this.threadsPerTrial = threadShare(options.threads ?? crossbar.defaultThreads(), size);
    this.pool = new TrialPool(size, options.filename === undefined ? {} : { filename: options.filename });
  }

  /** An executor that runs trials of `setup` on this pool. */
  executor(setup: WorkerSetup): TrialExecutor {
    return {
      workers: this.size,
      run: async (tasks, onResult) => {
        if (tasks.length === 0) return;
        const stop = new AbortController();
        let first: unknown = null;
        await Promise.all(
          tasks.map(async (task) => {
            try {
              const message = { setup, index: task.index, point: task.point, seed: task.seed };
              const r = await this.pool.run({ ...message, threads: this.threadsPerTrial }, stop.signal);
              if (first === null) onResult(task, r);
            } catch (error) {
              if (first !== null) return; // a trial cancelled after the first failure
              first = error;
              stop.abort();
            }
          }),
        );
        if (first !== null) throw first;
      },
    };
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await this.pool.close();
  }
}

/**
 * Runs trials on `workers` worker threads (a {@link WorkerPool} closed at the end of each run). Each trial depends
 * only on its seed, so results do not depend on the number of workers.
 * @example
 * // (typechecked, not run: starts worker threads)
 * const executor = createWorkerExecutor(
 *   { experiment: 'variability', modelDir: shippedModelDirectory('cnn'), data: { split: 'test', limit: 1000 } },
 *   2,
 * );
 */
export function createWorkerExecutor(setup: WorkerSetup, workers: number, threads?: number): TrialExecutor {
  return {
    workers,
    async run(tasks, onResult) {
      const pool = new WorkerPool(workers, threads === undefined ? {} : { threads });
      try {
        await pool.executor(setup).run(tasks, onResult);
      } finally {
        await pool.close();
      }
    },
  };
}
