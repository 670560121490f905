import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The version of this @memsim/cli (from its package.json, found above this file in the source tree and in dist
 * alike). Submitter and workers must agree on it, or results would not be those of a local run.
 */
export function cliVersion(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@memsim/cli') {
        cached = manifest.version ?? 'unknown';
        return cached;
      }
    }
    dir = dirname(dir);
  }
  cached = 'unknown';
  return cached;
}
