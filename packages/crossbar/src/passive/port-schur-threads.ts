// MODULES //

import { NumericalError } from '@memsim/core';
import type { PortSchurPlan } from './port-schur-plan';
import { assembleTransfer, buildPortSchurTransfer, notPositive, portValues } from './port-schur-transfer';
import { portSchurLayout, portSchurModule, portSchurWasm } from './port-schur-wasm';

// TYPES //

interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
  on(event: 'error' | 'exit', listener: (value: unknown) => void): void;
}
interface PortLike {
  postMessage(message: unknown, transfer?: unknown[]): void;
}
interface ThreadsModule {
  Worker: new (code: string, options: { eval: true; workerData: unknown; transferList: unknown[] }) => WorkerLike;
  MessageChannel: new () => { port1: PortLike; port2: unknown };
}
interface Pool {
  workers: WorkerLike[];
  ports: PortLike[];
  control: Int32Array;
  sequence: number;
  /** Plans each worker already holds, and the io buffer it was last given. */
  plans: WeakMap<PortSchurPlan, number>;
  nextPlan: number;
  io: SharedArrayBuffer | null;
}

// MAIN //

/** Control words: job sequence, workers done, workers ready, failure (worker + 1), next job, job count. */
const SEQUENCE = 0;
const DONE = 1;
const READY = 2;
const FAILED = 3;
const NEXT = 4;
const JOBS = 5;
/** Workers that take tiles in this call (the others answer at once): the call's thread budget. */
const ACTIVE = 6;
/** Tiles handed out per round (bounds the shared io buffer: values in, p×p inverse and status out). */
const ROUND = 32;
const STARTUP_TIMEOUT = 10_000;

/**
 * Worker body (CommonJS, `eval: true`): plans and io buffers arrive on a message port (read synchronously when a job
 * is signalled); each job takes tiles from the shared counter, runs the kernel on its own copy of the plan and writes
 * the port inverse (or the failing column) back. A throw or exit sets FAILED so the caller never waits forever.
 */
const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { module, control, port, id } = workerData;
const ctrl = new Int32Array(control);
const plans = new Map();
let job = null;
process.on('exit', () => { Atomics.store(ctrl, ${FAILED}, id + 1); Atomics.add(ctrl, ${DONE}, 1); Atomics.notify(ctrl, ${DONE}); });
Atomics.add(ctrl, ${READY}, 1);
Atomics.notify(ctrl, ${READY});
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, ${SEQUENCE}, seen);
  seen = Atomics.load(ctrl, ${SEQUENCE});
  try {
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      const msg = m.message;
      if (msg.kind === 'plan') {
        const memory = new WebAssembly.Memory({ initial: msg.pages });
        const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
        for (const { data, at } of msg.ints) new Int32Array(memory.buffer, at, data.length).set(data);
        plans.set(msg.id, { ex, memory, msg });
      } else job = msg;
    }
    const plan = plans.get(job.plan);
    const { values, front, x, y, args, nValues, p } = plan.msg;
    const valueView = new Float64Array(plan.memory.buffer, values, nValues);
    const inverse = new Float64Array(plan.memory.buffer, y, p * p);
    const io = job.io;
    for (; id < ctrl[${ACTIVE}];) {
      const j = Atomics.add(ctrl, ${NEXT}, 1);
      if (j >= ctrl[${JOBS}]) break;
      valueView.set(new Float64Array(io, j * nValues * 8, nValues));
      const failed = plan.ex.factorFronts(...args);
      const status = new Int32Array(io, job.statusAt, ${ROUND});
      status[j] = failed;
      if (failed < 0) {
        plan.ex.lowerInverseGram(front, x, y, p);
        new Float64Array(io, job.outAt + j * p * p * 8, p * p).set(inverse);
      }
    }
  } catch {
    Atomics.store(ctrl, ${FAILED}, id + 1);
  }
  Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
}
`;

let pool: Pool | null = null;
let unavailable = false;

function threadsModule(): ThreadsModule | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const mod = proc?.getBuiltinModule?.('node:worker_threads') as Partial<ThreadsModule> | undefined;
  return mod?.Worker !== undefined && mod.MessageChannel !== undefined ? (mod as ThreadsModule) : null;
}

/** The pool of `helpers` worker threads (Node only), created on first use; null when threads are unavailable. */
function getPool(helpers: number): Pool | null {
  if (unavailable) return null;
  if (pool !== null && pool.workers.length >= helpers) return pool;
  const threads = threadsModule();
  const module = portSchurModule();
  if (threads === null || module === null || typeof SharedArrayBuffer === 'undefined') {
    unavailable = true;
    return null;
  }
  dropPool();
  const control = new Int32Array(new SharedArrayBuffer(8 * 4));
  const workers: WorkerLike[] = [];
  const ports: PortLike[] = [];
  for (let id = 0; id < helpers; id++) {
    const channel = new threads.MessageChannel();
    const worker = new threads.Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { module, control: control.buffer, port: channel.port2, id },
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
  pool = { workers, ports, control, sequence: 0, plans: new WeakMap(), nextPlan: 0, io: null };
  return pool;
}

function dropPool(): void {
  if (pool === null) return;
  for (const w of pool.workers) void w.terminate();
  pool = null;
}

/**
 * Transfer matrices of many tiles of one plan, the numeric factorisations spread over the caller and `threads − 1`
 * worker threads (tiles taken from a shared counter). Every tile runs the same kernel on the same inputs whichever
 * thread takes it, so the result does not depend on `threads` (bit-identical); without worker threads, shared memory
 * or WebAssembly it is the one-thread loop.
 *
 * @throws {NumericalError} when a pivot is not positive, or a worker thread fails (the pool restarts next call)
 */
export function buildPortSchurTransfers(
  plan: PortSchurPlan,
  branches: Float64Array[],
  where: string,
  threads: number,
): Float64Array[] {
  const own = portSchurWasm(plan);
  const p = pool === null || pool.workers.length < threads - 1 ? (threads > 1 ? getPool(threads - 1) : null) : pool;
  if (own === null || p === null || threads <= 1 || branches.length < 2)
    return branches.map((branch) => buildPortSchurTransfer(plan, branch, where));
  const nValues = plan.constValues.length;
  const pp = plan.ports * plan.ports;
  const outAt = ROUND * nValues * 8;
  const statusAt = outAt + ROUND * pp * 8;
  const bytes = statusAt + ROUND * 4;
  if (p.io === null || p.io.byteLength < bytes) p.io = new SharedArrayBuffer(bytes);
  const io = p.io;
  let id = p.plans.get(plan);
  if (id === undefined) {
    id = p.nextPlan++;
    p.plans.set(plan, id);
    const layout = portSchurLayout(plan);
    const message = { kind: 'plan', id, ...layout, nValues, p: plan.ports };
    for (const port of p.ports) port.postMessage(message);
  }
  for (const port of p.ports) port.postMessage({ kind: 'job', plan: id, io, outAt, statusAt });
  const c = p.control;
  const status = new Int32Array(io, statusAt, ROUND);
  const out: Float64Array[] = [];
  for (let r0 = 0; r0 < branches.length; r0 += ROUND) {
    const count = Math.min(ROUND, branches.length - r0);
    for (let j = 0; j < count; j++)
      new Float64Array(io, j * nValues * 8, nValues).set(portValues(plan, branches[r0 + j]!));
    Atomics.store(c, JOBS, count);
    Atomics.store(c, ACTIVE, threads - 1);
    Atomics.store(c, NEXT, 0);
    Atomics.store(c, DONE, 0);
    Atomics.store(c, FAILED, 0);
    p.sequence++;
    Atomics.store(c, SEQUENCE, p.sequence);
    Atomics.notify(c, SEQUENCE);
    // The caller takes tiles too, with its own instance of the same kernel.
    for (;;) {
      const j = Atomics.add(c, NEXT, 1);
      if (j >= count) break;
      const failed = own.run(new Float64Array(io, j * nValues * 8, nValues));
      status[j] = failed;
      if (failed < 0) new Float64Array(io, outAt + j * pp * 8, pp).set(own.inverse);
    }
    let done = Atomics.load(c, DONE);
    while (done < p.workers.length && Atomics.load(c, FAILED) === 0) {
      Atomics.wait(c, DONE, done, 1000);
      done = Atomics.load(c, DONE);
    }
    const failedWorker = Atomics.load(c, FAILED);
    if (failedWorker !== 0) {
      dropPool();
      throw new NumericalError({
        where: 'passive transfer worker pool',
        step: -1,
        detail: `worker thread ${failedWorker - 1} failed while building transfer matrices (the pool restarts on the next call)`,
      });
    }
    for (let j = 0; j < count; j++) {
      if (status[j]! >= 0) throw notPositive(where, status[j]!);
      out.push(assembleTransfer(plan, branches[r0 + j]!, new Float64Array(io, outAt + j * pp * 8, pp)));
    }
  }
  return out;
}
