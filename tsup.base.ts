import { defineConfig, type Options } from 'tsup';

/**
 * The one build recipe of every memsim library package: ESM + CJS + .d.ts, with source maps, for Node 20 and
 * browsers. A package passes its entries and, rarely, an override (e.g. `shims` for `import.meta.url` in CJS).
 */
export function libraryConfig(entry: Record<string, string>, overrides: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    ...overrides,
  });
}
