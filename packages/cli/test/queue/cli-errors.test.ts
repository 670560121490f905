import { describe, expect, it } from 'vitest';
import { expectOneLineError, runCli, tempDir } from '../helpers';
import { freePort } from './redis-server';

describe('queue options: one-line errors without a Redis server', () => {
  it('memsim worker needs --queue', async () => {
    expectOneLineError(await runCli(['worker']), /^memsim worker: `--queue` must be a Redis URL/);
  });

  it('a --queue that is not a redis:// URL, or a bad queue name, is refused', async () => {
    expectOneLineError(
      await runCli(['worker', '--queue', 'http://127.0.0.1:6379']),
      /^memsim worker: `--queue` must be a Redis URL redis:\/\/.*received 'http:\/\/127\.0\.0\.1:6379'/,
    );
    expectOneLineError(
      await runCli(['worker', '--queue', 'redis://127.0.0.1:6379/x']),
      /`--queue` must be a database number after the port/,
    );
    expectOneLineError(
      await runCli(['worker', '--queue', 'redis://127.0.0.1:6379/0', '--queue-name', 'a:b']),
      /`--queue-name` must be 1 to 64 letters, digits, _ or -; received 'a:b'/,
    );
    expectOneLineError(
      await runCli([
        'experiment',
        'faults',
        '--queue',
        'redis://127.0.0.1:6379/0',
        '--attempts',
        '0',
        '--out',
        tempDir(),
      ]),
      /`--attempts`/,
    );
  });

  it('an unreachable server fails at once, before the model is loaded, with the password masked', async () => {
    const port = await freePort();
    const r = await runCli([
      'experiment',
      'faults',
      '--queue',
      `redis://:secret@127.0.0.1:${port}/0`,
      '--out',
      tempDir(),
    ]);
    expectOneLineError(
      r,
      new RegExp(`^memsim experiment: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}/0 \\(`),
    );
    expect(r.stderr).not.toContain('secret');
  });
});
