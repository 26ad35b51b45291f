import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// What the compiled main process may load at run time. The sandboxed preload can load nothing of
// ours, and nothing from shared/ is shipped beside dist/electron, so both take only types.
const electronFolder = path.resolve('electron');
const sources = readdirSync(electronFolder).filter((name) => name.endsWith('.ts'));

function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(electronFolder, file), 'utf8'), ts.ScriptTarget.Latest);
  return source.statements.flatMap((statement) => {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      return statement.importClause?.isTypeOnly ? [] : [statement.moduleSpecifier.text];
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      return statement.isTypeOnly ? [] : [statement.moduleSpecifier.text];
    }
    return [];
  });
}

describe('what electron/ loads at run time', () => {
  it('finds the sources', () => {
    expect(sources).toEqual(expect.arrayContaining(['main.ts', 'preload.ts', 'app-menu.ts']));
  });

  it('has a preload that loads only electron', () => {
    expect(runtimeImports('preload.ts')).toEqual(['electron']);
  });

  it.each(sources)('%s takes only types from shared/', (file) => {
    expect(runtimeImports(file).filter((specifier) => specifier.includes('shared/'))).toEqual([]);
  });

  it.each(sources.filter((file) => file !== 'main.ts' && file !== 'preload.ts'))('%s does not load electron (only main.ts may)', (file) => {
    expect(runtimeImports(file)).not.toContain('electron');
  });
});
