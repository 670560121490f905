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
