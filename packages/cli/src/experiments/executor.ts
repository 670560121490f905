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
import { type TrialResult, simulateTrial } from './simulate';

/** Runs trials one after another in this thread. */
export function createInProcessExecutor(experiment: string, model: tf.LayersModel, data: Dataset): TrialExecutor {
  const def = getExperiment(experiment);
  return {
    workers: 1,
    async run(tasks, onResult) {
      for (const task of tasks) {
        const r = await simulateTrial(model, def.hardware(task.point), task.seed, data);
        onResult(task, r);
      }
    },
  };
}

/** What a worker needs to rebuild the trial context on its own thread. */
export interface WorkerSetup {
  experiment: string;
  modelDir: string;
  data: LoadDatasetOptions & { start?: number };
}

/** Message from a worker. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; index: number; accuracy: number; timing: TrialResult['timing'] }
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

/**
 * Runs trials on `workers` worker threads, each with its own TensorFlow.js backend, model and data (tfjs-wasm has no
 * threads in Node, so parallelism is one backend per thread). Tasks are handed out one at a time; each trial depends
 * only on its seed, so results do not depend on the number of workers.
 */
export function createWorkerExecutor(setup: WorkerSetup, workers: number): TrialExecutor {
  return {
    workers,
    async run(tasks, onResult) {
      if (tasks.length === 0) return;
      const script = workerScript();
      const queue = [...tasks];
      const count = Math.min(workers, tasks.length);
      const pool: Worker[] = [];
      try {
        await new Promise<void>((resolve, reject) => {
          let finished = 0;
          let failed = false;
          const fail = (error: Error) => {
            if (failed) return;
            failed = true;
            reject(error);
          };
          for (let w = 0; w < count; w++) {
            const worker = new Worker(script.file, { workerData: setup, eval: script.eval, stderr: false });
            pool.push(worker);
            let current: TrialTask | undefined;
            const feed = () => {
              current = queue.shift();
              if (current === undefined) {
                finished++;
                if (finished === count) resolve();
                return;
              }
              worker.postMessage({ index: current.index, point: current.point, seed: current.seed });
            };
            worker.on('message', (m: WorkerMessage) => {
              if (m.type === 'ready') feed();
              else if (m.type === 'result') {
                onResult(current!, { accuracy: m.accuracy, timing: m.timing });
                feed();
              } else fail(m.memsim ? new MemsimError(m.message) : new Error(m.message));
            });
            worker.on('error', fail);
            worker.on('exit', (code) => {
              if (code !== 0) fail(new Error(`experiment worker exited with code ${code}`));
            });
          }
        });
      } finally {
        await Promise.all(pool.map((w) => w.terminate()));
      }
    },
  };
}
