import { expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { main } from '../src/index';

/** A temporary directory for one test. */
export function tempDir(prefix = 'memsim-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `memsim …` in-process and captures stdout, stderr and the exit code. */
export async function runCli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = new Writable({
    write(chunk, _e, cb) {
      stdout += String(chunk);
      cb();
    },
  });
  const err = new Writable({
    write(chunk, _e, cb) {
      stderr += String(chunk);
      cb();
    },
  });
  const code = await main(argv, { stdout: out, stderr: err });
  return { code, stdout, stderr };
}

/**
 * Asserts what every bad CLI input must give (issue 18): exit code 1 and exactly one stderr line, starting `memsim`,
 * matching `pattern`, with no stack trace.
 */
export function expectOneLineError(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^memsim/);
  expect(lines[0]).toMatch(pattern);
}

/** Arguments of a small resumable study (finite-states on the MLP, 8 samples, one worker) writing into `out`. */
export function smallStudyArgs(out: string): string[] {
  return ['experiment', 'finite-states', '--arch', 'mlp', '--limit', '8', '--workers', '1', '--out', out, '--quiet'];
}
