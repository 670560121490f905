// The external programs some test groups need, how each is probed and how to install it. test-all.mjs prints the
// groups that were skipped and this advice, so a newcomer's `pnpm test` never hides comparisons it did not run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const onPath = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

export const OPTIONAL_TOOLS = [
  {
    tool: 'ngspice',
    groups: 'crossbar: passive solver vs ngspice (test/passive/spice.test.ts)',
    present: () => onPath('ngspice', ['-v']),
    enable: 'apt-get install ngspice (or put `ngspice` on PATH)',
  },
  {
    tool: 'redis-server',
    groups: 'cli: distributed queue and content store (test/queue/distributed.test.ts, content-store.test.ts)',
    present: () => onPath('redis-server', ['--version']),
    enable: 'apt-get install redis-server (or put `redis-server` on PATH)',
  },
  {
    tool: 'chromium',
    groups: 'playground and docs browser tests (apps/playground/test, apps/docs/test)',
    present: () => existsSync('/usr/bin/chromium'),
    enable: 'apt-get install chromium (expected at /usr/bin/chromium)',
  },
];

/** Skipped tests of one vitest JSON report, grouped by test file: [{ file, count }]. */
export function skippedByFile(report, packageDir) {
  const out = [];
  for (const suite of report.testResults ?? []) {
    const count = (suite.assertionResults ?? []).filter((a) => a.status === 'skipped' || a.status === 'pending').length;
    if (count > 0)
      out.push({
        file: suite.name.startsWith(packageDir) ? suite.name.slice(packageDir.length + 1) : suite.name,
        count,
      });
  }
  return out;
}
