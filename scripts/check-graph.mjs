// Checks memsim's one-way package graph : a package may depend on (and import) only
// packages on a lower floor. Apps (apps/*, e.g. the playground) are the top floor: they may use every package, through
// its public entries only, and nothing may depend on an app. Exits 1 naming the file and the import on any violation.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { listFiles, listWorkspaces, ROOT } from './workspace.mjs';

/** Floor of each package; a package may use only packages on strictly lower floors. */
export const FLOORS = {
  '@memsim/core': 0,
  '@memsim/quantize': 1,
  '@memsim/devices': 1,
  '@memsim/mapping': 1,
  '@memsim/plot': 1,
  '@memsim/onnx': 1,
  '@memsim/crossbar': 2,
  '@memsim/nonideality': 3,
  '@memsim/layers': 4,
  '@memsim/cli': 5,
};

const problems = [];
const importPattern =
  /(?:import|export)\s[^'"]*?from\s*['"](@memsim\/[a-z-]+)[^'"]*['"]|import\(\s*['"](@memsim\/[a-z-]+)[^'"]*['"]\s*\)|require\(\s*['"](@memsim\/[a-z-]+)[^'"]*['"]\s*\)/g;

const workspaces = listWorkspaces();
for (const pkg of workspaces) {
  const floor = pkg.kind === 'app' ? Number.POSITIVE_INFINITY : FLOORS[pkg.name];
  if (floor === undefined) {
    problems.push(
      `${relative(ROOT, pkg.dir)}/package.json: package ${pkg.name} has no floor in scripts/check-graph.mjs FLOORS`,
    );
    continue;
  }
  const allowed = (dep) => dep === pkg.name || (FLOORS[dep] !== undefined && FLOORS[dep] < floor);
  const m = pkg.manifest;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const dep of Object.keys(m[field] ?? {})) {
      if (dep.startsWith('@memsim/') && !allowed(dep))
        problems.push(
          `${relative(ROOT, pkg.dir)}/package.json: ${field} lists ${dep} (floor ${FLOORS[dep] ?? '?'}) but ${pkg.name} is on floor ${floor}; packages may depend only on lower floors`,
        );
    }
  }
  const declared = new Set(Object.keys({ ...(m.dependencies ?? {}), ...(m.devDependencies ?? {}) }));
  for (const file of listFiles(pkg.dir, /\.(ts|tsx|mts|cts|js|mjs)$/)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(importPattern)) {
      const dep = match[1] ?? match[2] ?? match[3];
      const line = text.slice(0, match.index).split('\n').length;
      const where = `${relative(ROOT, file)}:${line}`;
      if (!allowed(dep))
        problems.push(`${where}: imports ${dep} (floor ${FLOORS[dep] ?? '?'}) but ${pkg.name} is on floor ${floor}`);
      else if (dep !== pkg.name && !declared.has(dep))
        problems.push(`${where}: imports ${dep} which is not declared in ${relative(ROOT, pkg.dir)}/package.json`);
    }
    for (const match of text.matchAll(/from\s*['"](\.\.\/)+(?:\.\.\/)*(?:packages\/)?([a-z-]+)\/(src|dist)\//g)) {
      const line = text.slice(0, match.index).split('\n').length;
      problems.push(
        `${relative(ROOT, file)}:${line}: deep import into another package's ${match[3]}/; import its public entry instead`,
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`Package graph check failed (${problems.length}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`Package graph OK (${workspaces.length} packages and apps).`);
