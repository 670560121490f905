import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vite';

// The trained models ship in @memsim/cli's `models/` folder (a published folder of that package): the playground
// imports them as assets (`?url`) through this alias rather than copying them.
const require = createRequire(import.meta.url);
const cliModels = join(dirname(require.resolve('@memsim/cli/package.json')), 'models');

// Cross-origin isolation: SharedArrayBuffer and shared WebAssembly memory, which @memsim/crossbar's threaded
// read-out (`startThreads`, Web Workers on one memory) needs, exist only in isolated pages. Every asset of the app is
// same-origin, so require-corp blocks nothing. A static host of dist/ must send the same two headers.
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative asset URLs: the same build works at / and under the docs site (docs-site/dist/playground/).
  base: './',
  resolve: {
    alias: {
      '@cli-models': cliModels,
      // @memsim/plot's PNG renderer (renderPng) needs the native @resvg/resvg-js (issue 19). The playground never
      // renders PNG; this stub keeps the native addon out of the browser bundle and fails loudly if it were called.
      '@resvg/resvg-js': join(import.meta.dirname, 'src/internal/resvg-stub.ts'),
    },
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, reportCompressedSize: false },
  server: { headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', headers: ISOLATION_HEADERS },
});
