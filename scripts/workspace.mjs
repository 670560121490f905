// Shared helpers of the repo scripts: list the workspace packages (packages/*, published libraries) and apps
// (apps/*, private, e.g. the playground) with their manifests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Every directory under packages/ with a package.json, as { dir, short, name, manifest, kind: 'package' }. */
export function listPackages() {
  return listUnder('packages', 'package');
}

/** Every directory under apps/ with a package.json (private apps on top of every package), kind 'app'. */
export function listApps() {
  return listUnder('apps', 'app');
}

/** Packages then apps: everything the test command builds and tests. */
export function listWorkspaces() {
  return [...listPackages(), ...listApps()];
}

function listUnder(folder, kind) {
  const base = join(ROOT, folder);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'package.json')))
    .map((d) => {
      const dir = join(base, d.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, short: d.name, name: manifest.name, manifest, kind };
    })
    .sort((a, b) => a.short.localeCompare(b.short));
}

/** Recursively lists files under `dir` whose names match `pattern`. */
export function listFiles(dir, pattern) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'dist', 'golden', 'test-artifacts'].includes(entry.name))
        out.push(...listFiles(p, pattern));
    } else if (pattern.test(entry.name)) out.push(p);
  }
  return out.sort();
}
