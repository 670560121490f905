/**
 * The default thread budget: the cores this process may use (`os.availableParallelism()` in Node,
 * `navigator.hardwareConcurrency` in browsers), 1 when unknown. Callers that run several simulations at once (the
 * CLI's trial workers) divide this budget between them rather than multiplying it.
 *
 * @example
 * defaultThreads(); // → 2 on a 2-core machine
 */
export function defaultThreads(): number {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const cores =
    os?.availableParallelism?.() ??
    (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ??
    1;
  return Number.isInteger(cores) && cores >= 1 ? Math.min(cores, 64) : 1;
}
