// MODULES //

import { ARGS, ARG_COUNT, DEAD, DONE, FAILED, READY, SEQUENCE } from './control-words';
import type { WorkerOp } from './worker-op';

// MAIN //

/**
 * The job loop shared by the Node and browser workers (`ctrl`, `id`, `ctx`, `receive` and `busy` are defined before
 * it). Messages posted to ops are drained before each job; a job that throws still counts as done and sets FAILED,
 * so the caller never waits forever.
 */
function workerLoop(ops: readonly WorkerOp[]): string {
  const noMessage = '() => { throw new Error("worker pool: message to an op without a message handler"); }';
  return `
const OPS = [${ops.map((op) => op.run).join(',\n')}];
const MESSAGES = { ${ops.map((op) => `${JSON.stringify(op.name)}: ${op.message ?? noMessage}`).join(',\n')} };
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
    for (let m = receive(); m !== undefined; m = receive()) MESSAGES[m.op](m, ctx);
    if (op >= 0) OPS[op](a, ctx);
  } catch {
    Atomics.store(ctrl, ${FAILED}, id + 1);
  }
  busy = false;
  Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
}
`;
}

/**
 * Node worker body (CommonJS, run with `eval: true`): instantiate the GEMM kernel on the shared memory, then serve
 * jobs. A worker that exits sets DEAD and FAILED and counts as done, so the caller is rejected rather than hung.
 */
export function nodeWorkerSource(ops: readonly WorkerOp[]): string {
  return `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { gemmModule, memory, portSchurModule, control, port, id } = workerData;
const ctrl = new Int32Array(control);
const gemm = new WebAssembly.Instance(gemmModule, { env: { memory } }).exports;
const ctx = { id, gemm, portSchurModule, state: {} };
const receive = () => receiveMessageOnPort(port)?.message;
let busy = false;
process.on('exit', () => {
  Atomics.store(ctrl, ${DEAD}, id + 1);
  Atomics.store(ctrl, ${FAILED}, id + 1);
  if (busy) Atomics.add(ctrl, ${DONE}, 1);
  Atomics.notify(ctrl, ${DONE});
});
${workerLoop(ops)}`;
}

/**
 * Browser worker body (a classic Web Worker from a Blob URL): the first message carries the modules, the shared
 * memory and the control words; then the same job loop (Atomics.wait is allowed in a dedicated worker). A blocked
 * worker never sees later messages, so ops with messages are not offered in browsers (`pool.post` is false).
 */
export function browserWorkerSource(ops: readonly WorkerOp[]): string {
  return `
self.onmessage = (event) => {
  self.onmessage = null;
  const { gemmModule, memory, portSchurModule, control, id } = event.data;
  const ctrl = new Int32Array(control);
  const gemm = new WebAssembly.Instance(gemmModule, { env: { memory } }).exports;
  const ctx = { id, gemm, portSchurModule, state: {} };
  const receive = () => undefined;
  const process = { exit() { throw new Error('test: worker exit'); } };
  let busy = false;
${workerLoop(ops)}};
`;
}
