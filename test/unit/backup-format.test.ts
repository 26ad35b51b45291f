import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_HEADER_BYTES,
  BACKUP_MAGIC,
  BackupValueError,
  readBackup,
  writeBackup,
  type BackupInput,
  type VerifiedBackup,
} from '../../shared/backup/backup-format';
import { canonicalJson } from '../../shared/formats/canonical-json';
import { sha256, sha256Hex, utf8 } from '../../shared/formats/sha256';

const LIMITS = { appVersion: '0.1.0', schemaVersion: 2 };
const POLICY = utf8('SEN policy 2025. Reviewed by governors in September.');
const PDF = utf8('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

function sampleInput(): BackupInput {
  const policy = new Blob([POLICY], { type: 'text/plain' });
  return {
    appVersion: '0.1.0',
    schemaVersion: 2,
    createdAt: '2026-11-24T09:30:00.000Z',
    tables: [
      {
        name: 'schools',
        primaryKey: 'id',
        records: [{ id: 's1', name: 'Riverside Primary School', urn: '123456', pupilsOnRoll: 320, senGovernor: '' }],
      },
      {
        name: 'evidenceBlobs',
        primaryKey: 'sha256',
        records: [{ sha256: 'x', blob: policy, size: POLICY.length, type: 'text/plain' }],
      },
      {
        name: 'submissions',
        primaryKey: 'id',
        // The same policy bytes again (stored once), a PDF, and values JSON cannot hold.
        records: [
          {
            id: 'sub-1',
            pdf: new Blob([PDF], { type: 'application/pdf' }),
            copy: new Blob([POLICY], { type: 'text/plain' }),
            attachment: new File([POLICY], 'policy.txt', { type: 'text/plain', lastModified: 1_700_000_000_000 }),
            der: new Uint8Array([0x30, 0x82, 0x01, 0x0a]),
            when: new Date('2026-11-20T10:00:00Z'),
            ratio: Number.NaN,
            big: 12345678901234567890n,
            tags: new Set(['a', 'b']),
            lookup: new Map([['k', { nested: [1, undefined, null] }]]),
            odd: { $type: 'not ours', text: 'a record that uses $type itself' },
          },
        ],
      },
      { name: 'empty', primaryKey: 'id', records: [] },
      { name: 'outbound', primaryKey: null, records: ['first', { v: 2 }], keys: [1, ['a', 2]] },
    ],
    leftOut: [{ table: 'signingKeys', records: 1, reason: 'Signing keys never leave this computer.' }],
  };
}

async function bytesOf(blob: Blob): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await blob.arrayBuffer());
}

async function read(bytes: Uint8Array<ArrayBuffer>, limits = LIMITS) {
  return readBackup(new Blob([bytes]), limits);
}

function expectRefused(
  result: Awaited<ReturnType<typeof readBackup>>,
  kind?: string,
): asserts result is { ok: false; kind: never; message: string } {
  expect(result.ok).toBe(false);
  if (!result.ok && kind) expect(result.kind).toBe(kind);
  if (!result.ok) expect(result.message).toMatch(/Nothing in the app has been changed\./);
}

/** Writes a file by hand around a manifest, as a tool that made its own would. */
async function craft(manifest: unknown, entries: Uint8Array<ArrayBuffer>[] = [], formatVersion = 1): Promise<Uint8Array<ArrayBuffer>> {
  const json = utf8(canonicalJson(manifest));
  const header = new Uint8Array(BACKUP_HEADER_BYTES);
  header.set(BACKUP_MAGIC, 0);
  new DataView(header.buffer).setUint32(8, formatVersion);
  new DataView(header.buffer).setUint32(12, json.length);
  header.set(await sha256(json), 16);
  return bytesOf(new Blob([header, json, ...entries]));
}

function baseManifest(overrides: Record<string, unknown> = {}) {
  return {
    format: BACKUP_FORMAT,
    formatVersion: 1,
    appVersion: '0.1.0',
    schemaVersion: 2,
    createdAt: '2026-11-24T09:30:00.000Z',
    tables: [],
    entries: [],
    leftOut: [],
    ...overrides,
  };
}

describe('writing and reading a backup', () => {
  it('gives back every record, with Blobs, Files, byte arrays, dates and the rest as they were', async () => {
    const input = sampleInput();
    const { file, manifest } = await writeBackup(input);
    const result = await readBackup(file, LIMITS);
    if (!result.ok) throw new Error(result.message);
    const backup: VerifiedBackup = result.backup;
    expect(backup).toMatchObject({ appVersion: '0.1.0', schemaVersion: 2, createdAt: '2026-11-24T09:30:00.000Z', fileBytes: file.size });
    expect(backup.leftOut).toEqual(input.leftOut);
    expect(backup.tables.map((t) => t.name)).toEqual(['schools', 'evidenceBlobs', 'submissions', 'empty', 'outbound']);
    expect(backup.tables[0]?.records).toEqual(input.tables[0]?.records);
    expect(backup.tables[3]?.records).toEqual([]);
    expect(backup.tables[4]).toEqual({ name: 'outbound', primaryKey: null, records: ['first', { v: 2 }], keys: [1, ['a', 2]] });

    const [blobRecord] = backup.tables[1]?.records as [{ blob: Blob; size: number }];
    expect(blobRecord.blob).toBeInstanceOf(Blob);
    expect(blobRecord.blob.type).toBe('text/plain');
    expect(await bytesOf(blobRecord.blob)).toEqual(POLICY);

    const [sub] = backup.tables[2]?.records as [Record<string, unknown>];
    expect(await bytesOf(sub.pdf as Blob)).toEqual(PDF);
    expect((sub.pdf as Blob).type).toBe('application/pdf');
    expect(await bytesOf(sub.copy as Blob)).toEqual(POLICY);
    const attachment = sub.attachment as File;
    expect(attachment).toBeInstanceOf(File);
    expect([attachment.name, attachment.type, attachment.lastModified]).toEqual(['policy.txt', 'text/plain', 1_700_000_000_000]);
    expect(await bytesOf(attachment)).toEqual(POLICY);
    expect(sub.der).toEqual(new Uint8Array([0x30, 0x82, 0x01, 0x0a]));
    expect(sub.der).toBeInstanceOf(Uint8Array);
    expect(sub.when).toEqual(new Date('2026-11-20T10:00:00Z'));
    expect(sub.ratio).toBeNaN();
    expect(sub.big).toBe(12345678901234567890n);
    expect(sub.tags).toEqual(new Set(['a', 'b']));
    expect(sub.lookup).toEqual(new Map([['k', { nested: [1, undefined, null] }]]));
    expect(sub.odd).toEqual({ $type: 'not ours', text: 'a record that uses $type itself' });

    // Bytes used three times are stored once: policy, PDF and the certificate-like bytes.
    expect(manifest.entries.map((e) => e.sha256).sort()).toEqual(
      [await sha256Hex(POLICY), await sha256Hex(PDF), await sha256Hex(new Uint8Array([0x30, 0x82, 0x01, 0x0a]))].sort(),
    );
    const manifestLength = utf8(canonicalJson(manifest)).length;
    expect(file.size).toBe(BACKUP_HEADER_BYTES + manifestLength + POLICY.length + PDF.length + 4);
  });

  it('starts with the magic bytes, the format version and the manifest, which is readable JSON', async () => {
    const { file, manifest } = await writeBackup(sampleInput());
    const bytes = await bytesOf(file);
    expect([...bytes.subarray(0, 8)]).toEqual(BACKUP_MAGIC);
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(8)).toBe(1);
    const length = view.getUint32(12);
    const json = bytes.subarray(BACKUP_HEADER_BYTES, BACKUP_HEADER_BYTES + length);
    expect(Buffer.from(bytes.subarray(16, 48)).toString('hex')).toBe(await sha256Hex(json.slice()));
    expect(JSON.parse(new TextDecoder().decode(json))).toEqual(manifest);
    expect(manifest.tables[1]?.records[0]).toEqual({
      sha256: 'x',
      size: POLICY.length,
      type: 'text/plain',
      blob: { $type: 'blob', sha256: await sha256Hex(POLICY), size: POLICY.length, type: 'text/plain' },
    });
  });

  it('writes the same bytes for the same data', async () => {
    const a = await bytesOf((await writeBackup(sampleInput())).file);
    const b = await bytesOf((await writeBackup(sampleInput())).file);
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it('refuses to write what it could not give back: a CryptoKey, a function, an unknown class', async () => {
    const key = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const withRecords = (records: unknown[]): BackupInput => ({
      ...sampleInput(),
      tables: [{ name: 'signingKeys', primaryKey: 'id', records }],
    });
    await expect(writeBackup(withRecords([{ id: 'k', keys: key }]))).rejects.toThrow(BackupValueError);
    await expect(writeBackup(withRecords([{ id: 'k', key: key.privateKey }]))).rejects.toThrow(
      'signingKeys/0/key: a CryptoKey cannot be put in a backup',
    );
    await expect(writeBackup(withRecords([{ id: 'f', run: () => 1 }]))).rejects.toThrow('a function cannot be put in a backup');
    class Thing {
      readonly made = 'by hand';
    }
    await expect(writeBackup(withRecords([{ id: 't', thing: new Thing() }]))).rejects.toThrow('a Thing cannot be put in a backup');
    await expect(writeBackup({ ...sampleInput(), tables: [{ name: 'no such/table', primaryKey: 'id', records: [] }] })).rejects.toThrow(
      BackupValueError,
    );
  });
});

describe('refusing a damaged backup', () => {
  it('refuses a flipped byte anywhere in the file: header, manifest or any entry', async () => {
    const good = await bytesOf((await writeBackup(sampleInput())).file);
    const failures: number[] = [];
    for (let i = 0; i < good.length; i += 1) {
      const bad = good.slice();
      bad[i] = (bad[i] ?? 0) ^ 0x01;
      const result = await read(bad);
      if (result.ok) failures.push(i);
      else expect(result.message).toMatch(/Nothing in the app has been changed\./);
    }
    expect(failures, 'byte positions whose change went unnoticed').toEqual([]);
  });

  it('names a changed entry as damaged, whichever entry it is', async () => {
    const { file, manifest } = await writeBackup(sampleInput());
    const good = await bytesOf(file);
    let offset = good.length - manifest.entries.reduce((sum, e) => sum + e.size, 0);
    for (const [index, entry] of manifest.entries.entries()) {
      const bad = good.slice();
      bad[offset + Math.floor(entry.size / 2)] = (bad[offset + Math.floor(entry.size / 2)] ?? 0) ^ 0x80;
      const result = await read(bad);
      expectRefused(result, 'damaged');
      expect(result.message).toContain(`stored file ${index + 1} of ${manifest.entries.length} does not match the checksum`);
      offset += entry.size;
    }
  });

  it('refuses a file cut short at any length, and one with bytes added', async () => {
    const good = await bytesOf((await writeBackup(sampleInput())).file);
    expectRefused(await read(good.slice(0, 0)), 'not-a-backup');
    for (let length = 1; length < good.length; length += 1) {
      const result = await read(good.slice(0, length));
      expect(result.ok ? 'accepted' : result.kind, `cut to ${length} bytes`).toBe('truncated');
    }
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    const result = await read(longer);
    expectRefused(result, 'damaged');
    expect(result.message).toContain('extra bytes at the end');
  });

  it('refuses a file that is not a backup', async () => {
    const result = await read(utf8('%PDF-1.7 not a backup at all, but long enough to have a header of 48 bytes.'));
    expectRefused(result, 'not-a-backup');
    expect(result.message).toBe(
      'This file is not a SEN Accreditation backup (those end in “.senbackup”). Nothing in the app has been changed. Choose a backup file made by the app.',
    );
  });

  it('refuses a manifest that refers to a file the backup does not hold, even with its checksum right', async () => {
    const manifest = baseManifest({
      tables: [
        { name: 'evidenceBlobs', primaryKey: 'sha256', records: [{ blob: { $type: 'blob', sha256: 'a'.repeat(64), size: 3, type: '' } }] },
      ],
    });
    const result = await read(await craft(manifest));
    expectRefused(result, 'damaged');
    expect(result.message).toContain('refers to a stored file that is not in it');
  });

  it.each([
    ['no tables list', { tables: 'all' }],
    [
      'a table twice',
      {
        tables: [
          { name: 't', primaryKey: 'id', records: [] },
          { name: 't', primaryKey: 'id', records: [] },
        ],
      },
    ],
    ['a bad table name', { tables: [{ name: '../t', primaryKey: 'id', records: [] }] }],
    ['an entry that is not a SHA-256', { entries: [{ sha256: 'abc', size: 0 }] }],
    ['a negative size', { entries: [{ sha256: 'a'.repeat(64), size: -1 }] }],
    ['no creation time', { createdAt: 'yesterday' }],
    ['an unknown tagged value', { tables: [{ name: 't', primaryKey: 'id', records: [{ x: { $type: 'function', body: '1' } }] }] }],
  ])('refuses a manifest with %s', async (_what, overrides) => {
    expectRefused(await read(await craft(baseManifest(overrides))), 'damaged');
  });
});

describe('refusing a backup from a newer version', () => {
  const tail =
    'so this version cannot restore it. Nothing in the app has been changed. Install the newest version of the app, then restore the backup.';
  it.each([
    [
      'a newer database schema from this same app version',
      { schemaVersion: 3 },
      `This backup holds data in format 3, which is newer than this version of SEN Accreditation (version 0.1.0, data format 2) can read, ${tail}`,
    ],
    [
      'a newer app',
      { appVersion: '0.2.0' },
      `This backup was made by a newer version of SEN Accreditation (version 0.2.0) than this one (version 0.1.0), ${tail}`,
    ],
    [
      'a newer app and schema',
      { appVersion: '2.0.0', schemaVersion: 9 },
      `This backup was made by a newer version of SEN Accreditation (version 2.0.0) than this one (version 0.1.0), ${tail}`,
    ],
    [
      'an app version that is not a version',
      { appVersion: 'x'.repeat(500) },
      `This backup was made by a newer version of SEN Accreditation than this one (version 0.1.0), ${tail}`,
    ],
  ])('refuses %s, in plain words', async (_what, overrides, message) => {
    const result = await read(await craft(baseManifest(overrides)));
    expectRefused(result, 'newer');
    expect(result.message).toBe(message);
  });

  it("names the backup's version and this app's, never the same version twice", async () => {
    const result = await read(await craft(baseManifest({ schemaVersion: 3 })));
    expectRefused(result, 'newer');
    expect(result.message.split('0.1.0')).toHaveLength(2);
  });

  it('refuses a newer container format before reading anything else', async () => {
    const result = await read(await craft({ anything: 'a later format' }, [], 2));
    expectRefused(result, 'newer');
    expect(result.message).toBe(
      `This backup file is in format 2, which is newer than this version of SEN Accreditation (version 0.1.0, backup file format 1) can read, ${tail}`,
    );
  });

  it('reads a backup from an older app and schema', async () => {
    const result = await read(await craft(baseManifest({ appVersion: '0.0.9', schemaVersion: 1 })));
    expect(result.ok).toBe(true);
  });

  it('reads a pre-release of its own version, and refuses its later release', async () => {
    expect((await read(await craft(baseManifest({ appVersion: '0.1.0-beta.1' })))).ok).toBe(true);
    expectRefused(
      await read(await craft(baseManifest({ appVersion: '0.1.0' })), { appVersion: '0.1.0-beta.1', schemaVersion: 2 }),
      'newer',
    );
  });
});
