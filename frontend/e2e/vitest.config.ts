import { defineConfig } from 'vitest/config';

// End-to-end: a real headless Chromium (Debian's package, driven by playwright-core) against the
// real API. See e2e/README.md.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['./globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
