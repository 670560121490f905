// The network lab's worker: TensorFlow.js (wasm backend) + @memsim/layers, the shipped CNN and the 1 000 test images.
// Everything slow (loading, patching, tuning, the accuracy evaluation) happens here, with progress messages.
import * as tf from '@tensorflow/tfjs';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend, type MemristiveModel, patchModel } from '@memsim/layers';
import mnistUrl from '../data/mnist-test-1000.bin?url';
import { decodeMnistSubset, type MnistSubset } from './mnist-subset';
import { EVAL_BATCH, type NetworkSettings, nonidealitiesFor, patchOptionsFor } from './network-settings';
import type { WorkerReply, WorkerRequest } from './network-protocol';
import { fetchShippedModel } from './shipped-model';

const post = (m: WorkerReply) => (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(m);

let ready: Promise<{ model: tf.LayersModel; data: MnistSubset; backend: string }> | null = null;
/** Digital-baseline correct count per image range ("first:count"). */
const digitalCorrect = new Map<string, number>();
let hardware: MemristiveModel | null = null;
/** The newest evaluate request: older ones still queued are skipped, a running one stops at its next batch. */
let newest = -1;
let queue: Promise<void> = Promise.resolve();
class Superseded extends Error {}

async function setUp(id: number) {
  // The .wasm files are Vite assets (hashed URLs next to the bundle); tfjs must not look for them at the page root.
  const backend = await initBackend({
    backend: 'wasm',
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlainUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
    },
  });
  if (backend !== 'wasm')
    post({ type: 'warning', id, message: `TensorFlow.js wasm backend failed to start; using the slow cpu backend` });
  post({ type: 'progress', id, phase: 'loading the CNN and 1 000 test images', done: 0, total: 1 });
  const [shipped, bytes] = await Promise.all([
    fetchShippedModel(),
    fetch(mnistUrl).then((r) => {
      if (!r.ok) throw new Error(`could not load the MNIST images (${r.status})`);
      return r.arrayBuffer();
    }),
  ]);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: shipped.modelTopology as tf.io.ModelJSON['modelTopology'],
      weightSpecs: shipped.weightSpecs as tf.io.WeightsManifestEntry[],
      weightData: shipped.weightData,
    }),
  );
  const data = decodeMnistSubset(new Uint8Array(bytes));
  return { model, data, backend };
}

/** Correct predictions over images [first, first + count) in batches of EVAL_BATCH, with progress after each batch. */
async function countCorrect(
  id: number,
  phase: string,
  predict: (x: tf.Tensor) => tf.Tensor,
  data: MnistSubset,
  first: number,
  count: number,
): Promise<number> {
  let correct = 0;
  const end = Math.min(data.count, first + count);
  for (let start = first; start < end; start += EVAL_BATCH) {
    const n = Math.min(EVAL_BATCH, end - start);
    const classes = tf.tidy(() =>
      tf.argMax(predict(tf.tensor4d(data.x.subarray(start * 784, (start + n) * 784), [n, 28, 28, 1])), -1),
    );
    const values = await classes.data();
    classes.dispose();
    if (phase !== 'digital baseline' && id !== newest) throw new Superseded();
    for (let i = 0; i < n; i++) if (values[i] === data.y[start + i]) correct++;
    post({ type: 'progress', id, phase, done: start + n - first, total: end - first });
  }
  return correct;
}

async function evaluate(id: number, settings: NetworkSettings, first: number, count: number) {
  if (id !== newest) return;
  const { model, data, backend } = await (ready ??= setUp(id));
  const key = `${first}:${count}`;
  if (!digitalCorrect.has(key))
    digitalCorrect.set(
      key,
      await countCorrect(
        id,
        'digital baseline',
        (x) => model.predict(x, { batchSize: EVAL_BATCH }) as tf.Tensor,
        data,
        first,
        count,
      ),
    );
  const t0 = performance.now();
  post({ type: 'progress', id, phase: 'patching the CNN onto crossbars', done: 0, total: count });
  hardware?.dispose();
  hardware = null;
  const mm = await patchModel(model, patchOptionsFor(settings));
  const list = nonidealitiesFor(settings);
  if (list.length > 0) mm.applyNonidealities(list);
  post({ type: 'progress', id, phase: 'tuning the outputs', done: 0, total: count });
  mm.tune();
  const t1 = performance.now();
  let correct: number;
  try {
    correct = await countCorrect(
      id,
      'memristive inference',
      (x) => mm.predict(x, { batchSize: EVAL_BATCH }) as tf.Tensor,
      data,
      first,
      count,
    );
  } catch (error) {
    mm.dispose();
    throw error;
  }
  hardware = mm;
  const t2 = performance.now();
  post({
    type: 'result',
    id,
    correct,
    digitalCorrect: digitalCorrect.get(key)!,
    backend,
    images: Math.min(data.count, first + count) - first,
    patchMs: t1 - t0,
    inferenceMs: t2 - t1,
  });
}

async function predict(id: number, pixels: Float32Array) {
  const { model } = await (ready ??= setUp(id));
  const scores = (m: { predict(x: tf.Tensor): unknown }) =>
    tf.tidy(() => tf.softmax(m.predict(tf.tensor4d(pixels, [1, 28, 28, 1])) as tf.Tensor).dataSync() as Float32Array);
  post({
    type: 'prediction',
    id,
    digital: Array.from(scores(model)),
    hardware: hardware === null ? null : Array.from(scores(hardware)),
  });
}

// One task at a time (tfjs and the crossbars are shared); a slider drag queues many requests, only the last counts.
self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const m = event.data;
  if (m.type === 'evaluate') newest = m.id;
  queue = queue
    .then(() => (m.type === 'evaluate' ? evaluate(m.id, m.settings, m.first, m.count) : predict(m.id, m.pixels)))
    .catch((error: unknown) => {
      if (!(error instanceof Superseded))
        post({ type: 'error', id: m.id, message: (error as Error).message ?? String(error) });
    });
};
