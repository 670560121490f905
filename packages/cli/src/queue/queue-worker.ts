import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterError } from '@memsim/core';
import { type Job, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadDataset } from '../data/dataset';
import { hashDataset } from '../experiments/content-hash';
import type { WorkerSetup } from '../experiments/executor';
import { materializeModel } from './content-store';
import { firstLine, openRedis, parseRedisTarget, probeRedis, queueKeys } from './redis-target';
import { RECORD_RESULT_SCRIPT, type SweepSpec, type TrialJobData, encodeResult } from './sweep-spec';
import { TrialThreads } from './trial-threads';
import { cliVersion } from './version';

/**
 * Options of {@link runQueueWorker}.
 *
 * @example
 * // (typechecked, not run: needs a Redis server; runs until stopped)
 * const options: QueueWorkerOptions = { url: 'redis://127.0.0.1:6379', name: 'memsim', concurrency: 1, lockSeconds: 30, stderr: process.stderr, progress: null }; // name, concurrency, lockSeconds: defaults
 * const code = await runQueueWorker(options); // until SIGTERM or SIGINT
 */
export interface QueueWorkerOptions {
  /** Redis URL (see `memsim experiment --queue`). */
  url: string;
  /** BullMQ queue name. Default `'memsim'`. */
  name?: string;
  /** Trials run at once (one thread each). Default 1. */
  concurrency?: number;
  /** Where models fetched from Redis are written. Default `$MEMSIM_CACHE_DIR` or `~/.cache/memsim`. */
  cacheDir?: string;
  /**
   * Lock time of a trial [s]: a worker that dies mid-trial has its trial taken over by another after about this
   * long (BullMQ stall detection). Default 30.
   */
  lockSeconds?: number;
  /** One-line errors go here. */
  stderr: NodeJS.WritableStream;
  /** Start, per-trial and stop lines; null silences them. */
  progress: NodeJS.WritableStream | null;
  /** Resolves when the worker should stop after its current trials (default: SIGTERM or SIGINT). */
  stop?: Promise<void>;
}

const WHERE = 'memsim worker';

/** What a worker has ready for one sweep. */
interface SweepContext {
  spec: SweepSpec;
  setup: WorkerSetup | null;
}

/** Thrown when this machine cannot run a sweep at all (missing or different data): the job is handed back. */
class MachineSetupError extends InvalidParameterError {}

/** Checks that the data the sweep names is here and is the same, then returns the thread setup. */
async function prepare(redis: Redis, spec: SweepSpec, cacheDir: string): Promise<SweepContext> {
  if (spec.version !== cliVersion())
    throw new MachineSetupError({
      where: WHERE,
      parameter: 'version',
      value: cliVersion(),
      expected: '',
      message: `${WHERE}: this worker runs @memsim/cli ${cliVersion()} but the sweep was submitted with ${spec.version}; run the same version on both.`,
    });
  if (spec.engine === 'noop' || spec.model === null || spec.data === null) return { spec, setup: null };
  const options = spec.data.options;
  const where = typeof options.data === 'string' ? options.data : String(options.dataset ?? 'mnist');
  let hash: string;
  try {
    hash = hashDataset(loadDataset(options as Parameters<typeof loadDataset>[0]));
  } catch (error) {
    throw new MachineSetupError({
      where: WHERE,
      parameter: 'data',
      value: where,
      expected: '',
      message: `${WHERE}: this machine cannot read the sweep's data ${where} (${firstLine(error)}); put the same file at that path.`,
    });
  }
  if (hash !== spec.data.hash)
    throw new MachineSetupError({
      where: WHERE,
      parameter: 'data',
      value: where,
      expected: '',
      message: `${WHERE}: the data at ${where} on this machine differs from the submitter's (content ${hash.slice(0, 12)} here, ${spec.data.hash.slice(0, 12)} in the sweep); put the same file at that path.`,
    });
  const modelDir = await materializeModel(redis, spec.model, cacheDir);
  return { spec, setup: { experiment: spec.experiment, modelDir, data: options as WorkerSetup['data'] } };
}

/** The benchmark-only `noop` engine: an accuracy in [0, 1) derived from the job id, at no cost. */
function noopAccuracy(id: string): number {
  return Number.parseInt(id.slice(1, 9), 16) / 2 ** 32;
}

/**
 * `memsim worker`: takes trials from the queue and runs them until stopped. Each trial is recorded once (a trial
 * already recorded is not run again); a trial that throws is retried by BullMQ and recorded as failed after its
 * attempts; a machine that lacks the sweep's data hands the trial back, reports why and exits with code 1.
 * SIGTERM (or `stop`) finishes the current trials and exits with 0; a second SIGTERM stops at once, and the
 * interrupted trials are taken over by other workers after the lock time.
 * @example
 * // (typechecked, not run: needs a Redis server; runs until stopped)
 * await runQueueWorker({ url: 'redis://127.0.0.1:6379', stderr: process.stderr, progress: null });
 */
export async function runQueueWorker(options: QueueWorkerOptions): Promise<number> {
  const target = parseRedisTarget(WHERE, options.url, options.name);
  const concurrency = options.concurrency ?? 1;
  const lockMs = (options.lockSeconds ?? 30) * 1000;
  const cacheDir = options.cacheDir ?? process.env.MEMSIM_CACHE_DIR ?? join(homedir(), '.cache', 'memsim');
  const say = (s: string) => options.progress?.write(`${s}\n`);
  await probeRedis(WHERE, target);
  const keys = queueKeys(target.queueName);
  let down = false;
  const redis = openRedis(target, (status, error) => {
    if (status === 'ready') {
      if (down) say(`${WHERE}: reconnected to Redis`);
      down = false;
    } else if (!down) {
      down = true;
      say(`${WHERE}: lost Redis (${firstLine(error)}); reconnecting`);
    }
  });
  const threads = new TrialThreads(concurrency);
  const contexts = new Map<string, Promise<SweepContext>>();
  const context = (sweep: string): Promise<SweepContext> => {
    let c = contexts.get(sweep);
    if (c === undefined) {
      c = (async () => {
        const text = await redis.get(keys.sweep(sweep));
        if (text === null) throw new Error(`the definition of sweep ${sweep} is not in Redis (rerun the submitter)`);
        return prepare(redis, JSON.parse(text) as SweepSpec, cacheDir);
      })();
      contexts.set(sweep, c);
      c.catch(() => contexts.delete(sweep));
    }
    return c;
  };

  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let fatal: string | null = null;

  const processor = async (job: Job<TrialJobData>, token?: string): Promise<string> => {
    const id = job.id!;
    if ((await redis.hexists(keys.results, id)) === 1) return 'already recorded';
    let c: SweepContext;
    try {
      c = await context(job.data.sweep);
    } catch (error) {
      if (!(error instanceof MachineSetupError)) throw error;
      // Not the trial's fault: hand it back untouched (no attempt used) and stop this worker.
      await job.moveToWait(token);
      if (fatal === null) {
        fatal = firstLine(error);
        await redis.lpush(
          keys.errors,
          JSON.stringify({ host: hostname(), pid: process.pid, message: fatal, time: Date.now() }),
        );
        await redis.ltrim(keys.errors, 0, 99);
        setImmediate(() => void stop(1));
      }
      throw new WaitingError();
    }
    const t0 = performance.now();
    const result =
      c.setup === null
        ? { accuracy: noopAccuracy(id), timing: { patch: 0, tune: 0, inference: 0 } }
        : await threads.run(c.setup, job.data.point, job.data.seed);
    await redis.eval(RECORD_RESULT_SCRIPT, 2, keys.results, keys.done, id, encodeResult(result));
    if (c.setup !== null)
      say(
        `${WHERE}: ${c.spec.experiment} ${Object.entries(job.data.point)
          .map(([k, v]) => `${k}=${v}`)
          .join(
            ' ',
          )} seed=${job.data.seed}: ${Number.isFinite(result.accuracy) ? `${(100 * result.accuracy).toFixed(2)} %` : 'failed'} (${((performance.now() - t0) / 1000).toFixed(2)} s)`,
      );
    return 'recorded';
  };

  const worker = new Worker<TrialJobData, string>(target.queueName, processor, {
    connection: redis,
    concurrency,
    lockDuration: lockMs,
    stalledInterval: Math.max(1000, Math.round(lockMs / 2)),
    maxStalledCount: 5,
    autorun: false,
  });
  worker.on('error', () => {
    // connection errors are reported once per outage by the client's status hook
  });
  worker.on('failed', (job, error) => {
    if (job === undefined || error instanceof WaitingError || error.name === 'WaitingError') return;
    say(`${WHERE}: trial ${job.id} threw (attempt ${job.attemptsMade}): ${firstLine(error)}`);
    if (job.finishedOn === undefined) return;
    // Attempts used up: record the failure (once; the submitter does the same if this worker dies first).
    const failure = `failed after ${job.attemptsMade} attempt(s): ${firstLine(error)}`;
    void redis
      .eval(
        RECORD_RESULT_SCRIPT,
        2,
        keys.results,
        keys.done,
        job.id!,
        JSON.stringify({ accuracy: null, failure, timing: { patch: 0, tune: 0, inference: 0 } }),
      )
      .catch(() => undefined);
  });

  let stopping = false;
  async function stop(code: number, force = false): Promise<void> {
    if (stopping && !force) return;
    stopping = true;
    if (!force) say(`${WHERE}: stopping after the current trial(s)`);
    await worker.close(force).catch(() => undefined);
    await threads.close();
    redis.disconnect();
    if (fatal !== null) options.stderr.write(`${fatal}\n`);
    finish(fatal !== null ? 1 : code);
  }
  const onSignal = () => void stop(0, stopping);
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  options.stop?.then(() => stop(0));
  say(
    `${WHERE}: ${concurrency} trial thread(s) on queue '${target.queueName}' at ${target.display} (${hostname()} pid ${process.pid})`,
  );
  worker.run().catch((error: unknown) => {
    fatal ??= `${WHERE}: ${firstLine(error)}`;
    void stop(1);
  });
  try {
    return await finished;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}
