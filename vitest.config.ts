import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Vitest's default is one worker fewer than the cores, which is one worker on a two-core CI
 * machine. The unit tests spend much of their time waiting on pdfsig, openssl and qpdf, so they
 * take one worker per core. The component tests keep the default: each renders and waits on the
 * page, and two at once on two cores starve the rendering they wait for.
 */
const WORKERS = Math.max(2, availableParallelism());

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', maxWorkers: WORKERS, testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['test/component/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/component/keep-blobs-in-fake-indexeddb.ts', 'test/component/setup-component-tests.ts'],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
