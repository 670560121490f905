// MAIN //

/**
 * Layout of the pool's shared control words (Int32): [0] job sequence, [1] workers done with this job, [2] workers
 * ready, [3] worker that failed this job + 1, [4] worker that exited + 1 (never reset: the pool is dead), then
 * {@link ARG_COUNT} words per worker: [0] op code (−1: nothing to do), [1] argument count, then the arguments.
 */
export const SEQUENCE = 0;
export const DONE = 1;
export const READY = 2;
export const FAILED = 3;
export const DEAD = 4;
export const ARGS = 5;
/** Words per worker (op, count and up to 20 argument words: `tiledPanels` takes 20). */
export const ARG_COUNT = 22;
