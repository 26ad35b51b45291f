import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

// The project's own ESLint configuration keeps storage behind renderer/db: screens, components and
// app code read through its hooks and write through its stores, and never import Dexie or the
// database themselves. Each case lints the same text as if it were a file in a given folder.
const root = path.resolve('.');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.js') });
const ADVICE = 'read through a hook in renderer/db, write through its stores';

async function lint(code: string, file: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages;
}

/** Where the storage rule refused the text, as "line:rule". */
function storageRefusals(messages: Linter.LintMessage[]): string[] {
  return messages.filter((m) => m.message.includes(ADVICE)).map((m) => `${m.line}:${m.ruleId}`);
}

const screenReadingDexie = `import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { AppDatabase } from '../db/app-database';

export function Example({ name }: { name: string }) {
  const db = new AppDatabase();
  const schools = useLiveQuery(() => db.schools.toArray(), [db]);
  return <p>{schools?.length ?? new Dexie(name).name}</p>;
}
`;

const screenUsingTheServicesHandle = `import { useServices } from '../app/app-context';

export function Example({ id }: { id: string }) {
  const { db } = useServices();
  void db.schools.get(id);
  return <p>{db.name}</p>;
}
`;

const screenThroughRendererDb = `import type { SubmissionRecord } from '../db/app-database';
import { useServices } from '../app/app-context';
import { useSchoolsByName } from '../db/school-queries';
import { createSchool } from '../db/school-store';

export function Example({ first }: { first: SubmissionRecord | null }) {
  const { db } = useServices();
  const schools = useSchoolsByName(db);
  return <button onClick={() => void createSchool(db, { name: 'x' })}>{schools?.length ?? first?.fileName}</button>;
}
`;

describe('storage stays behind renderer/db (ESLint)', () => {
  it('refuses a screen that imports Dexie, its React hooks and the database', async () => {
    const messages = await lint(screenReadingDexie, 'renderer/school/evaluation/ExampleScreen.tsx');
    expect(storageRefusals(messages)).toEqual([
      '1:@typescript-eslint/no-restricted-imports',
      '2:@typescript-eslint/no-restricted-imports',
      '3:@typescript-eslint/no-restricted-imports',
      '7:no-restricted-syntax',
    ]);
  });

  it('refuses the same in components and app code', async () => {
    for (const file of [
      'renderer/ui/Example.tsx',
      'renderer/moderation/review/Example.tsx',
      'renderer/app/example.tsx',
      'renderer/export/example.tsx',
    ]) {
      expect(storageRefusals(await lint(screenReadingDexie, file)), file).toHaveLength(4);
    }
  });

  it('refuses reading a table through the database handle the app hands down', async () => {
    const messages = await lint(screenUsingTheServicesHandle, 'renderer/school/evaluation/ExampleScreen.tsx');
    // db.schools is refused; db.name (which database it is) is not.
    expect(storageRefusals(messages)).toEqual(['5:no-restricted-syntax']);
  });

  it('passes the same code in renderer/db', async () => {
    expect(await lint(screenReadingDexie, 'renderer/db/Example.tsx')).toEqual([]);
    expect(await lint(screenUsingTheServicesHandle, 'renderer/db/Example.tsx')).toEqual([]);
  });

  it('passes a screen that reads through a hook, writes through a store and imports only a record type', async () => {
    expect(await lint(screenThroughRendererDb, 'renderer/school/evaluation/ExampleScreen.tsx')).toEqual([]);
  });

  it('lets the entry point make the database, and nothing more', async () => {
    const messages = await lint(screenReadingDexie, 'renderer/main.tsx');
    expect(storageRefusals(messages)).toEqual([
      '1:@typescript-eslint/no-restricted-imports',
      '2:@typescript-eslint/no-restricted-imports',
      '7:no-restricted-syntax',
    ]);
  });

  it('still refuses Node and Electron in renderer/db', async () => {
    const messages = await lint(
      `import { readFileSync } from 'node:fs';\nimport { ipcRenderer } from 'electron';\nvoid readFileSync;\nvoid ipcRenderer;\n`,
      'renderer/db/example.ts',
    );
    expect(messages.map((m) => `${m.line}:${m.ruleId}`)).toEqual(['1:no-restricted-imports', '2:no-restricted-imports']);
  });
});
