// `pnpm test:fresh`: installs memsim as a stranger would, outside the monorepo. Packs @memsim/devices and
// @memsim/layers with their workspace dependencies (`pnpm pack`, so workspace:* becomes real versions), installs the
// tarballs with npm (--prefer-offline) into a temp project together with TensorFlow.js at each tested version of the
// peer range (default 4.22.0 and 4.21.0; `--tfjs 4.22.0` to pick), then runs an ESM script, a CommonJS script and
// `tsc --strict` (no skipLibCheck) on a user file (scripts/fresh-project/). Needs the packages built. Exits 1 on failure.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackages, ROOT } from './workspace.mjs';

const PACKED = ['core', 'quantize', 'devices', 'mapping', 'crossbar', 'nonideality', 'layers'];
const FILES = join(ROOT, 'scripts', 'fresh-project');
const arg = process.argv.indexOf('--tfjs');
const versions = arg > 0 ? [process.argv[arg + 1]] : ['4.22.0', '4.21.0'];
const TYPESCRIPT = '5.9.3';

const started = Date.now();
let passed = 0;
let failed = 0;
function step(label, cmd, args, cwd) {
  const t = Date.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const ok = r.status === 0;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${label} (${((Date.now() - t) / 1000).toFixed(1)} s)${ok ? '' : `\n${r.stdout}${r.stderr}`}`,
  );
  if (ok) {
    passed++;
    const last = r.stdout.trim().split('\n').at(-1);
    if (last) console.log(`     ${last}`);
  } else failed++;
  return ok;
}

const work = mkdtempSync(join(tmpdir(), 'memsim-fresh-'));
try {
  const tarballs = join(work, 'tarballs');
  const byShort = new Map(listPackages().map((p) => [p.short, p]));
  for (const short of PACKED) {
    const p = byShort.get(short);
    if (!existsSync(join(p.dir, 'dist'))) throw new Error(`${p.name} is not built: run pnpm build first`);
    if (!step(`pack ${p.name}`, 'pnpm', ['pack', '--pack-destination', tarballs], p.dir)) process.exit(1);
  }
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  // @memsim/devices alone: core + devices tarballs, no TensorFlow.js.
  const alone = join(work, 'project-devices-alone');
  spawnSync('mkdir', ['-p', alone]);
  writeFileSync(join(alone, 'package.json'), JSON.stringify({ name: 'fresh-devices', private: true }, null, 2));
  copyFileSync(join(FILES, 'devices-alone.mjs'), join(alone, 'devices-alone.mjs'));
  const coreAndDevices = files.filter((f) => /memsim-(core|devices)-/.test(f));
  const npmAlone = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...coreAndDevices];
  if (step('npm install devices alone', 'npm', npmAlone, alone))
    step('devices alone: ESM + CJS', process.execPath, ['devices-alone.mjs'], alone);

  for (const version of versions) {
    const project = join(work, `project-tfjs-${version}`);
    spawnSync('mkdir', ['-p', project]);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-project', private: true }, null, 2));
    for (const f of readdirSync(FILES)) copyFileSync(join(FILES, f), join(project, f));
    const deps = [
      ...files,
      `@tensorflow/tfjs@${version}`,
      `@tensorflow/tfjs-backend-wasm@${version}`,
      `typescript@${TYPESCRIPT}`,
    ];
    const npm = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...deps];
    if (!step(`npm install (tfjs ${version})`, 'npm', npm, project)) continue;
    step(`ESM script (tfjs ${version})`, process.execPath, ['esm-check.mjs'], project);
    step(`CJS script (tfjs ${version})`, process.execPath, ['cjs-check.cjs'], project);
    const tsc = ['node_modules/typescript/bin/tsc'];
    // @memsim/devices does not involve tfjs: its check runs with the first version only.
    if (version === versions[0])
      step(
        'tsc --strict user-devices.ts, no skipLibCheck',
        process.execPath,
        [...tsc, '-p', 'tsconfig.devices.json'],
        project,
      );
    step(
      `tsc --strict --skipLibCheck user.ts (tfjs ${version})`,
      process.execPath,
      [...tsc, '-p', '.', '--skipLibCheck'],
      project,
    );
    // Without skipLibCheck tfjs's own declarations fail under strict (written without strictNullChecks, and they
    // name the `Long` type of @types/long they do not depend on): every error must lie in @tensorflow, none in memsim.
    const t = Date.now();
    const r = spawnSync(process.execPath, [...tsc, '-p', '.'], { cwd: project, encoding: 'utf8' });
    const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    const foreign = errors.filter((l) => !l.startsWith('node_modules/@tensorflow/'));
    const ok = foreign.length === 0;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} tsc --strict user.ts without skipLibCheck: ${errors.length} errors, all in @tensorflow's own .d.ts (${((Date.now() - t) / 1000).toFixed(1)} s)${ok ? '' : `\n${foreign.join('\n')}`}`,
    );
    if (ok) passed++;
    else failed++;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`fresh project: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
