import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const dist = join(import.meta.dirname, '..', 'dist');

// Bundles the built main entry as a browser app would (esbuild, platform browser): it must resolve without Node
// built-ins, and the test helpers (`@memsim/core/testing`, which use fs and perf_hooks) must not be pulled in.
describe('@memsim/core main entry in a browser bundle', () => {
  it.each(['index.js', 'index.cjs'])(
    'dist/%s bundles for the browser without testing helpers or Node modules',
    async (file) => {
      expect(existsSync(join(dist, file))).toBe(true);
      const result = await build({
        entryPoints: [join(dist, file)],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.length).toBeGreaterThan(0);
      expect(inputs.filter((p) => /testing|golden|bench/.test(p))).toEqual([]);
      const text = result.outputFiles[0]!.text;
      expect(text).not.toMatch(/\bnode:|perf_hooks|readFileSync|\bBuffer\b/);
    },
  );

  it('the check is not vacuous: the ./testing entry does need Node modules', async () => {
    await expect(
      build({
        entryPoints: [join(dist, 'testing', 'index.js')],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        write: false,
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/Could not resolve/);
  });
});
