// Worker-thread entry of the experiment runner: loads the backend, model and data once, then runs the trials it is
// sent ({ index, point, seed }) and posts { index, accuracy, timing } back.
import { parentPort, workerData } from 'node:worker_threads';
import { MemsimError } from '@memsim/core';
import { loadDataset, sliceDataset } from '../data/dataset';
import { initBackend } from '../tf/backend';
import { loadModel } from '../tf/model-io';
import { getExperiment } from './definitions';
import type { WorkerMessage, WorkerSetup } from './executor';
import { simulateTrial } from './simulate';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const post = (m: WorkerMessage) => port.postMessage(m);

async function start(): Promise<void> {
  await initBackend();
  const def = getExperiment(setup.experiment);
  const model = await loadModel(setup.modelDir);
  const { start: first = 0, ...source } = setup.data;
  const limit = source.limit;
  const all = loadDataset({ ...source, limit: limit === undefined ? undefined : first + limit });
  const data = sliceDataset(all, first, limit ?? all.count);
  port.on('message', async (task: { index: number; point: Record<string, number | string>; seed: number }) => {
    try {
      const r = await simulateTrial(model, def.hardware(task.point), task.seed, data);
      post({ type: 'result', index: task.index, accuracy: r.accuracy, timing: r.timing });
    } catch (error) {
      post({ type: 'error', message: (error as Error).message.split('\n')[0]!, memsim: MemsimError.isInstance(error) });
    }
  });
  post({ type: 'ready' });
}

start().catch((error: unknown) => post({ type: 'error', message: (error as Error).message.split('\n')[0]!, memsim: MemsimError.isInstance(error) }));
