#!/usr/bin/env node
// Runs turbo with its anonymous telemetry (and the telemetry notice it prints on every first run) switched off.
// turbo.json has no setting for this; turbo reads only the environment (TURBO_TELEMETRY_DISABLED / DO_NOT_TRACK),
// so the repository's scripts go through this wrapper instead of a POSIX-only `VAR=1 turbo …` (which breaks on Windows).
import { spawnSync } from 'node:child_process';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: process.env.DO_NOT_TRACK ?? '1' };
const result = spawnSync('pnpm', ['exec', 'turbo', ...process.argv.slice(2)], {
  env,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (result.error) {
  console.error(`scripts/turbo.mjs: could not start turbo (${result.error.message})`);
  process.exit(1);
}
process.exit(result.status ?? 1);
