import { hostname } from 'node:os';
import { InvalidParameterError } from '@memsim/core';
import { Redis } from 'ioredis';

/** Where a queue lives: a Redis URL and a queue name. */
export interface RedisTarget {
  /** `redis://[[user]:password@]host[:port][/db]` or `rediss://…` (TLS). */
  url: string;
  /** The URL with its password masked, for messages. */
  display: string;
  /** BullMQ queue name (letters, digits, `_`, `-`). */
  queueName: string;
}

/** The URL with any password replaced by `***`. */
export function maskUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/**
 * Checks a `--queue` URL and queue name.
 *
 * @throws {InvalidParameterError} when the URL is not a redis:// or rediss:// URL, or the name has other characters.
 */
export function parseRedisTarget(where: string, url: string, queueName = 'memsim'): RedisTarget {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (parsed === null || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '')
    throw new InvalidParameterError({
      where,
      parameter: '--queue',
      value: maskUrl(url),
      expected: 'a Redis URL redis://[:PASSWORD@]HOST[:PORT][/DB] (rediss:// for TLS)',
    });
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new InvalidParameterError({
      where,
      parameter: '--queue',
      value: maskUrl(url),
      expected: 'a database number after the port (redis://HOST:PORT/0)',
    });
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(queueName))
    throw new InvalidParameterError({
      where,
      parameter: '--queue-name',
      value: queueName,
      expected: '1 to 64 letters, digits, _ or -',
    });
  return { url, display: maskUrl(url), queueName };
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}

/**
 * Connects once, without retrying, and pings: turns an unreachable server or a refused password into a one-line
 * error before anything is queued.
 *
 * @throws {InvalidParameterError} when Redis cannot be reached or refuses the credentials.
 */
export async function probeRedis(where: string, target: RedisTarget, timeoutSeconds = 5): Promise<void> {
  const client = new Redis(target.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutSeconds * 1000,
    enableOfflineQueue: false,
  });
  let last: unknown = null;
  client.on('error', (e) => {
    last = e;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const message = firstLine(last ?? error);
    const auth = /WRONGPASS|NOAUTH|invalid password|invalid username/i.test(message);
    throw new InvalidParameterError({
      where,
      parameter: '--queue',
      value: target.display,
      expected: '',
      message: auth
        ? `${where}: Redis at ${target.display} refused the credentials (${message}); give them in the URL: redis://[USER]:PASSWORD@HOST:PORT/DB.`
        : `${where}: cannot reach Redis at ${target.display} (${message}).`,
    });
  } finally {
    client.disconnect();
  }
}

/**
 * A client for long runs: retries the connection for ever with a back-off of at most 2 s (so a Redis restart is
 * ridden out) and never fails a command for being offline (BullMQ needs `maxRetriesPerRequest: null`).
 * `onStatus` hears each connection error and each reconnect.
 */
export function openRedis(target: RedisTarget, onStatus?: (status: 'error' | 'ready', error?: unknown) => void): Redis {
  const client = new Redis(target.url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(100 * times, 2000),
    connectionName: `memsim-${hostname()}-${process.pid}`,
  });
  client.on('error', (e) => onStatus?.('error', e));
  client.on('ready', () => onStatus?.('ready'));
  return client;
}

/** Redis keys of memsim's own records next to a BullMQ queue. */
export interface QueueKeys {
  /** Hash: trial job id → JSON result (written once). */
  results: string;
  /** List of trial job ids in the order their results were written. */
  done: string;
  /** The sweep that owns the queue now (JSON, expires unless its submitter renews it). */
  owner: string;
  /** Recent worker errors (JSON lines, newest first). */
  errors: string;
  /** The definition of a sweep (JSON), by key. */
  sweep(key: string): string;
}

/** Key of a content-addressed blob (shared by every queue on the server). */
export const blobKey = (hash: string): string => `memsim:blob:${hash}`;

/** The {@link QueueKeys} of a queue. */
export function queueKeys(queueName: string): QueueKeys {
  const p = `memsim:${queueName}`;
  return {
    results: `${p}:results`,
    done: `${p}:done`,
    owner: `${p}:owner`,
    errors: `${p}:errors`,
    sweep: (key) => `${p}:sweep:${key}`,
  };
}
