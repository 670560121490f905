// Runs every examples/*.ts of the given package directories (default: all packages); exits 1 if one fails.
import { spawnSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
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
}
process.exit(failed > 0 ? 1 : 0);
