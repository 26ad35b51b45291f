import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const STORAGE_MESSAGE =
  'Screens, components and app code do not use Dexie or the database directly: read through a hook in renderer/db, write through its stores.';

const dexiePackages = ['dexie', 'dexie-react-hooks'].map((name) => ({ name, message: STORAGE_MESSAGE }));

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'buffer', 'stream', 'url', 'http', 'https', 'net', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.name="fetch"]', message: 'The app makes no network requests.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // The domain runs unchanged in Node, browsers, workers and Electron: no DOM, Node or UI code.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'dexie', 'electron', ...nodeBuiltins],
          patterns: ['node:*', '../../renderer/*', '../../electron/*', '**/renderer/**', '**/electron/**'],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'Buffer', 'process', 'localStorage', 'indexedDB'],
    },
  },
  {
    // The page has no Node and no Electron: it reaches the desktop only through renderer/platform.
    // Storage is behind renderer/db: screens, components and app code read through its hooks and
    // write through its stores, so a table change is made in renderer/db alone. Importing a
    // record's type is allowed (it carries no access).
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression[callee.name="fetch"]', message: 'The app makes no network requests.' },
        // The database handle from useServices() is passed to renderer/db, never used here:
        // db.schools.get(...) belongs in a hook or a store there (db.name only says which database).
        { selector: 'MemberExpression[object.name="db"]:not([property.name="name"])', message: STORAGE_MESSAGE },
        { selector: 'MemberExpression[object.property.name="db"]:not([property.name="name"])', message: STORAGE_MESSAGE },
      ],
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['electron', ...nodeBuiltins, ...dexiePackages],
          patterns: [
            { group: ['node:*', '**/electron/**'] },
            { group: ['**/db/app-database', '**/db/app-database.ts'], allowTypeImports: true, message: STORAGE_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    // renderer/db is the one place that opens Dexie; it still has no Node and no Electron.
    files: ['renderer/db/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', ...nodeBuiltins], patterns: ['node:*', '**/electron/**'] }],
    },
  },
  {
    // Exception: the entry point makes the one database the whole app runs on and hands it down.
    files: ['renderer/main.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: ['electron', ...nodeBuiltins, ...dexiePackages], patterns: [{ group: ['node:*', '**/electron/**'] }] },
      ],
    },
  },
  {
    // The main process and the CLI may import shared/ (pure, bundled into main.js by
    // electron/build-main.mjs) but never the page's code.
    files: ['electron/**/*.{ts,mjs}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/renderer/**', '../renderer/*'] }],
    },
  },
  {
    // The sandboxed preload can require nothing but 'electron': no Node, so neither may the files it loads.
    files: ['electron/preload.ts', 'electron/ipc-channels.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins, patterns: ['node:*', '**/renderer/**', '../renderer/*'] }],
    },
  },
);
