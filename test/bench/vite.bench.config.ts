import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
const page = (name: string) => fileURLToPath(new URL(`./page/${name}`, import.meta.url));

/**
 * The benchmark's pages, built apart from the app into dist/bench and served under /bench/ on the
 * app's origin (test/bench/bench-server.ts), so they share the app's IndexedDB. The app's own
 * build, its Content-Security-Policy and its code are untouched: the bench page imports the app's
 * modules (stores, export and verify workers) and Vite bundles them here exactly as for the app.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  define: { __APP_VERSION__: JSON.stringify(version) },
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/bench', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      input: { index: page('index.html'), plain: page('plain.html'), 'ui-probe': page('ui-probe.ts') },
      output: {
        // The probe is injected as an init script by its path, so its name is fixed.
        entryFileNames: (chunk) => (chunk.name === 'ui-probe' ? 'assets/ui-probe.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  worker: { format: 'es' },
});
