/**
 * The component test files that run isolated, each with a fresh page and fresh modules: those that
 * replace a module with `vi.mock` (a module already loaded by an earlier file would be used as it
 * is) and those that test what happens on a page's first load. Every other component test file
 * shares one page and module graph with the others (vitest.config.ts).
 * test/unit/component-test-isolation.test.ts checks every file using `vi.mock` is listed here.
 */
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
