import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = new URL('../../dist/index.js', import.meta.url).pathname;

// A browser app bundling @memsim/plot (esbuild, platform browser): no native addon (.node), no Node built-in.
describe('@memsim/plot in a browser bundle', () => {
  it.skipIf(!existsSync(entry))('bundles with platform browser, without .node files or Node modules', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('resvg-wasm'))).toBe(true);
    expect(inputs.filter((p) => p.endsWith('.node') || p.includes('resvg-js'))).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from\s*["']node:|require\(["']node:/);
  });
});
