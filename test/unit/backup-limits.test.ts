import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_HEADER_BYTES,
  BACKUP_MAGIC,
  BACKUP_MAX_REPEATED_BYTES,
  readBackup,
  writeBackup,
} from '../../shared/backup/backup-format';
import { canonicalJson } from '../../shared/formats/canonical-json';
import { sha256, sha256Hex, utf8 } from '../../shared/formats/sha256';

const LIMITS = { appVersion: '0.1.0', schemaVersion: 2 };
const MB = 1024 * 1024;

/** Writes a file by hand around a manifest, as a tool that made its own would. */
async function craft(manifest: unknown, entries: Uint8Array<ArrayBuffer>[] = []): Promise<Blob> {
  const json = utf8(canonicalJson(manifest));
  const header = new Uint8Array(BACKUP_HEADER_BYTES);
  header.set(BACKUP_MAGIC, 0);
  new DataView(header.buffer).setUint32(8, 1);
  new DataView(header.buffer).setUint32(12, json.length);
  header.set(await sha256(json), 16);
  return new Blob([header, json, ...entries]);
}

function manifestWith(records: unknown[], entries: { sha256: string; size: number }[]) {
  return {
    format: BACKUP_FORMAT,
    formatVersion: 1,
    appVersion: '0.1.0',
    schemaVersion: 2,
    createdAt: '2026-11-24T09:30:00.000Z',
    tables: [{ name: 'files', primaryKey: 'id', records }],
    entries,
    leftOut: [],
  };
}

/** One stored file of `size` bytes, referred to `references` times as a Blob from one record each. */
async function manyReferences(size: number, references: number, as: 'blob' | 'bytes' = 'blob'): Promise<Blob> {
  const bytes = new Uint8Array(size).fill(7);
  const entry = { sha256: await sha256Hex(bytes), size };
  const tag = as === 'blob' ? { $type: 'blob', type: 'application/pdf' } : { $type: 'bytes', kind: 'Uint8Array' };
  const records = Array.from({ length: references }, (_, i) => ({ id: `r${i}`, data: { ...tag, ...entry } }));
  return craft(manifestWith(records, [entry]), [bytes]);
}

describe('backup entries referred to many times', () => {
  it('shares one ArrayBuffer between every byte array that refers to the same stored file (each was a copy)', async () => {
    const input = {
      appVersion: '0.1.0',
      schemaVersion: 2,
      createdAt: '2026-11-24T09:30:00.000Z',
      tables: [
        {
          name: 'files',
          primaryKey: 'id',
          records: [
            { id: 'a', data: new Uint8Array([1, 2, 3, 4]) },
            { id: 'b', data: new Uint8Array([1, 2, 3, 4]), raw: new Uint8Array([1, 2, 3, 4]).buffer },
            { id: 'c', words: new Uint16Array(new Uint8Array([1, 2, 3, 4]).buffer) },
          ],
        },
      ],
    };
    const { file, manifest } = await writeBackup(input);
    expect(manifest.entries).toHaveLength(1);
    const result = await readBackup(file, LIMITS);
    if (!result.ok) throw new Error(result.message);
    const [a, b, c] = result.backup.tables[0]!.records as [
      { data: Uint8Array },
      { data: Uint8Array; raw: ArrayBuffer },
      { words: Uint16Array },
    ];
    expect([...a.data]).toEqual([1, 2, 3, 4]);
    expect(b.data.buffer).toBe(a.data.buffer);
    expect(b.raw).toBe(a.data.buffer);
    expect(c.words).toBeInstanceOf(Uint16Array);
    expect(c.words.buffer).toBe(a.data.buffer);
  });

  it('restores references that add exactly the limit, and refuses one reference more', async () => {
    // One stored file of 1 MB: the first reference is the file itself, every other adds 1 MB.
    const atLimit = 1 + BACKUP_MAX_REPEATED_BYTES / MB;
    const at = await readBackup(await manyReferences(MB, atLimit), LIMITS);
    if (!at.ok) throw new Error(at.message);
    expect(at.backup.tables[0]!.records).toHaveLength(atLimit);
    expect(at.backup.entryBytes).toBe(MB);

    const past = await readBackup(await manyReferences(MB, atLimit + 1), LIMITS);
    expect(past).toEqual({
      ok: false,
      kind: 'damaged',
      message:
        'This backup file cannot be restored: its records refer to its stored files far more often than a backup made by the app does (1,026 MB in all, from 1 MB of files). Nothing in the app has been changed. Try another copy of the backup.',
    });
  });

  it('counts references inside maps, sets and objects with their own "$type", as they are restored', async () => {
    const bytes = new Uint8Array(MB);
    const entry = { sha256: await sha256Hex(bytes), size: MB };
    const ref = { $type: 'blob', type: '', ...entry };
    const perRecord = 4;
    const records = Array.from({ length: Math.ceil((BACKUP_MAX_REPEATED_BYTES / MB + 2) / perRecord) }, (_, i) => ({
      id: `r${i}`,
      inMap: { $type: 'map', entries: [['k', ref]] },
      inSet: { $type: 'set', values: [ref] },
      own: { $type: 'object', value: { $type: 'blob', file: ref } },
      list: [ref],
    }));
    const result = await readBackup(await craft(manifestWith(records, [entry]), [bytes]), LIMITS);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/refer to its stored files far more often/);
  });

  it('refuses byte arrays past the limit as it refuses Blobs', async () => {
    const result = await readBackup(await manyReferences(MB, 2 + BACKUP_MAX_REPEATED_BYTES / MB, 'bytes'), LIMITS);
    expect(result.ok).toBe(false);
  });
});

describe('backup manifests nested deep', () => {
  it('refuses a record nested 100,000 deep as damaged, not with a stack overflow', async () => {
    const json = `{"format":"${BACKUP_FORMAT}","formatVersion":1,"appVersion":"0.1.0","schemaVersion":2,"createdAt":"2026-11-24T09:30:00.000Z","tables":[{"name":"t","primaryKey":"id","records":[{"id":"x","deep":${'['.repeat(100_000)}1${']'.repeat(100_000)}}]}],"entries":[],"leftOut":[]}`;
    const bytes = utf8(json);
    const header = new Uint8Array(BACKUP_HEADER_BYTES);
    header.set(BACKUP_MAGIC, 0);
    new DataView(header.buffer).setUint32(8, 1);
    new DataView(header.buffer).setUint32(12, bytes.length);
    header.set(await sha256(bytes), 16);
    const result = await readBackup(new Blob([header, bytes]), LIMITS);
    expect(result).toEqual({
      ok: false,
      kind: 'damaged',
      message:
        'This backup file is damaged (its list of contents is not readable), so it cannot be restored. Nothing in the app has been changed. Try another copy of the backup.',
    });
  });
});
