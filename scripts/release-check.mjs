// `pnpm release:check`: everything a release needs short of the npm organisation, without changing the tree.
//  1. `changeset status`: every changed package has a changeset.
//  2. `pnpm -r publish --dry-run --no-git-checks`: pnpm packs each public package as it would publish it (the
//     dry run bumps no version; `changeset version` itself is left to the release).
//  3. each package packed with `pnpm pack` (workspace:* ranges replaced as on publish) into a temp folder, then
//     `publint` and `@arethetypeswrong/cli` (attw, profile node16: ESM + CJS consumers) on the tarball.
// Needs the packages built: it runs `turbo run build` first (cached when nothing changed) unless given --skip-build
// (the test command, which has just built everything). Exits 1 on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackages, ROOT } from './workspace.mjs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' };
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const failures = [];
function run(label, cmd, args, cwd = ROOT) {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  const ok = r.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label} (${seconds} s)`);
  if (!ok) {
    failures.push(label);
    process.stdout.write(`${r.stdout ?? ''}${r.stderr ?? ''}\n`);
  }
  return r;
}

const started = Date.now();
if (!process.argv.includes('--skip-build'))
  run('build (turbo, cached)', 'pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only']);
run('changeset status', bin('changeset'), ['status']);
run('pnpm -r publish --dry-run', 'pnpm', ['-r', 'publish', '--dry-run', '--no-git-checks', '--access', 'public']);

const out = mkdtempSync(join(tmpdir(), 'memsim-release-'));
try {
  for (const p of listPackages()) {
    if (p.manifest.private) continue;
    const before = new Set(readdirSync(out));
    const pack = run(`pack ${p.name}`, 'pnpm', ['pack', '--pack-destination', out], p.dir);
    if (pack.status !== 0) continue;
    const tarball = readdirSync(out).find((f) => !before.has(f) && f.endsWith('.tgz'));
    if (tarball === undefined) {
      failures.push(`pack ${p.name}: no tarball`);
      continue;
    }
    const file = join(out, tarball);
    run(`publint ${tarball}`, bin('publint'), ['run', file, '--strict', '--level', 'warning']);
    run(`attw ${tarball}`, bin('attw'), [file, '--profile', 'node16', '--format', 'ascii', '--no-emoji']);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
console.log(
  `release check: ${failures.length === 0 ? 'ok' : `${failures.length} failed (${failures.join('; ')})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
process.exit(failures.length === 0 ? 0 : 1);
