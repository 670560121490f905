// MODULES //

import { InvalidParameterError } from '@memsim/core';
import { getPool, startBrowserPool } from './pool';

// MAIN //

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
  if (getPool(helpers) !== null) return threads;
  return (await startBrowserPool(helpers)) ? threads : 1;
}
