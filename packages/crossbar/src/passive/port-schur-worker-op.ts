// MODULES //

import type { WorkerOp } from '../threads/worker-op';

// MAIN //

/**
 * Port-Schur transfer matrices on a worker: plans arrive as messages (each instantiated once, in the worker's own
 * memory: the kernel's workspaces are per thread), the shared io buffer too; a job takes tiles from the shared
 * counter (io word 0) and writes each tile's port inverse, or its failing column, back. Arguments: plan id, tile
 * count, byte offsets of the values, the inverses and the status words in io.
 */
export const PORT_SCHUR_WORKER_OP: WorkerOp = {
  name: 'port-schur',
  message: `(m, ctx) => {
  const s = (ctx.state.portSchur ??= { plans: new Map(), io: null });
  if (m.kind === 'io') { s.io = m.io; return; }
  const memory = new WebAssembly.Memory({ initial: m.pages });
  const ex = new WebAssembly.Instance(ctx.portSchurModule, { env: { memory } }).exports;
  for (const { data, at } of m.ints) new Int32Array(memory.buffer, at, data.length).set(data);
  s.plans.set(m.id, { ex, memory, m });
}`,
  run: `([planId, count, valuesAt, outAt, statusAt], ctx) => {
  const s = ctx.state.portSchur;
  const { ex, memory, m } = s.plans.get(planId);
  const { values, front, x, y, args, nValues, p } = m;
  const valueView = new Float64Array(memory.buffer, values, nValues);
  const inverse = new Float64Array(memory.buffer, y, p * p);
  const counter = new Int32Array(s.io, 0, 1);
  const status = new Int32Array(s.io, statusAt, count);
  for (let j = Atomics.add(counter, 0, 1); j < count; j = Atomics.add(counter, 0, 1)) {
    valueView.set(new Float64Array(s.io, valuesAt + j * nValues * 8, nValues));
    const failed = ex.factorFronts(...args);
    status[j] = failed;
    if (failed < 0) {
      ex.lowerInverseGram(front, x, y, p);
      new Float64Array(s.io, outAt + j * p * p * 8, p * p).set(inverse);
    }
  }
}`,
};
