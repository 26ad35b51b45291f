import { readFileSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { appChunk } from './build/app-chunk.ts';
import { criteriaJsonModules } from './build/criteria-json-modules.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The same policy the Electron shell sends as a header (electron/app-protocol.ts), as a meta tag
// so the web target is held to it too. Only in the built app: the dev server injects inline code.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; font-src 'self'; connect-src 'self' blob:; worker-src 'self' blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'";

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<meta charset="utf-8" />',
        `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      ),
  };
}

const app = appChunk();

// The renderer is built once and served three ways: from app:// in Electron, from 127.0.0.1 for
// the web target, and to the end-to-end tests. Relative asset paths make all three work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [criteriaJsonModules(), react(), contentSecurityPolicy(), app.plugin],
  define: { __APP_VERSION__: JSON.stringify(version) },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    // One file for the start's code and one for the code the screens share beyond it
    // (build/app-chunk.ts); their modules do not bring their imports with them, so each module
    // still runs in import order.
    rolldownOptions: { output: { strictExecutionOrder: true, codeSplitting: { groups: [app.startGroup, app.group] } } },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
