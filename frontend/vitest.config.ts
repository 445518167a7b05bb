import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    pool: 'threads',
    maxWorkers: 2,
    // Typing into Mantine inputs under jsdom is slow on a busy shared machine.
    testTimeout: 20_000,
  },
});
