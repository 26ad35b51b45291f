import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What the app loads before its first screen can draw: every module the entry (renderer/main.tsx)
// reaches through static imports, which the bundler puts in the entry's chunks and the page loads
// and runs before anything else. Code loaded with import() is left out (it is fetched when used).
// The certificate code (pkijs and its kin), the backup code and the code that imports submissions
// are needed by no first draw, so none of it may be in that graph.
const root = path.resolve('.');

/** The modules a file imports at run time: static imports and re-exports that are not type-only. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  return source.statements.flatMap((statement): string[] => {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      return statement.importClause?.isTypeOnly ? [] : [statement.moduleSpecifier.text];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      return statement.isTypeOnly ? [] : [statement.moduleSpecifier.text];
    }
    return [];
  });
}

function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  if (!found) throw new Error(`${path.relative(root, from)}: cannot find ${specifier}`);
  return found;
}

/** The package a bare specifier names: 'pkijs' -> 'pkijs', '@noble/hashes/sha2' -> '@noble/hashes'. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Every file of ours and every package the entry loads through static imports. */
function startGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.tsx?$/.test(file)) return;
    for (const specifier of staticImports(file)) {
      if (specifier.startsWith('./') || specifier.startsWith('../')) visit(resolveRelative(file, specifier));
      else packages.add(packageOf(specifier));
    }
  };
  visit(entry);
  return { files, packages };
}

const graph = startGraph(path.join(root, 'renderer/main.tsx'));
const ours = [...graph.files].map((file) => path.relative(root, file).split(path.sep).join('/'));

describe('the app’s start loads only what a first screen needs', () => {
  it('reaches the database, the router and React (the walk follows the imports)', () => {
    expect(ours).toEqual(
      expect.arrayContaining([
        'renderer/app/App.tsx',
        'renderer/app/DatabaseGate.tsx',
        'renderer/db/app-database.ts',
        'renderer/app/hash-route.ts',
      ]),
    );
    expect([...graph.packages]).toEqual(expect.arrayContaining(['react', 'react-dom', 'dexie']));
  });

  it('loads no certificate code: not pkijs, asn1js or their kin, nor anything of shared/crypto', () => {
    for (const name of ['pkijs', 'asn1js', '@peculiar/asn1-schema', '@noble/hashes', '@noble/curves', 'bytestreamjs']) {
      expect(graph.packages.has(name), name).toBe(false);
    }
    expect(ours.filter((file) => file.startsWith('shared/crypto/'))).toEqual([]);
  });

  it('loads no backup, submission-import, PDF or verification code', () => {
    const heavy = ours.filter((file) =>
      /^(shared\/backup\/|shared\/pdf\/|renderer\/db\/backup-|shared\/moderation\/(import-decision|appeal)|shared\/submission\/)/.test(
        file,
      ),
    );
    expect(heavy).toEqual([]);
    for (const name of ['pdf-lib', 'pdfmake', 'pdfjs-dist']) expect(graph.packages.has(name), name).toBe(false);
  });
});

describe('the first screens load no certificate or PDF code to draw', () => {
  const ofScreen = (file: string) => startGraph(path.join(root, file));

  it('the home screen (where every start begins) loads no certificate or backup-making code', () => {
    const home = ofScreen('renderer/home/HomeScreen.tsx');
    for (const name of ['pkijs', 'asn1js', 'pdf-lib', 'pdfmake']) expect(home.packages.has(name), name).toBe(false);
    const files = [...home.files].map((file) => path.relative(root, file).split(path.sep).join('/'));
    expect(files.filter((file) => file === 'renderer/db/backup-store.ts' || file.startsWith('shared/crypto/'))).toEqual([]);
  });

  it('the dashboard and the Regional overview load no PDF code', () => {
    for (const screen of ['renderer/school/evaluation/DashboardScreen.tsx', 'renderer/partnership/RegionalOverviewScreen.tsx']) {
      const graph = ofScreen(screen);
      for (const name of ['pdf-lib', 'pdfmake', 'pdfjs-dist']) expect(graph.packages.has(name), `${screen}: ${name}`).toBe(false);
    }
  });

  // The certificate code: PKI.js and the ASN.1 and byte libraries it is built on, and all of
  // shared/crypto. It is needed when a file is imported, a folder scanned or something signed,
  // and is loaded then; the queue, the dashboard and the Regional overview draw from stored records.
  const certificatePackage = /^(pkijs|asn1js|pvtsutils|pvutils|bytestreamjs|@peculiar\/|@noble\/)/;
  const certificateCodeOf = (screen: string) => {
    const graph = ofScreen(screen);
    const files = [...graph.files].map((file) => path.relative(root, file).split(path.sep).join('/'));
    return {
      files,
      certificateCode: [
        ...[...graph.packages].filter((name) => certificatePackage.test(name)),
        ...files.filter((file) => file.startsWith('shared/crypto/')),
      ],
    };
  };

  it.each([
    ['the moderator’s queue', 'renderer/moderation/queue/ModerationQueueScreen.tsx', 'renderer/moderation/queue/submission-import.ts'],
    ['the evaluation’s dashboard', 'renderer/school/evaluation/DashboardScreen.tsx', 'shared/partnership/benchmark.ts'],
    ['the Regional overview', 'renderer/partnership/RegionalOverviewScreen.tsx', 'renderer/db/shared-folder-queries.ts'],
  ])('%s loads no certificate code to draw', (_name, screen, reached) => {
    const { files, certificateCode } = certificateCodeOf(screen);
    // The walk reaches the modules that used to bring the certificate code in (so it follows the screen's imports).
    expect(files).toContain(reached);
    expect(certificateCode).toEqual([]);
  });

  it('the certificate code is still there for what needs it: importing a submission and checking a folder', () => {
    expect(certificateCodeOf('renderer/db/submission-import-store.ts').certificateCode).toContain('pkijs');
    expect(certificateCodeOf('renderer/moderation/folder/shared-folder-scan.ts').certificateCode).toContain('pkijs');
  });
});
