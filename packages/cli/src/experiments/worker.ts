// Worker-thread entry of the experiment runner: a piscina task handler (see trial-pool.ts). The backend starts once
// per thread; each task { setup, index, point, seed, threads } runs one trial and returns { accuracy, timing } (or
// the trial's error as a value, so a memsim error keeps its kind across the thread boundary). The model and data of
// the last setup are kept, so consecutive sweeps with the same network and data load them once.
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
import type { TrialTaskMessage } from './trial-pool';

const errorMessage = (error: unknown): WorkerMessage => ({
  type: 'error',
  message: (error as Error).message.split('\n')[0]!,
  memsim: MemsimError.isInstance(error),
});

const backend = initBackend();
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

/** Runs one trial (piscina calls this for every task). */
export default async function runTrialTask(task: TrialTaskMessage): Promise<WorkerMessage> {
  try {
    await backend;
    const c = await context(task.setup);
    const r = await simulateTrial(
      c.model,
      withMeasured(getExperiment(task.setup.experiment).hardware(task.point), task.setup.measured),
      task.seed,
      c.data,
      { threads: task.threads },
    );
    return {
      type: 'result',
      index: task.index,
      accuracy: r.accuracy,
      timing: r.timing,
      ...(r.failure !== undefined ? { failure: r.failure } : {}),
    };
  } catch (error) {
    return errorMessage(error);
  }
}
