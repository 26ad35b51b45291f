import { formatProblem, loadFrameworkText, checkSupplementFits } from '../../shared/framework/framework-loader';
import type { BaseFramework, LoadedFramework } from '../../shared/framework/framework-types';
import { nowIso, type AppDatabase } from './app-database';
import type { FrameworkTextCheck } from './framework-file-check';

export type FrameworkImportResult =
  { ok: true; framework: LoadedFramework; alreadyInstalled: boolean } | { ok: false; problems: string[]; problemCount?: number };

/**
 * Validates a partnership's framework file exactly as the shipped ones are, then stores it.
 * `check` reads and checks the text: Settings passes one that runs in a web worker.
 */
export async function importFrameworkFile(
  db: AppDatabase,
  fileName: string,
  text: string,
  installed: readonly LoadedFramework[],
  check: FrameworkTextCheck = loadFrameworkText,
): Promise<FrameworkImportResult> {
  const result = await check(fileName, text);
  if (!result.ok) return { ok: false, problems: result.problems.map(formatProblem), problemCount: result.problemCount };
  const { framework } = result;
  if (framework.file.kind === 'supplement') {
    const extendsId = framework.file.extends;
    const base = installed.find((f) => f.file.kind === 'framework' && f.file.id === extendsId);
    if (!base) return { ok: false, problems: [`${fileName}: /extends: adds to "${extendsId}", which is not installed`] };
    const problems = checkSupplementFits(fileName, base.file as BaseFramework, framework.file).map(formatProblem);
    if (problems.length > 0) return { ok: false, problems };
  }
  const clash = installed.find(
    (f) => f.file.id === framework.file.id && f.file.version === framework.file.version && f.contentHash !== framework.contentHash,
  );
  if (clash) {
    return {
      ok: false,
      problems: [
        `${fileName}: /version: version ${framework.file.version} of "${framework.file.id}" is already installed with different content; give this file a new version number`,
      ],
    };
  }
  const alreadyInstalled = installed.some((f) => f.contentHash === framework.contentHash);
  if (!alreadyInstalled) {
    await db.frameworks.put({
      contentHash: framework.contentHash,
      id: framework.file.id,
      version: framework.file.version,
      fileName,
      value: framework.written,
      importedAt: nowIso(),
    });
  }
  return { ok: true, framework, alreadyInstalled };
}
