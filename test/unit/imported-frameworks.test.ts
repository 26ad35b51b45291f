import { describe, expect, it } from 'vitest';
import { checkedFrameworksInStorage, loadImportedFramework, type CheckedFrameworks } from '../../renderer/app/imported-frameworks';
import { frameworkContentHash } from '../../shared/framework/framework-loader';
import type { WrittenFrameworkFile } from '../../shared/framework/framework-types';
import northEast2026 from '../../criteria/frameworks/north-east-2026.json';

function remembered(...hashes: string[]): CheckedFrameworks & { hashes: Set<string> } {
  const set = new Set(hashes);
  return { hashes: set, has: (hash) => set.has(hash), add: (hash) => void set.add(hash) };
}

// A file the JSON Schema refuses (a property it does not allow) and the structure check does not
// look at: only a full check can tell it is wrong, so it shows which check ran.
const offSchema = { ...northEast2026, unexpected: 'not in the schema' };

describe('an imported framework checked at the app’s start', () => {
  it('is checked in full the first time, and remembered once it passes', async () => {
    const checked = remembered();
    const result = await loadImportedFramework({ fileName: 'ne.json', value: northEast2026, contentHash: 'as stored' }, checked);
    expect(result.ok).toBe(true);
    const hash = await frameworkContentHash(northEast2026 as unknown as WrittenFrameworkFile);
    expect([...checked.hashes]).toEqual([hash]);
  });

  it('skips only the schema pass for content whose hash passed before', async () => {
    const hash = await frameworkContentHash(offSchema as unknown as WrittenFrameworkFile);
    expect((await loadImportedFramework({ fileName: 'x.json', value: offSchema, contentHash: hash }, remembered())).ok).toBe(false);
    const quick = await loadImportedFramework({ fileName: 'x.json', value: offSchema, contentHash: hash }, remembered(hash));
    expect(quick.ok).toBe(true);
  });

  it('checks in full when the stored hash is remembered but the content is not what it names', async () => {
    const good = await frameworkContentHash(northEast2026 as unknown as WrittenFrameworkFile);
    const checked = remembered(good);
    const result = await loadImportedFramework({ fileName: 'x.json', value: offSchema, contentHash: good }, checked);
    expect(result.ok).toBe(false);
    expect([...checked.hashes]).toEqual([good]);
  });
});

describe('the checked hashes kept in local storage', () => {
  function memoryStorage(): Storage {
    const items = new Map<string, string>();
    return {
      get length() {
        return items.size;
      },
      clear: () => items.clear(),
      getItem: (key) => items.get(key) ?? null,
      key: (index) => [...items.keys()][index] ?? null,
      removeItem: (key) => void items.delete(key),
      setItem: (key, value) => void items.set(key, value),
    };
  }

  it('are kept per app version', () => {
    const storage = memoryStorage();
    checkedFrameworksInStorage(storage, '1.0.0').add('abc');
    expect(checkedFrameworksInStorage(storage, '1.0.0').has('abc')).toBe(true);
    expect(checkedFrameworksInStorage(storage, '1.1.0').has('abc')).toBe(false);
  });

  it('remember nothing when the storage is unreadable, broken or missing', () => {
    const storage = memoryStorage();
    storage.setItem('sen-accreditation:frameworks-checked:1.0.0', '{not json');
    expect(checkedFrameworksInStorage(storage, '1.0.0').has('abc')).toBe(false);
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    } as Storage;
    const checked = checkedFrameworksInStorage(full, '1.0.0');
    checked.add('abc');
    expect(checked.has('abc')).toBe(false);
    expect(checkedFrameworksInStorage(undefined, '1.0.0').has('abc')).toBe(false);
  });
});
