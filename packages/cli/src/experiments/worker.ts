// Worker-thread entry of the experiment runner: initialises the backend, then runs the trials it is sent
// ({ setup, index, point, seed }) and posts { index, accuracy, timing } back. The model and data of the last setup are
// kept, so consecutive sweeps with the same network and data load them once.
import { parentPort } from 'node:worker_threads';
import { MemsimError } from '@memsim/core';
import { type Dataset, loadDataset, sliceDataset } from '../data/dataset';
import type { tf } from '../tf/backend';
import { initBackend } from '@memsim/layers';
import { fitDataToModel } from '../data/fit-to-model';
import { loadModelFile } from '../model/load-model-file';
import { getExperiment } from './definitions';
import type { WorkerMessage, WorkerSetup } from './executor';
import { withMeasured } from './measured-source';
import { simulateTrial } from './simulate';

const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);
const errorMessage = (error: unknown): WorkerMessage => ({
  type: 'error',
  message: (error as Error).message.split('\n')[0]!,
  memsim: MemsimError.isInstance(error),
});

let modelKey = '';
let model: tf.LayersModel | null = null;
let dataKey = '';
let data: Dataset | null = null;

async function context(setup: WorkerSetup): Promise<{ model: tf.LayersModel; data: Dataset }> {
  if (model === null || modelKey !== setup.modelDir) {
    model?.dispose();
    model = await loadModelFile(setup.modelDir);
    modelKey = setup.modelDir;
  }
  const key = `${setup.modelDir}\n${JSON.stringify(setup.data)}`;
  if (data === null || dataKey !== key) {
    const { start: first = 0, ...source } = setup.data;
    const limit = source.limit;
    const all = loadDataset({ ...source, limit: limit === undefined ? undefined : first + limit });
    data = fitDataToModel(sliceDataset(all, first, limit ?? all.count), model.inputs[0]!.shape);
    dataKey = key;
  }
  return { model, data };
}

async function start(): Promise<void> {
  await initBackend();
  port.on(
    'message',
    async (task: { setup: WorkerSetup; index: number; point: Record<string, number | string>; seed: number }) => {
      try {
        const c = await context(task.setup);
        const r = await simulateTrial(
          c.model,
          withMeasured(getExperiment(task.setup.experiment).hardware(task.point), task.setup.measured),
          task.seed,
          c.data,
        );
        post({
          type: 'result',
          index: task.index,
          accuracy: r.accuracy,
          timing: r.timing,
          ...(r.failure !== undefined ? { failure: r.failure } : {}),
        });
      } catch (error) {
        post(errorMessage(error));
      }
    },
  );
  post({ type: 'ready' });
}

start().catch((error: unknown) => post(errorMessage(error)));
