import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layers as the import statements show them. electron/ may load shared/ (pure code, bundled into
// main.js and preload.js by electron/build-main.mjs) but never renderer/; only main.ts and the
// preload load Electron; the sandboxed preload, with everything of ours it loads, needs nothing
// but 'electron' at run time; shared/ loads nothing of ours but shared/ and criteria/.
// test/unit/electron-bundle.test.ts checks the same of the built bundles.
const root = path.resolve('.');
const electronFolder = path.join(root, 'electron');

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

function imports(file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement): Import[] => {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      return [{ specifier: statement.moduleSpecifier.text, typeOnly: statement.importClause?.isTypeOnly ?? false }];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      return [{ specifier: statement.moduleSpecifier.text, typeOnly: statement.isTypeOnly }];
    }
    return [];
  });
}

const runtimeImports = (file: string) => imports(file).flatMap((entry) => (entry.typeOnly ? [] : [entry.specifier]));
const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/** The file a relative import names, as the bundler finds it. */
function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [base, `${base}.ts`, path.join(base, 'index.ts')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (!found) throw new Error(`${path.relative(root, from)}: cannot find ${specifier}`);
  return found;
}

/** Every file of ours a file loads at run time, itself included, and the packages they load. */
function runtimeGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!file.endsWith('.ts')) return;
    for (const specifier of runtimeImports(file)) {
      if (isRelative(specifier)) visit(resolveRelative(file, specifier));
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files: [...files].map((file) => path.relative(root, file).split(path.sep).join('/')).sort(), packages: [...packages].sort() };
}

const electronSources = typeScriptFiles(electronFolder);
const name = (file: string) => path.relative(root, file).split(path.sep).join('/');

describe('what electron/ loads', () => {
  it('finds the sources', () => {
    expect(electronSources.map(name)).toEqual(
      expect.arrayContaining(['electron/main.ts', 'electron/preload.ts', 'electron/cli/sen-cli.ts']),
    );
  });

  it.each(electronSources.map(name))('%s never imports renderer/, not even types', (file) => {
    expect(imports(path.join(root, file)).filter((entry) => entry.specifier.includes('renderer'))).toEqual([]);
  });

  it.each(electronSources.map(name).filter((file) => file !== 'electron/main.ts' && file !== 'electron/preload.ts'))(
    '%s does not load electron (only main.ts and the preload may)',
    (file) => {
      expect(runtimeImports(path.join(root, file))).not.toContain('electron');
    },
  );

  it('has a main process that loads shared/ code (so nothing is copied)', () => {
    const { files } = runtimeGraph(path.join(electronFolder, 'main.ts'));
    expect(files).toEqual(expect.arrayContaining(['shared/backup/backup-file-name.ts', 'shared/desktop/menu-commands.ts']));
  });

  it('has a preload that, with everything of ours it loads, needs only electron and pure shared/ code', () => {
    const { files, packages } = runtimeGraph(path.join(electronFolder, 'preload.ts'));
    expect(packages).toEqual(['electron']);
    expect(files).toContain('shared/desktop/menu-commands.ts');
    for (const file of files) expect(file).toMatch(/^(electron\/[^/]+|shared\/.+)\.ts$/);
  });
});

describe('what shared/ loads', () => {
  const sharedSources = typeScriptFiles(path.join(root, 'shared'));

  it('finds the sources', () => {
    expect(sharedSources.map(name)).toContain('shared/backup/backup-file-name.ts');
  });

  it('loads nothing of ours outside shared/ and criteria/', () => {
    const outside = sharedSources.flatMap((file) =>
      imports(file)
        .filter((entry) => isRelative(entry.specifier))
        .map((entry) => name(resolveRelative(file, entry.specifier)))
        .filter((target) => !target.startsWith('shared/') && !target.startsWith('criteria/'))
        .map((target) => `${name(file)} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });
});
