// MODULES //

import { InvalidParameterError, NumericalError } from '@memsim/core';
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

/** One job for the pool: the kernel (`op`) and, per part t of `parts`, its argument words (or null: nothing to do). */
export type PartArguments = (part: number, parts: number) => number[] | null;

// MAIN //

/**
 * Control words: [0] job sequence, [1] jobs done, [2] workers ready, [3] worker that failed this job + 1, [4] worker
 * that exited + 1 (never reset: the pool is dead), then per worker.
 */
const SEQUENCE = 0;
const DONE = 1;
const READY = 2;
const FAILED = 3;
const DEAD = 4;
const ARGS = 5;
/** Words per worker: [0] op, [1] argument count, then the arguments. */
const ARG_COUNT = 20;
/** Worker ops. */
export const OP_GEMM = 0;
export const OP_TILED = 1;
/** Test-only ops: the worker throws, or exits, in the middle of a job (checks that the caller is rejected). */
export const OP_THROW_FOR_TEST = 100;
export const OP_EXIT_FOR_TEST = 101;
/** How long the caller waits for fresh workers to come up before giving up on threads [ms]. */
const STARTUP_TIMEOUT = 10_000;

/** The job loop shared by the Node and browser workers (`ctrl`, `ex`, `id` and `busy` are defined before it). */
const WORKER_LOOP = `
Atomics.add(ctrl, ${READY}, 1);
Atomics.notify(ctrl, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, ${SEQUENCE}, seen);
  seen = Atomics.load(ctrl, ${SEQUENCE});
  const o = ${ARGS} + id * ${ARG_COUNT};
  const op = ctrl[o];
  const a = Array.from(ctrl.subarray(o + 2, o + 2 + ctrl[o + 1]));
  busy = true;
  try {
    if (op === ${OP_GEMM}) ex.gemmPanels(...a);
    else if (op === ${OP_TILED}) ex.tiledPanels(...a);
    else if (op === ${OP_THROW_FOR_TEST}) throw new Error('test: worker failure');
    else if (op === ${OP_EXIT_FOR_TEST}) process.exit(1);
  } catch {
    Atomics.store(ctrl, ${FAILED}, id + 1);
  }
  busy = false;
  Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
}
`;

/**
 * Worker body (CommonJS, run with `eval: true`): instantiate the kernels on the shared memory, then serve jobs. A job
 * that throws, and a worker that exits, still count as done and set FAILED, so the caller never waits forever.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, id } = workerData;
const ctrl = new Int32Array(control);
const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
let busy = false;
process.on('exit', () => {
  Atomics.store(ctrl, ${DEAD}, id + 1);
  Atomics.store(ctrl, ${FAILED}, id + 1);
  if (busy) Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
});
${WORKER_LOOP}`;

/**
 * Browser worker body (a classic Web Worker from a Blob URL): the first message carries the module, the shared
 * memory and the control words; then the same job loop (Atomics.wait is allowed in a dedicated worker). A job that
 * throws sets FAILED as in Node; a worker's `error` event marks it dead once the page's event loop runs again.
 */
const BROWSER_WORKER_SOURCE = `
self.onmessage = (event) => {
  self.onmessage = null;
  const { module, memory, control, id } = event.data;
  const ctrl = new Int32Array(control);
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  let busy = false;
  const process = { exit() { throw new Error('test: worker exit'); } };
${WORKER_LOOP}};
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
  if (pool !== null && Atomics.load(pool.control, DEAD) !== 0) dropPool();
  if (pool !== null && pool.workers.length >= helpers) return pool;
  // Browsers: workers start only while the page's event loop runs, so the pool comes from `startThreads` (async).
  if (workerConstructor() === null) return null;
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
    worker.on('error', () => {});
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

/** Ends the pool (its memory too); the next threaded call starts a fresh one. */
function dropPool(): void {
  if (pool === null) return;
  for (const w of pool.workers) void w.terminate();
  pool = null;
}

/**
 * Runs one job over the caller and the first `threads − 1` workers of `p`: part 0 on the caller (`onCaller`), part
 * t on worker t − 1, and returns when all are done. A worker that failed (threw or exited) rejects the caller with a
 * NumericalError and the pool is dropped (a fresh one starts on the next call); results are then not written.
 */
function runJob(p: Pool, threads: number, op: number, args: PartArguments, onCaller: (words: number[]) => void): void {
  const c = p.control;
  const poolSize = p.workers.length;
  for (let w = 0; w < poolSize; w++) {
    // Workers beyond this call's `threads − 1` get nothing to do (they still answer, so DONE counts all).
    const words = w < threads - 1 ? args(w + 1, threads) : null;
    const o = ARGS + w * ARG_COUNT;
    c[o] = words === null ? -1 : op;
    c[o + 1] = words?.length ?? 0;
    if (words !== null) for (let i = 0; i < words.length; i++) c[o + 2 + i] = words[i]!;
  }
  Atomics.store(c, DONE, 0);
  Atomics.store(c, FAILED, 0);
  p.sequence++;
  Atomics.store(c, SEQUENCE, p.sequence);
  Atomics.notify(c, SEQUENCE);
  const own = args(0, threads);
  if (own !== null) onCaller(own);
  let done = Atomics.load(c, DONE);
  const block = canBlock();
  while (done < poolSize && Atomics.load(c, FAILED) === 0 && Atomics.load(c, DEAD) === 0) {
    // A browser's main thread may not Atomics.wait: it spins on the counter (the workers run meanwhile).
    if (block) Atomics.wait(c, DONE, done, 1000);
    done = Atomics.load(c, DONE);
  }
  const failed = Atomics.load(c, FAILED) || Atomics.load(c, DEAD);
  if (failed !== 0) {
    dropPool();
    throw new NumericalError({
      where: 'crossbar worker pool',
      step: -1,
      detail: `worker thread ${failed - 1} failed during a threaded product (the pool is restarted on the next call)`,
    });
  }
}

/** Bounds [s, e) of part t of `total` items split into `parts` contiguous ranges. */
export function partBounds(total: number, t: number, parts: number): [number, number] {
  return [Math.floor((total * t) / parts), Math.floor((total * (t + 1)) / parts)];
}

/**
 * The shared-memory kernel and a runner that splits the panels of each chunk over the caller and `threads − 1`
 * workers (rows when there are enough row panels, columns otherwise), or null when threads are unavailable.
 * Every output element is still summed by one thread in order 0…k−1, so results do not depend on `threads`.
 */
export function threadedKernel(threads: number): { kernel: WasmKernel; run: PanelRunner } | null {
  const p = getPool(threads - 1);
  if (p === null) return null;
  const run: PanelRunner = (kernel, { pa, pb, pc, k, mPanels, nPanels, ldc }) => {
    const byRows = mPanels >= 2 * threads || mPanels >= nPanels;
    const total = byRows ? mPanels : nPanels;
    runJob(
      p,
      threads,
      OP_GEMM,
      (t, parts) => {
        const [s, e] = partBounds(total, t, parts);
        if (s >= e) return null;
        return byRows ? [pa, pb, pc, k, s, e, 0, nPanels, ldc] : [pa, pb, pc, k, 0, mPanels, s, e, ldc];
      },
      (w) => kernel.gemmPanels(w[0]!, w[1]!, w[2]!, w[3]!, w[4]!, w[5]!, w[6]!, w[7]!, w[8]!),
    );
  };
  return { kernel: p.kernel, run };
}

/**
 * The shared-memory kernel and a runner for the tiled read-out (`tiledPanels`), which splits row panels over the
 * caller and `threads − 1` workers (each row's partial sums, ADC and digital sum stay on one thread, so results do
 * not depend on `threads`); null when threads are unavailable.
 */
export function threadedTiledKernel(
  threads: number,
): { kernel: WasmKernel; run: (mPanels: number, words: (ip0: number, ip1: number) => number[]) => void } | null {
  const p = getPool(threads - 1);
  if (p === null) return null;
  return {
    kernel: p.kernel,
    run: (mPanels, words) =>
      runJob(
        p,
        threads,
        OP_TILED,
        (t, parts) => {
          const [s, e] = partBounds(mPanels, t, parts);
          return s < e ? words(s, e) : null;
        },
        (w) => p.kernel.tiledPanels(...(w as Parameters<WasmKernel['tiledPanels']>)),
      ),
  };
}

/** Test hook: runs a job in which worker 0 throws (`'throw'`) or exits (`'exit'`); the caller must be rejected. */
export function crashWorkerForTest(kind: 'throw' | 'exit', threads = 2): void {
  const p = getPool(threads - 1);
  if (p === null) throw new Error('crashWorkerForTest: no worker threads in this runtime');
  runJob(
    p,
    threads,
    kind === 'throw' ? OP_THROW_FOR_TEST : OP_EXIT_FOR_TEST,
    (t) => (t === 1 ? [] : null),
    () => {},
  );
}

let blocking: boolean | undefined;

/** Whether this thread may `Atomics.wait` (not a browser's main thread). */
function canBlock(): boolean {
  if (blocking === undefined) {
    try {
      // The value differs, so this returns at once where waiting is allowed and throws where it is not.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blocking = true;
    } catch {
      blocking = false;
    }
  }
  return blocking;
}

interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'error', listener: () => void): void;
}

/**
 * Starts the shared-memory worker pool for `threads` threads (the caller plus `threads − 1` workers) and resolves
 * with the number of threads products may use: `threads` when the pool is up, 1 when this runtime has no workers or
 * no shared memory (a browser page that is not cross-origin isolated, a runtime without WebAssembly SIMD). Results
 * never depend on it. In Node the pool also starts by itself on the first threaded product; in a browser the page
 * must call this first (workers start only while the event loop runs, and the products are synchronous), and a
 * product asking for more threads than were started runs on one thread (same numbers).
 *
 * @param threads - positive integer (≤ 64).
 * @returns the usable thread count.
 * @throws {InvalidParameterError} when `threads` is not an integer in [1, 64].
 * @example
 * const usable = await startThreads(2); // → 2 in Node and in a cross-origin-isolated page, else 1
 */
export async function startThreads(threads: number): Promise<number> {
  if (!(Number.isInteger(threads) && threads >= 1 && threads <= 64))
    throw new InvalidParameterError({
      where: 'startThreads',
      parameter: 'threads',
      value: threads,
      expected: 'an integer in [1, 64]',
    });
  const helpers = threads - 1;
  if (helpers === 0) return 1;
  if (workerConstructor() !== null) return getPool(helpers) === null ? 1 : threads;
  if (pool !== null && Atomics.load(pool.control, DEAD) !== 0) dropPool();
  if (pool !== null && pool.workers.length >= helpers) return threads;
  const scope = globalThis as {
    Worker?: new (url: string) => BrowserWorker;
    crossOriginIsolated?: boolean;
    Blob?: new (parts: string[], options: { type: string }) => unknown;
    URL?: { createObjectURL(blob: unknown): string; revokeObjectURL(url: string): void };
  };
  const module = sharedGemmModule();
  if (
    module === null ||
    scope.Worker === undefined ||
    scope.Blob === undefined ||
    scope.URL === undefined ||
    scope.crossOriginIsolated === false
  )
    return 1;
  if (pool !== null) dropPool();
  let memory: ReturnType<typeof createSharedMemory>;
  try {
    memory = createSharedMemory();
  } catch {
    return 1; // shared WebAssembly memory refused (not cross-origin isolated)
  }
  const kernel = instantiateKernel(module, memory, SHARED_MAXIMUM_PAGES * 65536);
  const control = new Int32Array(new SharedArrayBuffer((ARGS + ARG_COUNT * helpers) * 4));
  const url = scope.URL.createObjectURL(new scope.Blob([BROWSER_WORKER_SOURCE], { type: 'text/javascript' }));
  const workers: WorkerLike[] = [];
  for (let id = 0; id < helpers; id++) {
    const worker = new scope.Worker(url);
    worker.addEventListener('error', () => {
      Atomics.store(control, DEAD, id + 1);
    });
    worker.postMessage({ module, memory, control: control.buffer, id });
    workers.push({ unref() {}, terminate: async () => (worker.terminate(), 0), on() {} });
  }
  const deadline = Date.now() + STARTUP_TIMEOUT;
  while (Atomics.load(control, READY) < helpers && Atomics.load(control, DEAD) === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  scope.URL.revokeObjectURL(url);
  if (Atomics.load(control, READY) < helpers) {
    for (const w of workers) void w.terminate();
    return 1;
  }
  pool = { kernel, control, workers, sequence: 0 };
  return threads;
}
