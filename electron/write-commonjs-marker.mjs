// The package is "type": "module", but Electron's main and sandboxed preload scripts must be
// CommonJS: mark the compiled folder as such.
import { mkdirSync, writeFileSync } from 'node:fs';

mkdirSync('dist/electron', { recursive: true });
writeFileSync('dist/electron/package.json', `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
