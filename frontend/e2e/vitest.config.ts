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
    // On CI, a test that fails is run once more before the run fails (as Playwright's own CI
    // default does): a busy runner can miss a timing the product does not depend on. A real
    // failure fails twice; the report names any test that needed the second try.
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
