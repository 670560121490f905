// MODULES //

import { GEMM_WORKER_OP, TILED_WORKER_OP } from '../gemm/gemm-worker-ops';
import { PORT_SCHUR_WORKER_OP } from '../passive/port-schur-worker-op';
import type { WorkerOp } from './worker-op';

// MAIN //

/** Test-only ops: the worker throws, or exits, in the middle of a job (checks that the caller is rejected). */
const THROW_FOR_TEST: WorkerOp = { name: 'throw-for-test', run: "() => { throw new Error('test: worker failure'); }" };
const EXIT_FOR_TEST: WorkerOp = { name: 'exit-for-test', run: '() => process.exit(1)' };
/** An empty job: what one fork-join costs by itself (bench/pool.bench.ts). */
const NOOP: WorkerOp = { name: 'noop', run: '() => {}' };

/**
 * Every op of the worker pool. Workers are built once from this table, so an op must be listed here to be usable;
 * a new kernel adds one entry (its index is its op code in the control words).
 */
export const WORKER_OPS: readonly WorkerOp[] = [
  GEMM_WORKER_OP,
  TILED_WORKER_OP,
  PORT_SCHUR_WORKER_OP,
  THROW_FOR_TEST,
  EXIT_FOR_TEST,
  NOOP,
];

/** Op code of `name` (its index in {@link WORKER_OPS}). */
export function opCode(name: string): number {
  const code = WORKER_OPS.findIndex((op) => op.name === name);
  if (code < 0) throw new Error(`worker pool: no op named '${name}' (add it to WORKER_OPS)`);
  return code;
}
