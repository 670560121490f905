// Shared helpers of the repo scripts: list the workspace packages and their manifests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Every directory under packages/ with a package.json, as { dir, name, manifest }. */
export function listPackages() {
  const base = join(ROOT, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'package.json')))
    .map((d) => {
      const dir = join(base, d.name);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, short: d.name, name: manifest.name, manifest };
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
      if (entry.name !== 'node_modules' && entry.name !== 'dist' && entry.name !== 'golden')
        out.push(...listFiles(p, pattern));
    } else if (pattern.test(entry.name)) out.push(p);
  }
  return out.sort();
}
