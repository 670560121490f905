import { cpSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mnistDirectory } from '../../src/index';
import { tempDir } from '../helpers';
import { type CliProcess, startCli, until } from './cli-process';
import { type TestRedis, findRedisServer, freePort, startRedis } from './redis-server';

const redisBin = findRedisServer();
if (redisBin === null)
  console.warn('redis-server not found: the distributed-queue tests are skipped (apt-get install redis-server)');

/** The small sweep every test runs: P1 variability on the MLP, 32 images, 3 σ × 2 seeds = 6 trials. */
const SWEEP = ['experiment', 'variability', '--arch', 'mlp', '--limit', '32', '--seeds', '2'];
const CSV = 'variability-mlp.csv';
const SVG = 'variability-mlp.svg';

/** Exactly one line of text (a one-line error). */
const oneLine = (s: string) => s.trim().split('\n');

describe.skipIf(redisBin === null)('memsim experiment --queue with memsim worker processes (real Redis)', () => {
  let redis: TestRedis;
  let reference: { csv: string; svg: string };
  const cache = tempDir('memsim-cache-');
  const workers: CliProcess[] = [];
  const worker = (queueName: string, extra: string[] = []) => {
    const w = startCli([
      'worker',
      '--queue',
      redis.url,
      '--queue-name',
      queueName,
      '--lock-seconds',
      '2',
      '--cache',
      cache,
      ...extra,
    ]);
    workers.push(w);
    return w;
  };
  const submit = (queueName: string, out: string, extra: string[] = []) =>
    startCli([...SWEEP, '--out', out, '--queue', redis.url, '--queue-name', queueName, ...extra]);

  /** Three workers on queue `main`, shared by the tests (they run one after another). */
  let pool: CliProcess[] = [];
  /** Forget the results recorded on `main`, so the same sweep runs again. */
  const forget = async () => {
    const c = redis.client();
    await c.del('memsim:main:results', 'memsim:main:done');
    c.disconnect();
  };

  beforeAll(async () => {
    redis = await startRedis(redisBin!);
    pool = [worker('main'), worker('main'), worker('main')];
    const out = tempDir();
    const local = startCli([...SWEEP, '--workers', '1', '--out', out, '--quiet']);
    expect((await local.exited).code, local.stderr()).toBe(0);
    reference = { csv: readFileSync(join(out, CSV), 'utf8'), svg: readFileSync(join(out, SVG), 'utf8') };
    expect(reference.csv.trim().split('\n')).toHaveLength(7);
  }, 60_000);

  afterAll(async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    for (const w of alive) w.child.kill('SIGTERM');
    // SIGTERM: a worker finishes its trial and exits with 0.
    for (const w of alive) expect((await w.exited).code, w.stderr()).toBe(0);
    await redis?.stop();
  }, 30_000);

  it('3 workers + 1 submitter: the CSV and plot equal the local single-process run byte for byte', async () => {
    const out = tempDir();
    const s = submit('main', out);
    const { code } = await s.exited;
    expect(code, s.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
    expect(readFileSync(join(out, SVG), 'utf8')).toBe(reference.svg);
    expect(s.stderr()).toMatch(/\d+ of 6 done, \d+ running, \d+ failed, \d+ waiting; 3 worker connection.*ETA/);
    // Every trial ran once: 6 results, 6 entries in the done list.
    const c = redis.client();
    expect(await c.hlen('memsim:main:results')).toBe(6);
    expect(await c.llen('memsim:main:done')).toBe(6);
    c.disconnect();
    // A rerun into a fresh directory takes every result from Redis and runs nothing.
    const again = submit('main', tempDir());
    expect((await again.exited).code, again.stderr()).toBe(0);
    expect(again.stderr()).toContain('6 of 6 trials already recorded in Redis');
  }, 90_000);

  it('SIGKILL of a worker mid-trial and of the submitter: the sweep completes on rerun, every row once', async () => {
    await forget();
    const out = tempDir();
    const c = redis.client();
    const s = submit('main', out);
    // Kill a worker while all three hold a trial (each runs one at a time, so it is mid-trial), and the submitter.
    await until(async () => (await c.llen('bull:main:active')) === 3, 60, 'three active trials');
    const victim = pool.shift()!;
    victim.child.kill('SIGKILL');
    s.child.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    await s.exited;
    // Rerun the same command: it picks up where it stopped; the killed trial is taken over after the lock time.
    const again = submit('main', out);
    expect((await again.exited).code, again.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
    expect(await c.llen('memsim:main:done')).toBe(6);
    c.disconnect();
  }, 90_000);

  it('Redis restarted mid-sweep (append-only file): submitter and workers reconnect and the sweep completes', async () => {
    await forget();
    const out = tempDir();
    const c = redis.client();
    const s = submit('main', out);
    await until(async () => (await c.llen('memsim:main:done')) >= 1, 60, 'a first result');
    c.disconnect();
    await redis.stop();
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();
    const { code } = await s.exited;
    expect(code, s.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
    expect(pool.map((w) => w.stderr()).join('')).toMatch(/lost Redis/);
  }, 90_000);

  it('bad input: a second submitter with other settings on the same queue is refused; the first completes', async () => {
    await forget();
    // Hold the workers, so the first sweep is still running when the second submitter arrives.
    const queue = new Queue('main', { connection: redis.client() });
    await queue.pause();
    const out = tempDir();
    const first = submit('main', out);
    const c = redis.client();
    await until(async () => (await c.exists('memsim:main:owner')) === 1, 60, 'the first sweep to claim the queue');
    c.disconnect();
    const second = submit('main', tempDir(), ['--seeds', '1']);
    expect((await second.exited).code).toBe(1);
    expect(oneLine(second.stderr())).toHaveLength(1);
    expect(second.stderr().trim()).toMatch(
      /^memsim experiment: queue 'main' at redis:\/\/127\.0\.0\.1:\d+\/0 is busy with another sweep .* whose inputs differ: seeds \(2 vs 1\); wait for it, or pass another --queue-name\.$/,
    );
    await queue.resume();
    await queue.close();
    expect((await first.exited).code, first.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
  }, 90_000);

  // The last two need no shared worker: they run side by side.
  it.concurrent('bad input: an unreachable URL or a wrong password is a one-line error before anything is queued', async ({
    expect,
  }) => {
    const closed = await freePort();
    const secured = await startRedis(redisBin!, { password: 'right-secret' });
    try {
      const unreachable = startCli([...SWEEP, '--out', tempDir(), '--queue', `redis://127.0.0.1:${closed}/0`]);
      const wrong = startCli([
        ...SWEEP,
        '--out',
        tempDir(),
        '--queue',
        secured.url.replace('right-secret', 'wrong-secret'),
      ]);
      const noPassword = startCli(['worker', '--queue', `redis://127.0.0.1:${secured.port}/0`]);
      const w = await wrong.exited;
      const u = await unreachable.exited;
      const n = await noPassword.exited;
      expect(u.code).toBe(1);
      expect(oneLine(unreachable.stderr().replace(/^(?!memsim:).*\n/gm, ''))).toHaveLength(1);
      expect(unreachable.stderr()).toMatch(
        /^memsim experiment: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(.*ECONNREFUSED.*\)\.$/m,
      );
      expect(w.code).toBe(1);
      expect(wrong.stderr()).toMatch(
        /^memsim experiment: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 refused the credentials \(WRONGPASS/m,
      );
      expect(wrong.stderr()).not.toContain('wrong-secret');
      expect(n.code).toBe(1);
      expect(oneLine(noPassword.stderr())).toHaveLength(1);
      expect(noPassword.stderr()).toMatch(/^memsim worker: Redis at .* refused the credentials \(NOAUTH/);
    } finally {
      await secured.stop();
    }
  }, 60_000);

  it.concurrent("bad input: a worker without the user's data file exits with a one-line error and the trial is not lost", async ({
    expect,
  }) => {
    const data = join(tempDir(), 'digits');
    cpSync(mnistDirectory(), data, { recursive: true, filter: (f) => !f.includes('train-') });
    const expectedOut = tempDir();
    const local = startCli([
      ...SWEEP,
      '--seeds',
      '1',
      '--data',
      data,
      '--workers',
      '1',
      '--out',
      expectedOut,
      '--quiet',
    ]);
    expect((await local.exited).code, local.stderr()).toBe(0);
    const out = tempDir();
    const c = redis.client();
    const s = submit('nodata', out, ['--seeds', '1', '--data', data]);
    await until(async () => (await c.llen('bull:nodata:wait')) === 3, 60, 'three queued trials');
    // The submitter has read the data; this "machine" has not got it.
    renameSync(data, `${data}-elsewhere`);
    const bad = worker('nodata', ['--quiet']);
    const { code } = await bad.exited;
    expect(code).toBe(1);
    expect(oneLine(bad.stderr())).toHaveLength(1);
    expect(bad.stderr().trim()).toMatch(
      /^memsim worker: this machine cannot read the sweep's data .*digits \(.*\); put the same file at that path\.$/,
    );
    expect(await c.llen('bull:nodata:wait')).toBe(3);
    renameSync(`${data}-elsewhere`, data);
    const good = worker('nodata');
    expect((await s.exited).code, s.stderr()).toBe(0);
    expect(s.stderr()).toMatch(/worker .* pid \d+: memsim worker: this machine cannot read/);
    const name = 'variability-mlp-digits.csv';
    expect(readFileSync(join(out, name), 'utf8')).toBe(readFileSync(join(expectedOut, name), 'utf8'));
    c.disconnect();
    good.child.kill('SIGTERM');
    expect((await good.exited).code, good.stderr()).toBe(0);
  }, 90_000);
});
