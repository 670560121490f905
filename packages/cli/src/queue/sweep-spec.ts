import type { TrialTiming } from '../experiments/simulate';
import type { SweepPoint } from '../experiments/definitions';
import { canonicalJson, sha256 } from '../experiments/content-hash';
import type { ModelRef } from './content-store';

/**
 * What a worker needs to run the trials of one sweep, stored in Redis under its content hash. Jobs carry data only
 * (the sweep key, a point and a seed): nothing in the queue is executed as code.
 *
 * `engine: 'noop'` is for benchmarks only: the worker answers at once with an accuracy derived from the job id,
 * without any model or data, so the queue path is measured alone.
 *
 * @example
 * const spec: SweepSpec = { format: 1, version: '0.1.0', engine: 'noop', experiment: 'faults', model: null, data: null };
 * sweepKey(spec); // → a 32-hex-digit key: the same spec always gives the same key
 */
export interface SweepSpec {
  format: 1;
  /** The submitter's @memsim/cli version; a worker of another version refuses the sweep. */
  version: string;
  engine: 'trial' | 'noop';
  experiment: string;
  /** The model's files by content (null for `noop`). */
  model: ModelRef | null;
  /**
   * The data: the loader options as the submitter passed them (built-in name, or an absolute path each worker must
   * have), and the content hash of the samples they must yield.
   */
  data: { options: Record<string, unknown>; hash: string; count: number } | null;
}

/**
 * Data of one BullMQ job: which sweep, which point, which seed.
 *
 * @example
 * const sweep = sweepKey({ format: 1, version: '0.1.0', engine: 'noop', experiment: 'faults', model: null, data: null });
 * const job: TrialJobData = { sweep, point: { kind: 'LRS', rate: 0.1 }, seed: 1 }; // plain data, never code
 * JSON.stringify(job); // what a BullMQ job carries
 */
export interface TrialJobData {
  sweep: string;
  point: SweepPoint;
  seed: number;
}

/** A trial's result as stored in Redis (accuracy null when the trial failed). */
export interface StoredResult {
  accuracy: number | null;
  failure?: string;
  timing: TrialTiming;
}

/**
 * Content key of a sweep spec.
 *
 * @example
 * sweepKey({ format: 1, version: '0.1.0', engine: 'noop', experiment: 'faults', model: null, data: null }); // → a hex key
 */
export function sweepKey(spec: SweepSpec): string {
  return sha256(canonicalJson(spec)).slice(0, 32);
}

/**
 * The job id of a trial: the hash of the model's and the data's content, the study, the setting (sweep point) and
 * the seed — the same trial always has the same id, whichever sweep asks for it, so it runs and is recorded once.
 * @example
 * trialJobId({ engine: 'trial', experiment: 'faults', model: 'abc', data: 'def' }, { lrs: 0.05 }, 1); // → 't…' (40 hex)
 */
export function trialJobId(
  spec: Pick<SweepSpec, 'engine' | 'experiment'> & { model: string; data: string },
  point: SweepPoint,
  seed: number,
): string {
  return `t${sha256(canonicalJson({ ...spec, point, seed })).slice(0, 40)}`;
}

/** Lua: record a result once (HSETNX) and, if it is new, append its id to the done list. */
export const RECORD_RESULT_SCRIPT = `if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('RPUSH', KEYS[2], ARGV[1])
  return 1
end
return 0`;

/** Encodes a result for {@link RECORD_RESULT_SCRIPT}. */
export function encodeResult(r: { accuracy: number; failure?: string; timing: TrialTiming }): string {
  const stored: StoredResult = {
    accuracy: Number.isFinite(r.accuracy) ? r.accuracy : null,
    ...(r.failure !== undefined ? { failure: r.failure } : {}),
    timing: r.timing,
  };
  return JSON.stringify(stored);
}

/** Decodes a stored result (a null accuracy becomes NaN, as a local failed trial). */
export function decodeResult(text: string): { accuracy: number; failure?: string; timing: TrialTiming } {
  const r = JSON.parse(text) as StoredResult;
  return {
    accuracy: r.accuracy ?? Number.NaN,
    ...(r.failure !== undefined ? { failure: r.failure } : {}),
    timing: r.timing,
  };
}
