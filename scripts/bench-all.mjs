// Runs every bench/*.bench.ts (of the given package directories, default all) and prints one table of figures.
// Each benchmark prints `BENCH {"name","value","unit","target"?,"reference"?}` lines (see @memsim/core/testing).
import { spawnSync } from 'node:child_process';
import { relative, resolve } from 'node:path';
import { listFiles, listWorkspaces, ROOT } from './workspace.mjs';

const dirs =
  process.argv.length > 2 ? process.argv.slice(2).map((d) => resolve(d)) : listWorkspaces().map((p) => p.dir);
const rows = [];
let failed = 0;
for (const dir of dirs) {
  for (const file of listFiles(resolve(dir, 'bench'), /\.bench\.ts$/)) {
    console.error(`running ${relative(ROOT, file)} ...`);
    const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    if (r.status !== 0) {
      failed++;
      console.error(`FAIL ${relative(ROOT, file)}\n${r.stdout}\n${r.stderr}`);
    }
    for (const line of r.stdout.split('\n')) if (line.startsWith('BENCH ')) rows.push(JSON.parse(line.slice(6)));
  }
}
const fmt = (v) => (Math.abs(v) >= 1000 || Math.abs(v) < 0.01 ? v.toExponential(3) : v.toPrecision(4));
const table = [
  ['name', 'figure', 'unit', 'target', 'MemTorch'],
  ...rows.map((r) => [r.name, fmt(r.value), r.unit, r.target ?? '', r.reference ?? '']),
];
const widths = table[0].map((_, c) => Math.max(...table.map((row) => String(row[c]).length)));
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, c) => String(cell).padEnd(widths[c])).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
process.exit(failed > 0 ? 1 : 0);
