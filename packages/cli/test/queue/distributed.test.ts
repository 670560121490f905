import { cpSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
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
  /** SIGTERM: a worker finishes its trial and exits with 0. */
  const stopWorkers = async (list: CliProcess[]) => {
    for (const w of list) w.child.kill('SIGTERM');
    for (const w of list) expect((await w.exited).code, w.stderr()).toBe(0);
  };

  beforeAll(async () => {
    redis = await startRedis(redisBin!);
    const out = tempDir();
    const local = startCli([...SWEEP, '--workers', '1', '--out', out, '--quiet']);
    expect((await local.exited).code, local.stderr()).toBe(0);
    reference = { csv: readFileSync(join(out, CSV), 'utf8'), svg: readFileSync(join(out, SVG), 'utf8') };
    expect(reference.csv.trim().split('\n')).toHaveLength(7);
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await redis?.stop();
  });

  it('3 workers + 1 submitter: the CSV and plot equal the local single-process run byte for byte', async () => {
    const out = tempDir();
    const list = [worker('equal'), worker('equal'), worker('equal')];
    const s = submit('equal', out);
    const { code } = await s.exited;
    expect(code, s.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
    expect(readFileSync(join(out, SVG), 'utf8')).toBe(reference.svg);
    expect(s.stderr()).toMatch(/\d+ of 6 done, \d+ running, 0 failed, \d+ waiting.*ETA/);
    await stopWorkers(list);
    // Every trial ran once: 9 results, 9 entries in the done list.
    const c = redis.client();
    expect(await c.hlen('memsim:equal:results')).toBe(6);
    expect(await c.llen('memsim:equal:done')).toBe(6);
    c.disconnect();
  }, 90_000);

  it('SIGKILL of a worker mid-trial and of the submitter: the sweep completes on rerun, every row once', async () => {
    const out = tempDir();
    const c = redis.client();
    const a = worker('kill');
    const b = worker('kill');
    const s = submit('kill', out);
    // Kill worker a while both workers hold a trial (each runs one at a time, so a is mid-trial).
    await until(async () => (await c.llen('bull:kill:active')) === 2, 60, 'two active trials');
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');
    // Kill the submitter once some rows are recorded, then rerun the same command: it picks up where it stopped.
    await until(async () => (await c.llen('memsim:kill:done')) >= 2, 60, 'two results');
    s.child.kill('SIGKILL');
    await s.exited;
    const again = submit('kill', out);
    expect((await again.exited).code, again.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
    expect(await c.llen('memsim:kill:done')).toBe(6);
    c.disconnect();
    await stopWorkers([b]);
  }, 90_000);

  it('Redis restarted mid-sweep (append-only file): submitter and workers reconnect and the sweep completes', async () => {
    const out = tempDir();
    const c = redis.client();
    const list = [worker('restart'), worker('restart')];
    const s = submit('restart', out);
    await until(async () => (await c.llen('memsim:restart:done')) >= 1, 60, 'a first result');
    c.disconnect();
    await redis.stop();
    await new Promise((r) => setTimeout(r, 500));
    await redis.start();
    const { code } = await s.exited;
    expect(code, s.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
    await stopWorkers(list);
  }, 90_000);

  it('bad input: an unreachable URL or a wrong password is a one-line error before anything is queued', async () => {
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
      expect(unreachable.stderr()).toMatch(/^memsim experiment: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(.*ECONNREFUSED.*\)\.$/m);
      expect(w.code).toBe(1);
      expect(wrong.stderr()).toMatch(/^memsim experiment: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 refused the credentials \(WRONGPASS/m);
      expect(wrong.stderr()).not.toContain('wrong-secret');
      expect(n.code).toBe(1);
      expect(oneLine(noPassword.stderr())).toHaveLength(1);
      expect(noPassword.stderr()).toMatch(/^memsim worker: Redis at .* refused the credentials \(NOAUTH/);
    } finally {
      await secured.stop();
    }
  }, 60_000);

  it("bad input: a worker without the user's data file exits with a one-line error and the trial is not lost", async () => {
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
    expect(bad.stderr().trim()).toMatch(/^memsim worker: this machine cannot read the sweep's data .*digits \(.*\); put the same file at that path\.$/);
    expect(await c.llen('bull:nodata:wait')).toBe(3);
    renameSync(`${data}-elsewhere`, data);
    const good = worker('nodata');
    expect((await s.exited).code, s.stderr()).toBe(0);
    expect(s.stderr()).toMatch(/worker .* pid \d+: memsim worker: this machine cannot read/);
    const name = 'variability-mlp-digits.csv';
    expect(readFileSync(join(out, name), 'utf8')).toBe(readFileSync(join(expectedOut, name), 'utf8'));
    c.disconnect();
    await stopWorkers([good]);
  }, 90_000);

  it('bad input: a second submitter with other settings on the same queue is refused; the first completes', async () => {
    const out = tempDir();
    const c = redis.client();
    const first = submit('busy', out);
    await until(async () => (await c.llen('bull:busy:wait')) === 6, 60, 'the first sweep queued');
    const second = submit('busy', tempDir(), ['--seeds', '1']);
    expect((await second.exited).code).toBe(1);
    expect(oneLine(second.stderr())).toHaveLength(1);
    expect(second.stderr().trim()).toMatch(
      /^memsim experiment: queue 'busy' at redis:\/\/127\.0\.0\.1:\d+\/0 is busy with another sweep .* whose inputs differ: seeds \(2 vs 1\); wait for it, or pass another --queue-name\.$/,
    );
    const w = worker('busy');
    expect((await first.exited).code, first.stderr()).toBe(0);
    expect(readFileSync(join(out, CSV), 'utf8')).toBe(reference.csv);
    c.disconnect();
    await stopWorkers([w]);
  }, 90_000);
});
