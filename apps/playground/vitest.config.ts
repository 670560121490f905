import { defineConfig } from 'vitest/config';

// The browser tests share one built playground, one static server and one Chromium: run files one at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
