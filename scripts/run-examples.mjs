// Runs every examples/*.ts and every README code block (scripts/readme-examples.mjs) of the given package
// directories (default: all packages); exits 1 if one fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { readmeBlocks } from './readme-examples.mjs';
import { listFiles, listWorkspaces, ROOT } from './workspace.mjs';

const dirs =
  process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : listWorkspaces().map((p) => p.dir);
let failed = 0;
for (const dir of dirs) {
  for (const file of listFiles(resolve(dir, 'examples'), /\.ts$/)) {
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, MEMSIM_EXAMPLE: '1' },
    });
    const ok = r.status === 0;
    if (!ok) failed++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} example ${relative(ROOT, file)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (!ok) console.log(`${r.stdout}\n${r.stderr}`);
  }
  // README blocks run from a scratch folder inside the package, so `@memsim/<self>` and its dependencies resolve as
  // they would for a user who installed the package.
  const blocks = readmeBlocks(dir);
  if (blocks.length === 0) continue;
  const scratch = join(dir, '.readme-examples');
  mkdirSync(scratch, { recursive: true });
  try {
    for (const block of blocks) {
      const file = join(scratch, `block-${block.index}.${block.lang}`);
      writeFileSync(file, block.code);
      const started = Date.now();
      const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, MEMSIM_EXAMPLE: '1' },
      });
      const ok = r.status === 0;
      if (!ok) failed++;
      const where = `${relative(ROOT, join(dir, 'README.md'))}:${block.line}`;
      console.log(`${ok ? 'ok  ' : 'FAIL'} readme block ${where} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (!ok) console.log(`${block.code}\n${r.stdout}\n${r.stderr}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
process.exit(failed > 0 ? 1 : 0);
