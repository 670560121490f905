import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts' } },
    sourcemap: true,
    shims: true,
    target: 'es2022',
  },
  {
    // The executable and the experiment worker (ESM only; bin.js starts with a shebang).
    entry: { bin: 'src/bin.ts', 'experiment-worker': 'src/experiments/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
