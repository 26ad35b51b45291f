/**
 * The test files that run isolated, each with fresh modules (and, for component tests, a fresh
 * page): those that replace a module with `vi.mock` (a module already loaded by an earlier file
 * would be used as it is) and those that test what happens on a page's first load. Every other
 * unit or component test file shares its worker's module graph with the files before it
 * (vitest.config.ts). test/unit/test-isolation.test.ts checks every file using `vi.mock` is listed.
 */
export const UNIT_ISOLATED: readonly string[] = [
  'test/unit/electron-main.test.ts',
  'test/unit/electron-preload.test.ts',
  'test/unit/electron-window-state.test.ts',
  'test/unit/sen-cli-batch.test.ts',
  'test/unit/submission-import-lazy-stores.test.ts',
];

export const COMPONENT_ISOLATED: readonly string[] = [
  'test/component/criteria-overview-rerender.test.tsx',
  'test/component/criterion-screen-rerender.test.tsx',
  'test/component/criterion-switch.test.tsx',
  'test/component/criterion-typing-rerender.test.tsx',
  'test/component/evidence-library-rerender.test.tsx',
  'test/component/regional-overview-screen.test.tsx',
  'test/component/screen-error-boundary.test.tsx',
  'test/component/page-heading-focus.test.tsx',
];
