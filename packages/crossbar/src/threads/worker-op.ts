// TYPES //

/**
 * One operation the pool's workers can run. Its code runs inside the worker, so it is JavaScript source text (a worker
 * is started from a string, and nothing from the caller's module graph is available there).
 */
export interface WorkerOp {
  /** Name used by the caller (`runJob(pool, threads, name, …)`) and in error messages. */
  readonly name: string;
  /**
   * Source of `(args, ctx) => void`: one part of a job. `args` are this worker's argument words (integers), `ctx`
   * is the worker's context: `id`, `gemm` (the exports of the shared-memory GEMM kernel), `portSchurModule` (the
   * compiled port-Schur kernel, or null), and `state` (an object the op may keep things in between jobs).
   */
  readonly run: string;
  /**
   * Source of `(message, ctx) => void`, called for each message posted to this op (`pool.post`) before the next job
   * runs. Omit when the op needs no messages (then it also runs in browsers, where workers get no messages).
   */
  readonly message?: string;
}
