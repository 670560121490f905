import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';

const bin = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));
const args = (out: string) => [
  '--import',
  'tsx',
  bin,
  'experiment',
  'faults',
  '--arch',
  'mlp',
  '--limit',
  '64',
  '--seeds',
  '2',
  '--workers',
  '1',
  '--out',
  out,
  '--quiet',
];
const lineCount = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').length - 1 : 0);

describe('a killed sweep resumes', () => {
  it('SIGKILL mid-sweep, rerun: the CSV equals an uninterrupted run', async () => {
    const whole = tempDir();
    expect(spawnSync(process.execPath, args(whole), { encoding: 'utf8' }).status).toBe(0);
    const expected = readFileSync(join(whole, 'faults-mlp.csv'), 'utf8');

    const out = tempDir();
    const csv = join(out, 'faults-mlp.csv');
    const child = spawn(process.execPath, args(out), { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Kill the process once a few rows (header + 4) are on disk.
    while (lineCount(csv) < 5 && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const partial = readFileSync(csv, 'utf8');
    expect(partial.split('\n').length - 1).toBeLessThan(expected.split('\n').length - 1);
    expect(expected.startsWith(partial.slice(0, partial.lastIndexOf('\n') + 1))).toBe(true);

    const rerun = spawnSync(process.execPath, args(out), { encoding: 'utf8' });
    expect(rerun.status).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(expected);
    // Three full CLI runs (≈ 50 s on an idle 2-core machine): the default timeout is too tight under load.
  }, 180_000);
});
