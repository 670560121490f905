// The one test command (README and .ci/run): build, typecheck, test and run the examples of every package through
// turbo, then lint, check the package graph and layout, and print `N passed, N failed` summed over the vitest JSON
// reports (each repo-level check counts as one more test). Exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { OPTIONAL_TOOLS, skippedByFile } from './optional-tools.mjs';
import { listWorkspaces, ROOT } from './workspace.mjs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
const run = (label, cmd, args) => {
  const started = Date.now();
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env });
  const ok = r.status === 0;
  console.log(`=== ${label}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
};

const packages = listWorkspaces(); // libraries and apps (the playground's browser tests report like any package)
for (const p of packages) rmSync(join(p.dir, 'test-results.json'), { force: true });

const checks = [];
checks.push([
  'build, typecheck, unit tests, examples',
  run('turbo', 'pnpm', [
    'turbo',
    'run',
    'build',
    'typecheck',
    'test',
    'example',
    '--continue',
    '--concurrency=2',
    '--output-logs=new-only',
  ]),
]);
checks.push(['lint (biome, via turbo)', run('lint', 'pnpm', ['turbo', 'run', '//#lint', '--output-logs=new-only'])]);
checks.push(['package graph', run('graph', process.execPath, ['scripts/check-graph.mjs'])]);
checks.push(['package layout', run('layout', process.execPath, ['scripts/check-layout.mjs'])]);
// changeset status, publish dry run, publint + attw on every packed tarball (≈ 40 s on the 2-core machine).
checks.push([
  'release check (pnpm release:check)',
  run('release', process.execPath, ['scripts/release-check.mjs', '--skip-build']),
]);

// A stranger's install: pnpm-packed tarballs of devices and layers (+ workspace deps) into a temp project with npm,
// tfjs 4.22 and 4.21, ESM + CJS scripts and tsc --strict (≈ 80 s; needs the npm registry or a warm npm cache).
checks.push(['fresh project (pnpm test:fresh)', run('fresh', process.execPath, ['scripts/fresh-project.mjs'])]);

let passed = 0;
let failed = 0;
let skipped = 0;
const skippedGroups = [];
console.log('\n=== Summary');
for (const p of packages) {
  const file = join(p.dir, 'test-results.json');
  if (!existsSync(file)) {
    console.log(`  ${p.name.padEnd(22)} no test report (tests did not run)`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A suite that fails to load (syntax error, import error) has no tests but must count as a failure.
  const brokenSuites = (report.testResults ?? []).filter(
    (s) => s.status === 'failed' && (s.assertionResults ?? []).length === 0,
  ).length;
  failed += brokenSuites;
  for (const { file, count } of skippedByFile(report, p.dir)) skippedGroups.push(`${p.name} ${file}: ${count} skipped`);
  console.log(`  ${p.name.padEnd(22)} ${report.numPassedTests} passed, ${report.numFailedTests + brokenSuites} failed`);
}
for (const [label, ok] of checks) {
  console.log(`  check: ${label.padEnd(40)} ${ok ? 'ok' : 'FAILED'}`);
  if (ok) passed++;
  else failed++;
}
if (skippedGroups.length > 0) {
  console.log('\n=== Skipped test groups');
  for (const line of skippedGroups) console.log(`  ${line}`);
}
const missing = OPTIONAL_TOOLS.filter((t) => !t.present());
if (missing.length > 0) {
  console.log('\n=== Optional tools missing (their test groups were skipped)');
  for (const t of missing)
    console.log(`  ${t.tool.padEnd(13)} skips ${t.groups}\n  ${''.padEnd(13)} enable: ${t.enable}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
