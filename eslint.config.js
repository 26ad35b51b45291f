import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', ...nodeBuiltins], patterns: ['node:*', '**/electron/**'] }],
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
