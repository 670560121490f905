// memsim's main job on its embedded default data (the README's first command): `memsim run` from @memsim/cli.
// Arguments after `pnpm start --` are passed through, e.g. `pnpm start -- --out report --seed 2`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './workspace.mjs';

const bin = join(ROOT, 'packages/cli/dist/bin.js');
if (!existsSync(bin)) {
  console.error('memsim: packages/cli is not built; run `pnpm build` first.');
  process.exit(1);
}
const args = process.argv.slice(2);
const r = spawnSync(process.execPath, [bin, ...(args.length > 0 ? args : ['run'])], { stdio: 'inherit', cwd: ROOT });
process.exit(r.status ?? 1);
