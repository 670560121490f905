// Checks that every package has the layout of the house style, and every app (apps/*: private, built by
// Vite, not published) its own smaller layout. Exits 1 naming what is missing.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listApps, listFiles, listPackages, ROOT } from './workspace.mjs';

const REQUIRED = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'tsup.config.ts',
  'tsconfig.json',
  'vitest.config.ts',
  'src/index.ts',
];
const problems = [];
for (const pkg of listPackages()) {
  const rel = relative(ROOT, pkg.dir);
  for (const f of REQUIRED) if (!existsSync(join(pkg.dir, f))) problems.push(`${rel}: missing ${f}`);
  if (listFiles(join(pkg.dir, 'test'), /\.test\.ts$/).length === 0) problems.push(`${rel}: no test/**/*.test.ts`);
  if (
    !existsSync(join(pkg.dir, 'bench')) ||
    readdirSync(join(pkg.dir, 'bench')).filter((f) => f.endsWith('.bench.ts')).length === 0
  )
    problems.push(`${rel}: no bench/*.bench.ts`);
  const m = pkg.manifest;
  if (m.sideEffects !== false) problems.push(`${rel}/package.json: sideEffects must be false`);
  if (!m.exports?.['.']?.import?.types || !m.exports?.['.']?.require?.types)
    problems.push(`${rel}/package.json: exports map needs import and require with types`);
  if (!Array.isArray(m.files) || !m.files.includes('dist') || m.files.some((f) => /test|bench/.test(f)))
    problems.push(`${rel}/package.json: files must include dist and leave out tests and benchmarks`);
}
const APP_REQUIRED = ['package.json', 'README.md', 'tsconfig.json', 'vitest.config.ts'];
for (const app of listApps()) {
  const rel = relative(ROOT, app.dir);
  for (const f of APP_REQUIRED) if (!existsSync(join(app.dir, f))) problems.push(`${rel}: missing ${f}`);
  if (listFiles(join(app.dir, 'test'), /\.test\.ts$/).length === 0) problems.push(`${rel}: no test/**/*.test.ts`);
  // A web app (index.html) is built by Vite from src/main.ts; an app with a `bench` script keeps bench/*.bench.ts.
  if (existsSync(join(app.dir, 'index.html')))
    for (const f of ['vite.config.ts', 'src/main.ts'])
      if (!existsSync(join(app.dir, f))) problems.push(`${rel}: missing ${f}`);
  if (app.manifest.scripts?.bench && listFiles(join(app.dir, 'bench'), /\.bench\.ts$/).length === 0)
    problems.push(`${rel}: no bench/*.bench.ts`);
  if (app.manifest.private !== true) problems.push(`${rel}/package.json: an app must be private (it is not published)`);
  for (const s of ['build', 'typecheck', 'test'])
    if (typeof app.manifest.scripts?.[s] !== 'string') problems.push(`${rel}/package.json: missing script ${s}`);
}
if (problems.length > 0) {
  console.error(`Layout check failed (${problems.length}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Package layout OK (${listPackages().length} packages, ${listApps().length} apps).`);
