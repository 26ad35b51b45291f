import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { COMPONENT_ISOLATED, UNIT_ISOLATED } from './test/isolated-test-files.ts';

/**
 * Vitest's default is one worker fewer than the cores, which is one worker on a two-core CI
 * machine. The unit tests spend much of their time waiting on pdfsig, openssl and qpdf, so they
 * take one worker per core. The component tests keep the default: each renders and waits on the
 * page, and two at once on two cores starve the rendering they wait for.
 */
const WORKERS = Math.max(2, availableParallelism());

/**
 * The unit tests share each worker's module graph, file after file: they are pure functions over
 * their own inputs, so loading the same modules again for every file bought nothing. The component
 * tests likewise share one page (jsdom) and module graph: each file renders into a fresh database
 * (`freshDatabase`), and the shared setup clears the page and storage after each test. The files
 * that replace a module (`vi.mock`) or test what happens on a page's first load get fresh modules
 * (and a fresh page) each: test/isolated-test-files.ts.
 */
const UNIT_TESTS = 'test/unit/**/*.test.ts';
const UNIT = { environment: 'node', maxWorkers: WORKERS, testTimeout: 30_000 };
const COMPONENT_TESTS = 'test/component/**/*.test.{ts,tsx}';
const COMPONENT = {
  environment: 'jsdom',
  setupFiles: ['test/component/keep-blobs-in-fake-indexeddb.ts', 'test/component/setup-component-tests.ts'],
  testTimeout: 20_000,
};

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: { ...UNIT, name: 'unit', include: [UNIT_TESTS], exclude: [...UNIT_ISOLATED], isolate: false },
      },
      {
        extends: true,
        test: { ...UNIT, name: 'unit-isolated', include: [...UNIT_ISOLATED] },
      },
      {
        extends: true,
        test: { ...COMPONENT, name: 'component', include: [COMPONENT_TESTS], exclude: [...COMPONENT_ISOLATED], isolate: false },
      },
      {
        extends: true,
        test: { ...COMPONENT, name: 'component-isolated', include: [...COMPONENT_ISOLATED] },
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
