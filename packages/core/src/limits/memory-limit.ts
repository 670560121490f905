import { formatValue } from '../errors/format-value';
import { InvalidParameterError } from '../errors/invalid-parameter-error';

/**
 * Default memory budget of one memsim allocation request [bytes]: 2 GiB. Above it a request fails fast with an
 * `InvalidParameterError` instead of growing the process until the machine swaps or V8 dies with
 * `RangeError: Invalid typed array length` (typed arrays themselves stop at 2^32 elements in Node 20).
 *
 * @example
 * DEFAULT_MEMORY_LIMIT / 1024 ** 3; // → 2 (GiB)
 */
export const DEFAULT_MEMORY_LIMIT = 2 * 1024 ** 3;

// Why a module-level value: the limit is a process-wide policy (like Node's --max-old-space-size), read by every
// package through the one copy of core; the env variable lets a CLI user raise it without code.
let limit: number | undefined;

function envLimit(): number | undefined {
  // `process` may not exist (browser); read it defensively, never at import time.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const raw = env?.MEMSIM_MAX_BYTES;
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new InvalidParameterError({
      where: 'memsim memory limit',
      parameter: 'MEMSIM_MAX_BYTES',
      value: raw,
      expected: 'a number of bytes > 0',
    });
  return value;
}

/**
 * The current memory budget [bytes]: the value given to {@link setMemoryLimit}, else the environment variable
 * `MEMSIM_MAX_BYTES`, else {@link DEFAULT_MEMORY_LIMIT}.
 *
 * @throws {InvalidParameterError} when `MEMSIM_MAX_BYTES` is set but is not a positive number.
 *
 * @example
 * getMemoryLimit(); // → 2147483648 unless setMemoryLimit or MEMSIM_MAX_BYTES says otherwise
 */
export function getMemoryLimit(): number {
  return limit ?? envLimit() ?? DEFAULT_MEMORY_LIMIT;
}

/**
 * Sets the memory budget of one allocation request [bytes] for this process; `undefined` restores the default
 * (environment, then {@link DEFAULT_MEMORY_LIMIT}). Returns the previous explicit value, so a caller can restore it.
 *
 * @throws {InvalidParameterError} when `bytes` is not a finite number > 0 (or undefined).
 * @example
 * setMemoryLimit(8 * 1024 ** 3); // allow 8 GiB per request
 */
export function setMemoryLimit(bytes: number | undefined): number | undefined {
  if (bytes !== undefined && (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes <= 0))
    throw new InvalidParameterError({
      where: 'setMemoryLimit',
      parameter: 'bytes',
      value: bytes,
      expected: 'a finite number of bytes > 0, or undefined for the default',
    });
  const previous = limit;
  limit = bytes;
  return previous;
}

function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 || u === 0 ? Math.round(v) : v.toPrecision(3)} ${units[u]}`;
}

/**
 * Fails fast, before allocating, when a request of `count` items of `bytesPerItem` bytes each exceeds the memory
 * budget ({@link getMemoryLimit}). Call it at the boundary of every public function whose allocation grows with a
 * user-given size, with the size as `parameter`/`count` and a whole-request estimate of the bytes per item.
 *
 * @throws {InvalidParameterError} naming `parameter`, its value and the estimate, when the estimate is over budget.
 * @example
 * const n = 1000;
 * checkMemory('createPopulation', 'n', n, 8 * 4); // n devices, four Float64Array slots each: well within the limit
 */
export function checkMemory(where: string, parameter: string, count: number, bytesPerItem: number): void {
  // A size that is not a number ≥ 0 is a bad size whatever the budget (Infinity is a size, and over any budget).
  if (typeof count !== 'number' || !(count >= 0))
    throw new InvalidParameterError({ where, parameter, value: count, expected: 'a size >= 0' });
  if (typeof bytesPerItem !== 'number' || !(bytesPerItem >= 0 && bytesPerItem < Number.POSITIVE_INFINITY))
    throw new InvalidParameterError({
      where: 'checkMemory',
      parameter: 'bytesPerItem',
      value: bytesPerItem,
      expected: 'a finite number of bytes >= 0',
    });
  const estimate = count * bytesPerItem;
  const budget = getMemoryLimit();
  if (!(estimate <= budget))
    throw new InvalidParameterError({
      where,
      parameter,
      value: count,
      expected: `small enough to fit the memory limit: ${formatValue(count)} needs about ${formatBytes(estimate)}, the limit is ${formatBytes(budget)} (raise it with setMemoryLimit() from @memsim/core or the MEMSIM_MAX_BYTES environment variable)`,
    });
}
