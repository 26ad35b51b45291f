// npm's postinstall: applies the patches in build/patches to the installed libraries with
// patch-package, failing the install if one no longer applies. Where pdfmake and patch-package
// are not installed (an install without the dev dependencies, which installs nothing: every
// library is bundled when the app is built), there is nothing to patch.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const patchPackage = join(root, 'node_modules', 'patch-package', 'index.js');
if (!existsSync(join(root, 'node_modules', 'pdfmake')) || !existsSync(patchPackage)) {
  process.stdout.write('No patches applied: pdfmake and patch-package are not installed (no dev dependencies).\n');
  process.exit(0);
}
const run = spawnSync(process.execPath, [patchPackage, '--patch-dir', 'build/patches', '--error-on-fail'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
