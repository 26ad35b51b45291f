// npm run build:electron: bundles the main process and the preload with esbuild, each with the pure
// code it takes from shared/, into dist/electron as CommonJS (the package is "type": "module", but
// Electron loads main and a sandboxed preload as CommonJS scripts).
//
// At run time main may require only 'electron' and Node's built-ins, and the sandboxed preload only
// 'electron': nothing of ours sits beside the bundles in app.asar. test/unit/electron-bundle.test.ts
// builds into a temporary folder and checks both.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The two scripts Electron loads, by the name they get in the output folder. */
export const ELECTRON_ENTRY_POINTS = {
  main: path.join(root, 'electron', 'main.ts'),
  preload: path.join(root, 'electron', 'preload.ts'),
};

/**
 * Builds main.js and preload.js (with source maps) and the {"type":"commonjs"} marker into the
 * folder `outdir` (an absolute path). Returns esbuild's metafile: which source files went into which bundle.
 */
export async function buildElectron(outdir) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ELECTRON_ENTRY_POINTS,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Electron 45 runs Node 22; its Chromium, where the preload runs, has a newer V8 still.
    target: 'node22',
    external: ['electron'],
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  });
  mkdirSync(outdir, { recursive: true });
  writeFileSync(path.join(outdir, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
  return result.metafile;
}

// node electron/build-main.mjs [output folder]: into dist/electron, emptied first so no file of an
// older build is packaged beside the bundles; or into another folder, which must be new or empty.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const defaultOutdir = path.join(root, 'dist', 'electron');
  const outdir = process.argv[2] ? path.resolve(process.argv[2]) : defaultOutdir;
  if (outdir === defaultOutdir) rmSync(outdir, { recursive: true, force: true });
  else if (existsSync(outdir) && readdirSync(outdir).length > 0) {
    console.error(`Not building into ${outdir}: the folder is not empty. Give a new or empty folder.`);
    process.exit(1);
  }
  const metafile = await buildElectron(outdir);
  const outputs = Object.entries(metafile.outputs).filter(([file]) => file.endsWith('.js'));
  const sizes = outputs.map(([file, output]) => `${path.basename(file)} ${(output.bytes / 1024).toFixed(1)} KiB`).join(', ');
  console.log(`Built ${outdir} (${sizes}) in ${Math.round(performance.now() - started)} ms.`);
}
