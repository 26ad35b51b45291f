import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBackupIntoFolder } from '../../electron/backup-rotation';
import { checkWriteAutomaticBackupArgs, MAX_SAVE_BYTES } from '../../electron/ipc-contract';
import { BACKUP_MAGIC, writeBackup } from '../../shared/backup/backup-format';
import { backupFileName } from '../../shared/backup/backup-file-name';

const nodeFs = { mkdir: fs.mkdir, writeFile: fs.writeFile, rename: fs.rename, readdir: fs.readdir, rm: fs.rm };
const name = (day: number) => backupFileName(new Date(Date.UTC(2026, 10, day, 9, 30)), '0.1.0');
const BACKUP = new Uint8Array([...BACKUP_MAGIC, 0, 0, 0, 1]);

let documents: string;
let folder: string;

beforeEach(() => {
  documents = mkdtempSync(path.join(tmpdir(), 'sen-documents-'));
  folder = path.join(documents, 'SEN Accreditation', 'Backups');
});

afterEach(() => {
  rmSync(documents, { recursive: true, force: true });
});

describe('writing an automatic backup into the folder', () => {
  it('makes the folder, writes the file whole, and leaves no partial file', async () => {
    const result = await writeBackupIntoFolder(nodeFs, folder, name(24), BACKUP);
    expect(result).toEqual({ file: path.join(folder, name(24)), deleted: [] });
    expect(readFileSync(result.file)).toEqual(Buffer.from(BACKUP));
    expect(readdirSync(folder)).toEqual([name(24)]);
  });

  it('keeps the newest ten of ours and never touches anything else in the folder', async () => {
    await fs.mkdir(folder, { recursive: true });
    for (let day = 1; day <= 10; day += 1) writeFileSync(path.join(folder, name(day)), 'old');
    writeFileSync(path.join(folder, 'notes.docx'), 'mine');
    const result = await writeBackupIntoFolder(nodeFs, folder, name(11), BACKUP);
    expect(result.deleted).toEqual([name(1)]);
    expect(readdirSync(folder).sort()).toEqual([...Array.from({ length: 10 }, (_, i) => name(i + 2)), 'notes.docx'].sort());
  });

  it('deletes nothing, and leaves no partial file, when the write fails', async () => {
    await fs.mkdir(folder, { recursive: true });
    for (let day = 1; day <= 10; day += 1) writeFileSync(path.join(folder, name(day)), 'old');
    const failing = {
      ...nodeFs,
      writeFile: async (file: string) => {
        writeFileSync(file, 'half');
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    };
    await expect(writeBackupIntoFolder(failing, folder, name(11), BACKUP)).rejects.toThrow('ENOSPC');
    expect(readdirSync(folder)).toHaveLength(10);
    expect(existsSync(path.join(folder, `${name(11)}.partial`))).toBe(false);
  });

  it.each([['../escape.senbackup'], ['notes.txt'], [`sub/${name(1)}`], [`${name(1)}.partial`]])('refuses the name %s', async (bad) => {
    await expect(writeBackupIntoFolder(nodeFs, folder, bad, BACKUP)).rejects.toThrow(RangeError);
    expect(existsSync(folder)).toBe(false);
  });
});

describe('the automatic backup IPC arguments', () => {
  it('accepts one of our names with backup bytes, as the page makes them', async () => {
    const { file } = await writeBackup({ appVersion: '0.1.0', schemaVersion: 3, createdAt: '2026-11-24T09:30:00.000Z', tables: [] });
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(checkWriteAutomaticBackupArgs([name(24), bytes])).toEqual({ ok: true, value: { fileName: name(24), bytes } });
  });

  it.each([
    ['no arguments', [], 'expected a file name and the backup'],
    ['a path', [`../../${name(24)}`, BACKUP], 'the name is not a backup file name'],
    ['another name', ['report.pdf', BACKUP], 'the name is not a backup file name'],
    ['not bytes', [name(24), 'text'], 'the backup must be bytes'],
    ['bytes that are not a backup', [name(24), new TextEncoder().encode('%PDF-1.7')], 'the data is not a backup'],
    ['too many arguments', [name(24), BACKUP, 'more'], 'expected a file name and the backup'],
  ])('refuses %s', (_what, args, reason) => {
    expect(checkWriteAutomaticBackupArgs(args)).toEqual({ ok: false, reason });
  });

  it('refuses a backup over the size limit without reading it', () => {
    const huge = { byteLength: MAX_SAVE_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(checkWriteAutomaticBackupArgs([name(24), huge])).toEqual({ ok: false, reason: 'the backup is too large to save' });
  });
});
