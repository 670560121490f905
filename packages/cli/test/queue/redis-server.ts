// Starts a real redis-server for the queue tests: on 127.0.0.1, a free port, a temporary directory, append-only
// persistence (so a restart keeps the queue), no RDB snapshots. Never a system service.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** Path of redis-server, or null when it is not installed. */
export function findRedisServer(): string | null {
  if (existsSync('/usr/bin/redis-server')) return '/usr/bin/redis-server';
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : null;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server child process. */
export interface TestRedis {
  port: number;
  /** `redis://[:password@]127.0.0.1:PORT/0`. */
  url: string;
  /** A client for inspecting the test's queue. */
  client(): Redis;
  /** SIGTERM (Redis flushes its append-only file), wait for exit. */
  stop(): Promise<void>;
  /** Start again on the same port and directory. */
  start(): Promise<void>;
}

export async function startRedis(bin: string, options: { password?: string } = {}): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'memsim-redis-'));
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--daemonize',
    'no',
    ...(options.password ? ['--requirepass', options.password] : []),
  ];
  const auth = options.password ? `:${options.password}@` : '';
  const url = `redis://${auth}127.0.0.1:${port}/0`;
  let child: ChildProcess | null = null;
  const clients: Redis[] = [];
  const start = async () => {
    child = spawn(bin, args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        probe.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (c === null || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  };
  await start();
  process.once('exit', () => (child as ChildProcess | null)?.kill('SIGKILL'));
  return {
    port,
    url,
    client() {
      const c = new Redis(url, { maxRetriesPerRequest: null });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    stop,
    start,
  };
}
