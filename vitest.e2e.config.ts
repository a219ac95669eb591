import { defineConfig } from 'vitest/config';

// Browser journeys against a real server (npm start's code on a fresh embedded database) in Debian's chromium.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/server.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    passWithNoTests: false,
  },
});
