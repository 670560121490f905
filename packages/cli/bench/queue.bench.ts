// cli::queue — trials through Redis + BullMQ (`memsim experiment --queue` and `memsim worker` processes) against the
// local `--workers` run, and the queue's own cost per trial with the benchmark-only `noop` engine (a job type that
// carries a point and a seed and returns at once, without model or data: only the queue path is measured).
// Needs redis-server (started here on 127.0.0.1, a free port, a temporary directory) and the built CLI (dist).
// MEMSIM_BENCH_QUEUE_TRIALS: seeds of the real sweep (3 σ × seeds trials, default 8); MEMSIM_BENCH_NOOP: trials
// of the scale run (default 10000). Timings on a shared 2-core machine are noisy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportFigure } from '@memsim/core/testing';
import { Queue } from 'bullmq';
import { type SweepInputs, createQueueExecutor, getExperiment, runExperiment } from '../src/index';
import type { ExperimentDefinition } from '../src/index';
import { tempDir } from '../test/helpers';
import { type CliProcess, startCli, until } from '../test/queue/cli-process';
import { findRedisServer, startRedis } from '../test/queue/redis-server';

const bin = findRedisServer();
if (bin === null) {
  console.log('redis-server not found: cli::queue benchmarks skipped (apt-get install redis-server)');
  process.exit(0);
}
const seeds = Number(process.env.MEMSIM_BENCH_QUEUE_TRIALS ?? 8);
const noopTrials = Number(process.env.MEMSIM_BENCH_NOOP ?? 10_000);
const redis = await startRedis(bin);
const sweep = [
  'experiment',
  'variability',
  '--arch',
  'mlp',
  '--limit',
  '64',
  '--seeds',
  String(seeds),
  '--json',
  '--quiet',
];

/** Runs a submitter and returns trials/s of its sweep (the runner's own clock: trials only, not start-up). */
async function sweepRate(extra: string[]): Promise<{ rate: number; csv: string }> {
  const out = tempDir();
  const p = startCli([...sweep, '--out', out, ...extra]);
  const { code } = await p.exited;
  if (code !== 0) throw new Error(`submitter failed: ${p.stderr()}`);
  const report = JSON.parse(p.stdout()) as { ran: number; seconds: number };
  return { rate: report.ran / report.seconds, csv: readFileSync(join(out, 'variability-mlp.csv'), 'utf8') };
}

async function startWorkers(name: string, n: number): Promise<CliProcess[]> {
  const list = Array.from({ length: n }, () =>
    startCli(['worker', '--queue', redis.url, '--queue-name', name, '--cache', tempDir(), '--quiet']),
  );
  const client = redis.client();
  const queue = new Queue(name, { connection: client });
  await until(async () => (await queue.getWorkersCount()) >= n, 60, `${n} workers on ${name}`);
  await queue.close();
  client.disconnect();
  return list;
}

/** CPU seconds (user + system) a live process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function redisCpuSeconds(): Promise<number> {
  const client = redis.client();
  const info = await client.info('cpu');
  client.disconnect();
  const get = (k: string) => Number(new RegExp(`${k}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return get('used_cpu_user') + get('used_cpu_sys');
}

async function stopWorkers(list: CliProcess[]): Promise<void> {
  for (const w of list) w.child.kill('SIGTERM');
  for (const w of list) if ((await w.exited).code !== 0) throw new Error(`worker exit: ${w.stderr()}`);
}

try {
  // 1. Real trials: local worker threads vs worker processes on the queue (each started fresh, as a user would).
  const local1 = await sweepRate(['--workers', '1']);
  const local2 = await sweepRate(['--workers', '2']);
  reportFigure({
    name: `cli::queue local --workers 1 (variability mlp, 64 images, ${3 * seeds} trials)`,
    value: local1.rate,
    unit: 'trials/s',
  });
  reportFigure({ name: 'cli::queue local --workers 2', value: local2.rate, unit: 'trials/s' });
  for (const n of [1, 2, 4]) {
    const workers = await startWorkers(`real${n}`, n);
    // Warm-up sweep (other seeds, same model and images): each worker starts its threads and loads the model once.
    await sweepRate(['--queue', redis.url, '--queue-name', `real${n}`, '--seed', '1000', '--seeds', String(n)]);
    const r = await sweepRate(['--queue', redis.url, '--queue-name', `real${n}`]);
    await stopWorkers(workers);
    if (r.csv !== local1.csv) throw new Error(`queue CSV with ${n} workers differs from the local run`);
    reportFigure({ name: `cli::queue ${n} worker process(es)`, value: r.rate, unit: 'trials/s' });
  }

  // 2. The queue alone: noop trials, serial (1 worker: per-trial round trip) and at scale (8 workers).
  const noopDef: ExperimentDefinition = {
    ...getExperiment('variability'),
    parameters: ['i'],
    grid: () => [],
    hardware: () => null,
  };
  const noop = async (name: string, trials: number) => {
    const points = Array.from({ length: trials }, (_, i) => ({ i }));
    const inputs: SweepInputs = { study: 'noop-bench', model: '-', data: '-', samples: 0, points, seeds: 1, seed: 1 };
    const executor = createQueueExecutor(
      { url: redis.url, name, engine: 'noop' },
      { setup: null, inputs, progress: null },
    );
    const t0 = performance.now();
    const r = await runExperiment(noopDef, {
      arch: 'noop',
      data: { count: 0, name: 'noop', classes: 2 },
      points,
      seeds: 1,
      seed: 1,
      out: tempDir(),
      executor,
      progress: null,
    });
    if (r.rows.length !== trials) throw new Error(`noop sweep: ${r.rows.length} rows`);
    return (performance.now() - t0) / 1000;
  };
  const one = await startWorkers('noop1', 1);
  await noop('noop1', 50); // warm-up
  const serialTrials = Math.min(1000, noopTrials);
  const serial = await noop('noop1', serialTrials);
  await stopWorkers(one);
  reportFigure({
    name: `cli::queue overhead per trial, 1 worker, serial (${serialTrials} noop trials)`,
    value: (1000 * serial) / serialTrials,
    unit: 'ms',
    target: '< 20',
  });
  const eight = await startWorkers('noop8', 8);
  await noop('noop8', 100); // warm-up
  const cpu0 = eight.reduce((a, w) => a + cpuSeconds(w.child.pid!), 0) + (await redisCpuSeconds());
  const own0 = process.cpuUsage();
  const scale = await noop('noop8', noopTrials);
  const own = process.cpuUsage(own0);
  const cpu =
    eight.reduce((a, w) => a + cpuSeconds(w.child.pid!), 0) +
    (await redisCpuSeconds()) -
    cpu0 +
    (own.user + own.system) / 1e6;
  await stopWorkers(eight);
  reportFigure({
    name: `cli::queue scale run: ${noopTrials} noop trials, 8 worker processes`,
    value: scale,
    unit: 's',
  });
  reportFigure({ name: 'cli::queue scale run throughput', value: noopTrials / scale, unit: 'trials/s' });
  reportFigure({ name: 'cli::queue scale run wall time per trial', value: (1000 * scale) / noopTrials, unit: 'ms' });
  reportFigure({
    name: 'cli::queue scale run CPU per trial (8 workers + submitter + Redis)',
    value: (1000 * cpu) / noopTrials,
    unit: 'CPU ms',
    target: '< 20',
  });
} finally {
  await redis.stop();
}
process.exit(0);
