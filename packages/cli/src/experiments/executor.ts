import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MemsimError } from '@memsim/core';
import type { Dataset, LoadDatasetOptions } from '../data/dataset';
import type { tf } from '../tf/backend';
import { getExperiment } from './definitions';
import type { TrialExecutor, TrialTask } from './runner';
import { type MeasuredSource, withMeasured } from './measured-source';
import { type TrialResult, simulateTrial } from './simulate';

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
): TrialExecutor {
  const def = getExperiment(experiment);
  return {
    workers: 1,
    async run(tasks, onResult) {
      for (const task of tasks) {
        const r = await simulateTrial(model, withMeasured(def.hardware(task.point), measured), task.seed, data);
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
 * How to start a worker: the bundled `experiment-worker.js` beside dist, or (running from source, in tests) a small
 * bootstrap that registers tsx in the worker thread and imports `worker.ts`.
 */
export function workerScript(): { file: string | URL; eval: boolean } {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'experiment-worker.js');
  if (existsSync(bundled)) return { file: bundled, eval: false };
  const source = join(here, 'worker.ts');
  if (existsSync(source)) {
    // Register tsx's ESM hooks in the worker thread (its ESM API), then import the TypeScript worker.
    const tsxApi = join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
    const code = `import(${JSON.stringify(pathToFileURL(tsxApi).href)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(source).href)}); });`;
    return { file: code, eval: true };
  }
  return { file: join(here, '..', 'dist', 'experiment-worker.js'), eval: false };
}

interface PoolSlot {
  worker: Worker;
  ready: Promise<void>;
  onMessage: ((m: WorkerMessage) => void) | null;
  onFailure: ((e: Error) => void) | null;
}

/**
 * A pool of worker threads, each with its own TensorFlow.js backend (tfjs-wasm has no threads in Node, so
 * parallelism is one backend per thread). Workers start once and keep their model and data between sweeps (they
 * reload only when the setup changes), so a tour of several experiments pays the start-up once.
 * @example
 * // (typechecked, not run: starts worker threads)
 * const pool = new WorkerPool(2);
 * const executor = pool.executor({ experiment: 'faults', modelDir: shippedModelDirectory('cnn'), data: { limit: 1000 } });
 * await pool.close();
 */
export class WorkerPool {
  readonly size: number;
  private slots: PoolSlot[] = [];

  constructor(size: number) {
    this.size = size;
  }

  private start(count: number): PoolSlot[] {
    const script = workerScript();
    while (this.slots.length < Math.min(count, this.size)) {
      const worker = new Worker(script.file, { eval: script.eval, stderr: false });
      const slot: PoolSlot = { worker, ready: Promise.resolve(), onMessage: null, onFailure: null };
      slot.ready = new Promise<void>((resolve, reject) => {
        worker.once('error', reject);
        worker.once('message', (m: WorkerMessage) =>
          m.type === 'ready' ? resolve() : reject(new Error(m.type === 'error' ? m.message : 'worker failed to start')),
        );
      });
      worker.on('message', (m: WorkerMessage) => {
        if (m.type !== 'ready') slot.onMessage?.(m);
      });
      worker.on('error', (e) => slot.onFailure?.(e));
      worker.on('exit', (code) => {
        if (code !== 0) slot.onFailure?.(new Error(`experiment worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
    return this.slots.slice(0, Math.min(count, this.size));
  }

  /** An executor that runs trials of `setup` on this pool. Tasks are handed out one at a time. */
  executor(setup: WorkerSetup): TrialExecutor {
    return {
      workers: this.size,
      run: async (tasks, onResult) => {
        if (tasks.length === 0) return;
        const slots = this.start(tasks.length);
        await Promise.all(slots.map((s) => s.ready));
        const queue = [...tasks];
        await new Promise<void>((resolve, reject) => {
          let finished = 0;
          let failed = false;
          const fail = (error: Error) => {
            if (failed) return;
            failed = true;
            reject(error);
          };
          for (const slot of slots) {
            let current: TrialTask | undefined;
            const feed = () => {
              current = queue.shift();
              if (current === undefined) {
                slot.onMessage = null;
                finished++;
                if (finished === slots.length) resolve();
                return;
              }
              slot.worker.postMessage({ setup, index: current.index, point: current.point, seed: current.seed });
            };
            slot.onFailure = fail;
            slot.onMessage = (m) => {
              if (failed) return;
              if (m.type === 'result') {
                onResult(current!, {
                  accuracy: m.accuracy,
                  timing: m.timing,
                  ...(m.failure !== undefined ? { failure: m.failure } : {}),
                });
                feed();
              } else if (m.type === 'error') fail(m.memsim ? new MemsimError(m.message) : new Error(m.message));
            };
            feed();
          }
        });
      },
    };
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.terminate()));
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
export function createWorkerExecutor(setup: WorkerSetup, workers: number): TrialExecutor {
  return {
    workers,
    async run(tasks, onResult) {
      const pool = new WorkerPool(workers);
      try {
        await pool.executor(setup).run(tasks, onResult);
      } finally {
        await pool.close();
      }
    },
  };
}
