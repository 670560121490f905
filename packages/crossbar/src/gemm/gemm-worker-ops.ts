// MODULES //

import type { WorkerOp } from '../threads/worker-op';

// MAIN //

/** One panel range of a packed GEMM (`gemmPanels` of asm/gemm.ts) on the shared memory. */
export const GEMM_WORKER_OP: WorkerOp = { name: 'gemm', run: '(a, ctx) => ctx.gemm.gemmPanels(...a)' };

/** One row-panel range of the tiled read-out (`tiledPanels` of asm/gemm.ts) on the shared memory. */
export const TILED_WORKER_OP: WorkerOp = { name: 'tiled', run: '(a, ctx) => ctx.gemm.tiledPanels(...a)' };
