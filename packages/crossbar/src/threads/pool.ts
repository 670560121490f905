// MODULES //

import { NumericalError } from '@memsim/core';
import {
  SHARED_MAXIMUM_PAGES,
  type WasmKernel,
  createSharedMemory,
  instantiateKernel,
  sharedGemmModule,
} from '../gemm/gemm-wasm';
import { portSchurModule } from '../passive/port-schur-wasm';
import { ARGS, ARG_COUNT, DEAD, DONE, FAILED, READY, SEQUENCE } from './control-words';
import { browserWorkerSource, nodeWorkerSource } from './worker-source';
import { WORKER_OPS, opCode } from './worker-ops';

// TYPES //

interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
  on(event: 'error' | 'exit', listener: (value: unknown) => void): void;
}
interface PortLike {
  postMessage(message: unknown): void;
}
interface ThreadsModule {
  Worker: new (code: string, options: { eval: true; workerData: unknown; transferList: unknown[] }) => WorkerLike;
  MessageChannel: new () => { port1: PortLike; port2: unknown };
}
interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'error', listener: () => void): void;
}

/** The one worker pool of this thread: the caller plus `helpers` workers, all on one shared GEMM memory. */
export interface Pool {
  /** The GEMM kernel instance of the caller, on the memory the workers share. */
  readonly kernel: WasmKernel;
  /** Worker threads (the caller is the extra thread of every job). */
  readonly helpers: number;
  /** Caller-side state an op keeps for the life of this pool (a restarted pool starts empty). */
  readonly local: Map<string, unknown>;
  /**
   * Posts `message` to op `message.op` on every worker (handled before the next job); false where workers take no
   * messages (browsers), and the op must then run on the caller alone.
   */
  post(message: { readonly op: string; readonly [field: string]: unknown }): boolean;
}

/** One job: per part t of `parts` (part 0 = the caller), its argument words, or null (nothing to do). */
export type PartArguments = (part: number, parts: number) => number[] | null;

interface PoolState extends Pool {
  readonly control: Int32Array;
  readonly workers: WorkerLike[];
  sequence: number;
}

// MAIN //

// Why a hand-written pool rather than piscina/workerpool/comlink: the kernels need a synchronous fork-join (the
// caller computes its own part, then blocks until the workers are done) over one shared WebAssembly memory, inside
// synchronous APIs (`gemm`, `mvm`); those libraries post async messages and resolve promises, which a synchronous
// caller cannot await, and they copy or transfer buffers rather than share one wasm memory.

/** How long the caller waits for fresh workers to come up before giving up on threads [ms]. */
const STARTUP_TIMEOUT = 10_000;

let pool: PoolState | null = null;
let unavailable = false;

function threadsModule(): ThreadsModule | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:worker_threads') as Partial<ThreadsModule> | undefined;
  return mod?.Worker !== undefined && mod.MessageChannel !== undefined ? (mod as ThreadsModule) : null;
}

function newControl(helpers: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer((ARGS + ARG_COUNT * helpers) * 4));
}

function makePool(kernel: WasmKernel, control: Int32Array, workers: WorkerLike[], ports: PortLike[] | null): PoolState {
  return {
    kernel,
    helpers: workers.length,
    local: new Map(),
    control,
    workers,
    sequence: 0,
    post(message) {
      if (ports === null) return false;
      for (const port of ports) port.postMessage(message);
      return true;
    },
  };
}

/** The live pool when it has at least `helpers` workers (a pool whose worker died is dropped first). */
function livePool(helpers: number): PoolState | null {
  if (pool !== null && Atomics.load(pool.control, DEAD) !== 0) dropPool();
  return pool !== null && pool.helpers >= helpers ? pool : null;
}

/**
 * The pool with at least `helpers` workers, started (or grown: the shared memory is kept) on first use in Node.
 * Returns null when worker threads, shared memory or the kernel are unavailable, and in browsers when
 * `startThreads` did not start enough workers (workers start only while a page's event loop runs). The workers
 * are unref'd and never keep the process alive.
 */
export function getPool(helpers: number): Pool | null {
  const live = livePool(helpers);
  if (live !== null || unavailable) return live;
  const threads = threadsModule();
  if (threads === null) return null;
  const gemmModule = sharedGemmModule();
  if (gemmModule === null) {
    unavailable = true;
    return null;
  }
  const memory = pool?.kernel.memory ?? createSharedMemory();
  const kernel = pool?.kernel ?? instantiateKernel(gemmModule, memory, SHARED_MAXIMUM_PAGES * 65536);
  dropPool();
  const control = newControl(helpers);
  const source = nodeWorkerSource(WORKER_OPS);
  const workers: WorkerLike[] = [];
  const ports: PortLike[] = [];
  for (let id = 0; id < helpers; id++) {
    const channel = new threads.MessageChannel();
    const worker = new threads.Worker(source, {
      eval: true,
      workerData: {
        gemmModule,
        memory,
        portSchurModule: portSchurModule(),
        control: control.buffer,
        port: channel.port2,
        id,
      },
      transferList: [channel.port2],
    });
    worker.on('error', () => {});
    worker.unref();
    workers.push(worker);
    ports.push(channel.port1);
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
    return null;
  }
  pool = makePool(kernel, control, workers, ports);
  return pool;
}

/**
 * Starts (or grows) the pool in a browser page: classic Web Workers from a Blob URL, awaited until ready. Resolves
 * with false when the page has no workers, no shared memory (not cross-origin isolated) or no WebAssembly SIMD.
 */
export async function startBrowserPool(helpers: number): Promise<boolean> {
  if (livePool(helpers) !== null) return true;
  const scope = globalThis as {
    Worker?: new (url: string) => BrowserWorker;
    crossOriginIsolated?: boolean;
    Blob?: new (parts: string[], options: { type: string }) => unknown;
    URL?: { createObjectURL(blob: unknown): string; revokeObjectURL(url: string): void };
  };
  const gemmModule = sharedGemmModule();
  if (
    gemmModule === null ||
    scope.Worker === undefined ||
    scope.Blob === undefined ||
    scope.URL === undefined ||
    scope.crossOriginIsolated === false
  )
    return false;
  let memory = pool?.kernel.memory;
  try {
    memory ??= createSharedMemory();
  } catch {
    return false; // shared WebAssembly memory refused (not cross-origin isolated)
  }
  const kernel = pool?.kernel ?? instantiateKernel(gemmModule, memory, SHARED_MAXIMUM_PAGES * 65536);
  dropPool();
  const control = newControl(helpers);
  const url = scope.URL.createObjectURL(new scope.Blob([browserWorkerSource(WORKER_OPS)], { type: 'text/javascript' }));
  const workers: WorkerLike[] = [];
  for (let id = 0; id < helpers; id++) {
    const worker = new scope.Worker(url);
    worker.addEventListener('error', () => {
      Atomics.store(control, DEAD, id + 1);
    });
    worker.postMessage({ gemmModule, memory, portSchurModule: portSchurModule(), control: control.buffer, id });
    workers.push({
      unref() {},
      terminate: async () => {
        worker.terminate();
        return 0;
      },
      on() {},
    });
  }
  const deadline = Date.now() + STARTUP_TIMEOUT;
  while (Atomics.load(control, READY) < helpers && Atomics.load(control, DEAD) === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  scope.URL.revokeObjectURL(url);
  if (Atomics.load(control, READY) < helpers) {
    for (const w of workers) void w.terminate();
    return false;
  }
  pool = makePool(kernel, control, workers, null);
  return true;
}

/** Ends the pool; the next threaded call starts a fresh one (on the same shared memory when it is still held). */
function dropPool(): void {
  if (pool === null) return;
  for (const w of pool.workers) void w.terminate();
  pool = null;
}

/**
 * Runs one job of op `op` over the caller and the first `threads − 1` workers of `p`: part 0 on the caller
 * (`onCaller`), part t on worker t − 1, and returns when all are done (fork-join). A worker that failed (threw or
 * exited) rejects the caller with a NumericalError and the pool is dropped (a fresh one starts on the next call).
 */
export function runJob(
  p: Pool,
  threads: number,
  op: string,
  args: PartArguments,
  onCaller: (words: number[]) => void,
): void {
  const s = p as PoolState;
  const c = s.control;
  const code = opCode(op);
  for (let w = 0; w < s.helpers; w++) {
    // Workers beyond this call's `threads − 1` get nothing to do (they still answer, so DONE counts all).
    const words = w < threads - 1 ? args(w + 1, threads) : null;
    // A longer list would spill into the next worker's words (and lose its tail): a programming error, never data.
    if (words !== null && words.length > ARG_COUNT - 2)
      throw new Error(
        `crossbar worker pool: ${op} passes ${words.length} words, the control block holds ${ARG_COUNT - 2}`,
      );
    const o = ARGS + w * ARG_COUNT;
    c[o] = words === null ? -1 : code;
    c[o + 1] = words?.length ?? 0;
    if (words !== null) for (let i = 0; i < words.length; i++) c[o + 2 + i] = words[i]!;
  }
  Atomics.store(c, DONE, 0);
  Atomics.store(c, FAILED, 0);
  s.sequence++;
  Atomics.store(c, SEQUENCE, s.sequence);
  Atomics.notify(c, SEQUENCE);
  const own = args(0, threads);
  if (own !== null) onCaller(own);
  let done = Atomics.load(c, DONE);
  const block = canBlock();
  while (done < s.helpers && Atomics.load(c, FAILED) === 0 && Atomics.load(c, DEAD) === 0) {
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
      detail: `worker thread ${failed - 1} failed during a threaded ${op} job (the pool is restarted on the next call)`,
    });
  }
}

/** Bounds [s, e) of part t of `total` items split into `parts` contiguous ranges. */
export function partBounds(total: number, t: number, parts: number): [number, number] {
  return [Math.floor((total * t) / parts), Math.floor((total * (t + 1)) / parts)];
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
