import { hostname } from 'node:os';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidParameterError, resolveOptions } from '@memsim/core';
import { type Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { canonicalJson, sha256 } from '../experiments/content-hash';
import type { WorkerSetup } from '../experiments/executor';
import { type SweepInputs, describeDifferences } from '../experiments/inputs-record';
import type { TrialExecutor, TrialTask } from '../experiments/runner';
import { uploadModel } from './content-store';
import { cliVersion } from './version';
import { QUEUE_OPTIONS_SCHEMA } from './queue-options-rules';
import { firstLine, openRedis, parseRedisTarget, probeRedis, queueKeys } from './redis-target';
import {
  RECORD_RESULT_SCRIPT,
  type SweepSpec,
  type TrialJobData,
  decodeResult,
  sweepKey,
  trialJobId,
} from './sweep-spec';

/**
 * Options of `memsim experiment … --queue URL`.
 *
 * @example
 * // (typechecked, not run: needs a Redis server)
 * const options: QueueOptions = { url: 'redis://127.0.0.1:6379', name: 'memsim', attempts: 3, timeout: 300, engine: 'trial' }; // the defaults
 * const inputs = { study: 'faults', model: 'cnn', data: 'mnist', samples: 1000, points: [], seeds: 1, seed: 1 };
 * const executor = createQueueExecutor(options, { setup: null, inputs });
 */
export interface QueueOptions {
  /** Redis URL: `redis://[:PASSWORD@]HOST:PORT/DB` (`rediss://` for TLS). */
  url: string;
  /** BullMQ queue name. Default `'memsim'`. */
  name?: string;
  /** Attempts per trial before it is recorded as failed. Default 3. */
  attempts?: number;
  /** Give up when Redis stays unreachable this long [s]. Default 300 (or `MEMSIM_QUEUE_TIMEOUT`). */
  timeout?: number;
  /** `'noop'`: benchmark-only trials that cost nothing on the worker (see {@link SweepSpec}). Default `'trial'`. */
  engine?: 'trial' | 'noop';
}

/**
 * What the submitter knows about the sweep.
 *
 * @example
 * // (typechecked, not run: needs a Redis server)
 * const inputs = { study: 'faults', model: 'cnn', data: 'mnist', samples: 1000, points: [], seeds: 1, seed: 1 };
 * const context: QueueSweepContext = { setup: null, inputs, progress: null }; // setup null: the benchmark-only 'noop' engine
 * const executor = createQueueExecutor({ url: 'redis://127.0.0.1:6379', engine: 'noop' }, context);
 */
export interface QueueSweepContext {
  /** The local worker setup (model folder, loader options); null for the `noop` engine. */
  setup: WorkerSetup | null;
  inputs: SweepInputs;
  progress?: NodeJS.WritableStream | null;
}

const WHERE = 'memsim experiment';
/** The owner record expires unless renewed this often; a killed submitter frees the queue after it. */
const OWNER_TTL_MS = 15_000;
const POLL_MS = 200;
const STATUS_MS = 2000;
const RECONCILE_MS = 3000;

/** Lua: take or renew the queue for a sweep (id ARGV[1]) unless another sweep holds it; returns the holder's value. */
const CLAIM_SCRIPT = `local v = redis.call('GET', KEYS[1])
if v == false or cjson.decode(v).id == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return ARGV[2]
end
return v`;
/** Lua: free the queue if this sweep holds it. */
const RELEASE_SCRIPT = `local v = redis.call('GET', KEYS[1])
if v ~= false and cjson.decode(v).id == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0`;

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

/** Loader options with every path made absolute (a worker reads the same path on its own machine). */
function absoluteDataOptions(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [
        k,
        k !== 'dataset' && k !== 'split' && typeof v === 'string' && existsSync(v) ? resolve(v) : v,
      ]),
  );
}

/**
 * An executor that runs trials on `memsim worker` processes through a BullMQ queue in Redis. It stores the model's
 * files and the sweep definition by content, enqueues one job per trial whose id is the hash of model, data, study,
 * setting and seed (a trial already recorded is never enqueued again), then waits, printing done / running / failed
 * and an ETA, and hands each result to the runner, which writes the CSV exactly as a local run does.
 * @throws {InvalidParameterError} when an option is unknown or breaks its rule (`url` a Redis URL, `attempts` an
 *   integer in [1, 100], `timeout` > 0, `engine` 'trial' or 'noop'), before Redis is contacted.
 * @example
 * // (typechecked, not run: needs a Redis server)
 * const inputs = { study: 'faults', model: 'cnn', data: 'mnist', samples: 1000, points: [], seeds: 1, seed: 1 };
 * const executor = createQueueExecutor({ url: 'redis://127.0.0.1:6379' }, { setup: null, inputs });
 */
export function createQueueExecutor(options: QueueOptions, context: QueueSweepContext): TrialExecutor {
  const o = resolveOptions('createQueueExecutor', options, QUEUE_OPTIONS_SCHEMA);
  const target = parseRedisTarget(WHERE, o.url, o.name);
  const attempts = o.attempts ?? 3;
  const engine = o.engine ?? 'trial';
  const timeout = (o.timeout ?? Number(process.env.MEMSIM_QUEUE_TIMEOUT ?? 300)) * 1000;
  return {
    workers: 1,
    async run(tasks, onResult) {
      if (tasks.length === 0) return;
      await probeRedis(WHERE, target);
      let downSince: number | null = null;
      let lastError = '';
      const redis = openRedis(target, (status, error) => {
        if (status === 'ready') downSince = null;
        else {
          downSince ??= Date.now();
          lastError = firstLine(error);
        }
      });
      const queue = new Queue<TrialJobData>(target.queueName, { connection: redis });
      queue.on('error', () => {
        // connection errors are tracked on the client; the watchdog reports a lasting outage
      });
      // Commands wait while Redis is away (so a restart is ridden out); a lasting outage ends the run instead.
      let watchdog: NodeJS.Timeout | undefined;
      const lost = new Promise<never>((_resolve, reject) => {
        watchdog = setInterval(() => {
          if (downSince !== null && Date.now() - downSince > timeout)
            reject(
              new InvalidParameterError({
                where: WHERE,
                parameter: '--queue',
                value: target.display,
                expected: '',
                message: `${WHERE}: lost Redis at ${target.display} for more than ${timeout / 1000} s (${lastError}); rerun the same command to resume.`,
              }),
            );
        }, 1000);
      });
      const running = runOnQueue(redis, queue, tasks, onResult);
      running.catch(() => undefined);
      try {
        await Promise.race([running, lost]);
      } finally {
        clearInterval(watchdog);
        redis.disconnect();
        await Promise.race([queue.close().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
      }
    },
  };

  async function runOnQueue(
    redis: Redis,
    queue: Queue<TrialJobData>,
    tasks: TrialTask[],
    onResult: Parameters<TrialExecutor['run']>[1],
  ): Promise<void> {
    const keys = queueKeys(target.queueName);
    const { inputs } = context;
    const progress = context.progress ?? null;
    const say = (s: string) => progress?.write(`${s}\n`);

    // 1. Claim the queue for this sweep (a second submitter of the same sweep joins; another sweep is refused).
    const ownerId = sha256(canonicalJson(inputs)).slice(0, 32);
    // Long grids are named by count and hash in the owner record (it is rewritten every few seconds).
    const pointsJson = canonicalJson(inputs.points);
    const shown = {
      ...inputs,
      points:
        pointsJson.length > 2000 ? `${inputs.points.length} points ${sha256(pointsJson).slice(0, 12)}` : inputs.points,
    };
    const ownerValue = JSON.stringify({ id: ownerId, inputs: shown, host: hostname(), pid: process.pid });
    const claim = async () =>
      (await redis.eval(CLAIM_SCRIPT, 1, keys.owner, ownerId, ownerValue, String(OWNER_TTL_MS))) as string;
    const holder = await claim();
    if (holder !== ownerValue) {
      const other = JSON.parse(holder) as { id: string; inputs: SweepInputs; host: string; pid: number };
      if (other.id !== ownerId)
        throw new InvalidParameterError({
          where: WHERE,
          parameter: '--queue',
          value: target.display,
          expected: '',
          message: `${WHERE}: queue '${target.queueName}' at ${target.display} is busy with another sweep (${other.host} pid ${other.pid}) whose inputs differ: ${describeDifferences(other.inputs, shown as SweepInputs).join(', ')}; wait for it, or pass another --queue-name.`,
        });
    }

    // 2. Store what workers need, by content.
    const spec: SweepSpec = {
      format: 1,
      version: cliVersion(),
      engine,
      experiment: inputs.study,
      model: engine === 'trial' && context.setup !== null ? await uploadModel(redis, context.setup.modelDir) : null,
      data:
        engine === 'trial' && context.setup !== null
          ? {
              options: absoluteDataOptions(context.setup.data as Record<string, unknown>),
              hash: inputs.data,
              count: inputs.samples,
            }
          : null,
    };
    const sweep = sweepKey(spec);
    await redis.set(keys.sweep(sweep), JSON.stringify(spec));

    // 3. Trials already recorded (by any sweep) are taken as they are; the rest are enqueued.
    const idOf = { engine, experiment: inputs.study, model: inputs.model, data: inputs.data };
    const byId = new Map<string, TrialTask>();
    for (const t of tasks) byId.set(trialJobId(idOf, t.point, t.seed), t);
    const undelivered = new Set(byId.keys());
    let cursor = await redis.llen(keys.done);
    let failed = 0;
    let deliveredNow = 0;
    const deliver = async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += 1000) {
        const chunk = ids.slice(i, i + 1000).filter((id) => undelivered.has(id));
        if (chunk.length === 0) continue;
        const values = await redis.hmget(keys.results, ...chunk);
        chunk.forEach((id, k) => {
          const text = values[k];
          if (text === null || text === undefined || !undelivered.has(id)) return;
          undelivered.delete(id);
          const result = decodeResult(text);
          if (!Number.isFinite(result.accuracy)) failed++;
          deliveredNow++;
          onResult(byId.get(id)!, result);
        });
      }
    };
    await deliver([...byId.keys()]);
    const already = deliveredNow;
    deliveredNow = 0;
    if (already > 0) say(`${WHERE}: ${already} of ${tasks.length} trials already recorded in Redis`);
    const enqueue = async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += 500)
        await queue.addBulk(
          ids.slice(i, i + 500).map((id) => {
            const t = byId.get(id)!;
            return {
              name: inputs.study,
              data: { sweep, point: t.point, seed: t.seed },
              opts: {
                jobId: id,
                attempts,
                backoff: { type: 'fixed', delay: 1000 },
                removeOnComplete: true,
                removeOnFail: false,
              },
            };
          }),
        );
    };
    await enqueue([...undelivered]);
    say(
      `${WHERE}: ${undelivered.size} trials queued on '${target.queueName}' at ${target.display} (sweep ${sweep.slice(0, 12)}); start workers with: memsim worker --queue ${target.display}${target.queueName === 'memsim' ? '' : ` --queue-name ${target.queueName}`}`,
    );

    // 4. Wait: follow the done list, print status, recover failed and lost jobs, keep the claim alive.
    const started = Date.now();
    let lastStatus = 0;
    let lastReconcile = Date.now();
    let lastClaim = Date.now();
    const seenErrors = new Set<string>();
    while (undelivered.size > 0) {
      const now = Date.now();
      const ids = await redis.lrange(keys.done, cursor, cursor + 4999);
      cursor += ids.length;
      await deliver(ids);
      if (now - lastClaim > OWNER_TTL_MS / 3) {
        lastClaim = now;
        await claim();
      }
      if (now - lastReconcile > RECONCILE_MS && undelivered.size > 0) {
        lastReconcile = now;
        await reconcile(redis, queue, keys, undelivered, enqueue);
      }
      if (progress !== null && (now - lastStatus > STATUS_MS || undelivered.size === 0)) {
        lastStatus = now;
        const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        // CLIENT LIST may be disabled on a managed Redis: then the count is unknown.
        const workers = await queue.getWorkersCount().catch(() => '?');
        const elapsed = (now - started) / 1000;
        const eta = deliveredNow > 0 ? (undelivered.size * elapsed) / deliveredNow : Number.NaN;
        const done = tasks.length - undelivered.size;
        say(
          `${inputs.study} via queue '${target.queueName}': ${done} of ${tasks.length} done, ${counts.active ?? 0} running, ${failed} failed, ${(counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0)} waiting; ${workers} worker connection(s); elapsed ${formatSeconds(elapsed)}, ETA ${formatSeconds(eta)}`,
        );
        for (const line of await redis.lrange(keys.errors, 0, 9)) {
          if (seenErrors.has(line)) continue;
          seenErrors.add(line);
          const e = JSON.parse(line) as { host: string; pid: number; message: string; time: number };
          if (e.time >= started - 60_000) say(`${WHERE}: worker ${e.host} pid ${e.pid}: ${e.message}`);
        }
      }
      if (undelivered.size > 0) await new Promise((r) => setTimeout(r, POLL_MS));
    }
    await redis.eval(RELEASE_SCRIPT, 1, keys.owner, ownerId);
  }
}

/**
 * Backstop for what the done list cannot show: a job that BullMQ failed for good (attempts used up, or stalled too
 * often) is recorded as a failed trial; a job that vanished (e.g. Redis lost its last second of writes) is enqueued
 * again. Recording goes through the same write-once script as the workers, so nothing is written twice.
 */
async function reconcile(
  redis: Redis,
  queue: Queue<TrialJobData>,
  keys: ReturnType<typeof queueKeys>,
  undelivered: Set<string>,
  enqueue: (ids: string[]) => Promise<void>,
): Promise<void> {
  const failedJobs: Job<TrialJobData>[] = await queue.getFailed(0, -1);
  for (const job of failedJobs) {
    if (job.id === undefined || !undelivered.has(job.id)) continue;
    const failure = `failed after ${job.attemptsMade} attempt(s): ${firstLine(job.failedReason ?? 'unknown error')}`;
    const value = JSON.stringify({ accuracy: null, failure, timing: { patch: 0, tune: 0, inference: 0 } });
    await redis.eval(RECORD_RESULT_SCRIPT, 2, keys.results, keys.done, job.id, value);
  }
  const pending = [...undelivered];
  const missing: string[] = [];
  for (let i = 0; i < pending.length; i += 2000) {
    const chunk = pending.slice(i, i + 2000);
    const pipeline = redis.pipeline();
    for (const id of chunk) {
      pipeline.exists(`bull:${queue.name}:${id}`);
      pipeline.hexists(keys.results, id);
    }
    const replies = (await pipeline.exec()) ?? [];
    chunk.forEach((id, k) => {
      if (replies[2 * k]?.[1] === 0 && replies[2 * k + 1]?.[1] === 0) missing.push(id);
    });
  }
  if (missing.length > 0) await enqueue(missing);
}
