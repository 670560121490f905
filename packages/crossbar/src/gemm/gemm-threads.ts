// MODULES //

import {
  type PanelRunner,
  SHARED_MAXIMUM_PAGES,
  type WasmKernel,
  createSharedMemory,
  instantiateKernel,
  sharedGemmModule,
} from './gemm-wasm';

// TYPES //

interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
  on(event: 'error' | 'exit', listener: (value: unknown) => void): void;
}
type WorkerConstructor = new (code: string, options: { eval: true; workerData: unknown }) => WorkerLike;

interface Pool {
  kernel: WasmKernel;
  control: Int32Array;
  workers: WorkerLike[];
  sequence: number;
}

// MAIN //

/** Control words: [0] job sequence, [1] jobs done, [2] workers ready, then 9 arguments per worker. */
const SEQUENCE = 0;
const DONE = 1;
const READY = 2;
const ARGS = 4;
const ARG_COUNT = 9;
/** How long the caller waits for fresh workers to come up before giving up on threads [ms]. */
const STARTUP_TIMEOUT = 10_000;

/** Worker body (CommonJS, run with `eval: true`): instantiate the kernel on the shared memory, then serve jobs. */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, id } = workerData;
const ctrl = new Int32Array(control);
const gemmPanels = new WebAssembly.Instance(module, { env: { memory } }).exports.gemmPanels;
Atomics.add(ctrl, ${READY}, 1);
Atomics.notify(ctrl, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, ${SEQUENCE}, seen);
  seen = Atomics.load(ctrl, ${SEQUENCE});
  const o = ${ARGS} + id * ${ARG_COUNT};
  if (ctrl[o + 4] < ctrl[o + 5] && ctrl[o + 6] < ctrl[o + 7])
    gemmPanels(ctrl[o], ctrl[o + 1], ctrl[o + 2], ctrl[o + 3], ctrl[o + 4], ctrl[o + 5], ctrl[o + 6], ctrl[o + 7], ctrl[o + 8]);
  Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
}
`;

let pool: Pool | null = null;
let unavailable = false;

function workerConstructor(): WorkerConstructor | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const threads = proc?.getBuiltinModule?.('node:worker_threads') as { Worker?: WorkerConstructor } | undefined;
  return threads?.Worker ?? null;
}

/**
 * The pool of `helpers` worker threads sharing one WebAssembly memory with the caller, created on first use (Node
 * only). Returns null when worker threads, shared memory or the kernel are unavailable. The workers are unref'd
 * and never keep the process alive.
 */
function getPool(helpers: number): Pool | null {
  if (unavailable) return null;
  if (pool !== null && pool.workers.length >= helpers) return pool;
  const Worker = workerConstructor();
  const module = sharedGemmModule();
  if (Worker === null || module === null) {
    unavailable = true;
    return null;
  }
  if (pool !== null) for (const w of pool.workers) void w.terminate();
  const memory = pool?.kernel.memory ?? createSharedMemory();
  const kernel = pool?.kernel ?? instantiateKernel(module, memory, SHARED_MAXIMUM_PAGES * 65536);
  const control = new Int32Array(new SharedArrayBuffer((ARGS + ARG_COUNT * helpers) * 4));
  const workers: WorkerLike[] = [];
  for (let id = 0; id < helpers; id++) {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, memory, control: control.buffer, id },
    });
    worker.on('error', () => {
      unavailable = true;
    });
    worker.unref();
    workers.push(worker);
  }
  const deadline = Date.now() + STARTUP_TIMEOUT;
  let ready = Atomics.load(control, READY);
  while (ready < helpers && Date.now() < deadline) {
    Atomics.wait(control, READY, ready, 50);
    ready = Atomics.load(control, READY);
  }
  if (ready < helpers) {
    for (const w of workers) void w.terminate();
    unavailable = true;
    pool = null;
    return null;
  }
  pool = { kernel, control, workers, sequence: 0 };
  return pool;
}

/**
 * The shared-memory kernel and a runner that splits the panels of each chunk over the caller and `threads − 1`
 * workers (rows when there are enough row panels, columns otherwise), or null when threads are unavailable.
 * Every output element is still summed by one thread in order 0…k−1, so results do not depend on `threads`.
 */
export function threadedKernel(threads: number): { kernel: WasmKernel; run: PanelRunner } | null {
  const p = getPool(threads - 1);
  if (p === null) return null;
  const helpers = threads - 1;
  const run: PanelRunner = (kernel, { pa, pb, pc, k, mPanels, nPanels, ldc }) => {
    const parts = helpers + 1;
    const byRows = mPanels >= 2 * parts || mPanels >= nPanels;
    const total = byRows ? mPanels : nPanels;
    const bounds = (t: number): [number, number] => [
      Math.floor((total * t) / parts),
      Math.floor((total * (t + 1)) / parts),
    ];
    const c = p.control;
    const poolSize = p.workers.length;
    for (let w = 0; w < poolSize; w++) {
      // Workers beyond this call's `threads − 1` get an empty range (they still answer, so DONE counts all).
      const [s, e] = w < helpers ? bounds(w + 1) : [0, 0];
      const o = ARGS + w * ARG_COUNT;
      c[o] = pa;
      c[o + 1] = pb;
      c[o + 2] = pc;
      c[o + 3] = k;
      c[o + 4] = byRows ? s : 0;
      c[o + 5] = byRows ? e : mPanels;
      c[o + 6] = byRows ? 0 : s;
      c[o + 7] = byRows ? nPanels : e;
      c[o + 8] = ldc;
    }
    Atomics.store(c, DONE, 0);
    p.sequence++;
    Atomics.store(c, SEQUENCE, p.sequence);
    Atomics.notify(c, SEQUENCE);
    const [s, e] = bounds(0);
    if (byRows) kernel.gemmPanels(pa, pb, pc, k, s, e, 0, nPanels, ldc);
    else kernel.gemmPanels(pa, pb, pc, k, 0, mPanels, s, e, ldc);
    let done = Atomics.load(c, DONE);
    while (done < poolSize) {
      Atomics.wait(c, DONE, done);
      done = Atomics.load(c, DONE);
    }
  };
  return { kernel: p.kernel, run };
}
