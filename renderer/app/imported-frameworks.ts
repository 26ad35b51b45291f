import { loadFrameworkValue, type FrameworkLoadResult } from '../../shared/framework/framework-loader';

/** The content hashes of framework files that passed this app version's full check. */
export interface CheckedFrameworks {
  has(contentHash: string): boolean;
  add(contentHash: string): void;
}

/**
 * An imported framework, checked as the app's start needs it. Its JSON Schema pass (the slowest
 * part) is skipped only when the file's own content hash, worked out again here, is one that
 * passed this app version's full check before; its structure is always checked. Anything else
 * (a new app version, a file never checked, a record whose stored hash is not its content's) gets
 * the full check, and a file that passes it is remembered.
 */
export async function loadImportedFramework(
  record: { fileName: string; value: unknown; contentHash: string },
  checked: CheckedFrameworks,
): Promise<FrameworkLoadResult> {
  if (checked.has(record.contentHash)) {
    const quick = await loadFrameworkValue(record.fileName, record.value, undefined, true);
    if (quick.ok && quick.framework.contentHash === record.contentHash) return quick;
  }
  const full = await loadFrameworkValue(record.fileName, record.value);
  if (full.ok) checked.add(full.framework.contentHash);
  return full;
}

/**
 * The checked hashes kept in the page's local storage, one list per app version (a new version
 * may check more, so it checks everything once again). Storage that cannot be read or written
 * remembers nothing, and every file is then checked in full.
 */
export function checkedFrameworksInStorage(storage: Storage | undefined, appVersion: string): CheckedFrameworks {
  const key = `sen-accreditation:frameworks-checked:${appVersion}`;
  const read = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((hash): hash is string => typeof hash === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    has: (contentHash) => read().includes(contentHash),
    add: (contentHash) => {
      const hashes = read();
      if (hashes.includes(contentHash)) return;
      try {
        storage?.setItem(key, JSON.stringify([...hashes, contentHash]));
      } catch {
        // Nothing remembered: the next start checks this file in full again.
      }
    },
  };
}
