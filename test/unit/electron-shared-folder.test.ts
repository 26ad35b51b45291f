import { link, lstat, mkdir, open, mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkFolderFileName,
  checkFolderKeyArgs,
  checkReadFolderFileArgs,
  checkReadFolderRangeArgs,
  checkWriteFolderFileArgs,
  MAX_FOLDER_RANGE_BYTES,
  MAX_FOLDER_WRITE_BYTES,
} from '../../electron/ipc-contract';
import {
  fileInFolder,
  folderDisplayName,
  listFolder,
  parseRememberedFolders,
  readFolderFile,
  readFolderFileRange,
  writeFolderFile,
  type SharedFolderFs,
} from '../../electron/shared-folder';

const fs: SharedFolderFs = { readdir, lstat, readFile, writeFile, link, rm };
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7 ${text}`);

describe('the shared folder’s names at the IPC edge', () => {
  it.each([
    ['a submission’s name', '113532-submission-v2.pdf', true],
    ['a name with spaces and dots inside', 'Riverside v1.final.pdf', true],
    ['the parent folder', '..', false],
    ['the folder itself', '.', false],
    ['a path upwards', '../secrets.pdf', false],
    ['a path upwards on Windows', '..\\secrets.pdf', false],
    ['a sub-folder', 'sub/a.pdf', false],
    ['an absolute path', '/etc/passwd', false],
    ['a Windows absolute path', 'C:\\Windows\\win.ini', false],
    ['a drive-relative path', 'C:a.pdf', false],
    ['an alternate data stream', 'a.pdf:hidden', false],
    ['a control character', 'a\u0000.pdf', false],
    ['a Windows device name', 'CON.pdf', false],
    ['an empty name', '', false],
    ['a name longer than 255 characters', `${'a'.repeat(252)}.pdf`, false],
  ])('%s: %s', (_what, name, ok) => {
    expect(checkFolderFileName(name).ok).toBe(ok);
  });

  it('refuses anything but a workspace id as the folder key, and a wrong number of arguments', () => {
    expect(checkFolderKeyArgs(['7f0c2d5e-1b2a-4c3d-9e8f-0a1b2c3d4e5f'])).toEqual({
      ok: true,
      value: { folderKey: '7f0c2d5e-1b2a-4c3d-9e8f-0a1b2c3d4e5f' },
    });
    expect(checkFolderKeyArgs(['../w1']).ok).toBe(false);
    expect(checkFolderKeyArgs(['w1', 'extra']).ok).toBe(false);
    expect(checkFolderKeyArgs([42]).ok).toBe(false);
    expect(checkReadFolderFileArgs(['w1', '../a.pdf']).ok).toBe(false);
    expect(checkReadFolderFileArgs(['w1', 'a.pdf'])).toEqual({ ok: true, value: { folderKey: 'w1', name: 'a.pdf' } });
  });

  it('writes only PDFs named .pdf, as bytes, within the size limit', () => {
    expect(checkWriteFolderFileArgs(['w1', 'r.pdf', pdf('report')]).ok).toBe(true);
    expect(checkWriteFolderFileArgs(['w1', 'r.exe', pdf('report')]).ok).toBe(false);
    expect(checkWriteFolderFileArgs(['w1', 'r.pdf', new TextEncoder().encode('MZ not a pdf')]).ok).toBe(false);
    expect(checkWriteFolderFileArgs(['w1', 'r.pdf', '%PDF-1.7 text']).ok).toBe(false);
    const tooBig = new Uint8Array(MAX_FOLDER_WRITE_BYTES + 1);
    tooBig.set(pdf(''));
    expect(checkWriteFolderFileArgs(['w1', 'r.pdf', tooBig])).toEqual({
      ok: false,
      reason: 'the file is too large to write into the shared folder',
    });
  });

  it('keeps a checked name inside the folder', () => {
    expect(fileInFolder('/data/shared', 'a.pdf')).toBe(path.resolve('/data/shared/a.pdf'));
    expect(fileInFolder('/data/shared', '..')).toBeNull();
    expect(fileInFolder('/data/shared', '../a.pdf')).toBeNull();
  });
});

describe('the shared folder in the main process, on a real folder', () => {
  let root: string;
  let folder: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'shared-folder-'));
    folder = path.join(root, 'Region');
    await mkdir(folder);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists plain files with size and time, leaving out sub-folders and links', async () => {
    await writeFile(path.join(folder, 'b.pdf'), pdf('b'));
    await writeFile(path.join(folder, 'a.pdf'), pdf('aa'));
    await utimes(path.join(folder, 'a.pdf'), new Date('2026-11-20T10:00:00Z'), new Date('2026-11-20T10:00:00Z'));
    await mkdir(path.join(folder, 'Archive'));
    await writeFile(path.join(root, 'outside.pdf'), pdf('outside'));
    await symlink(path.join(root, 'outside.pdf'), path.join(folder, 'link.pdf'));
    const listed = await listFolder(fs, folder);
    expect(listed.map((f) => f.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(listed[0]).toEqual({ name: 'a.pdf', size: pdf('aa').byteLength, lastModified: Date.parse('2026-11-20T10:00:00Z') });
  });

  it('reads a file by name, and refuses a link out of the folder, a path and a file over the limit', async () => {
    await writeFile(path.join(folder, 'a.pdf'), pdf('a'));
    await writeFile(path.join(root, 'outside.pdf'), pdf('outside'));
    await symlink(path.join(root, 'outside.pdf'), path.join(folder, 'link.pdf'));
    expect(new TextDecoder().decode(await readFolderFile(fs, folder, 'a.pdf'))).toBe('%PDF-1.7 a');
    await expect(readFolderFile(fs, folder, 'link.pdf')).rejects.toThrow('not a file in the shared folder');
    await expect(readFolderFile(fs, folder, '../outside.pdf')).rejects.toThrow('not a file in the shared folder');
    await expect(readFolderFile(fs, folder, 'a.pdf', 3)).rejects.toThrow('too large');
  });

  it('reads a range of a file (fewer bytes at its end), and refuses a link, a path and a range over the limit', async () => {
    await writeFile(path.join(folder, 'a.pdf'), pdf('abcdef'));
    await writeFile(path.join(root, 'outside.pdf'), pdf('outside'));
    await symlink(path.join(root, 'outside.pdf'), path.join(folder, 'link.pdf'));
    const text = async (offset: number, length: number) =>
      new TextDecoder().decode(await readFolderFileRange(fs, open, folder, 'a.pdf', offset, length));
    expect(await text(9, 3)).toBe('abc');
    expect(await text(12, 100)).toBe('def');
    expect(await text(100, 10)).toBe('');
    await expect(readFolderFileRange(fs, open, folder, 'link.pdf', 0, 4)).rejects.toThrow('not a file in the shared folder');
    await expect(readFolderFileRange(fs, open, folder, '../outside.pdf', 0, 4)).rejects.toThrow('not a file in the shared folder');
    await expect(readFolderFileRange(fs, open, folder, 'a.pdf', 0, MAX_FOLDER_RANGE_BYTES + 1)).rejects.toThrow('range');
    await expect(readFolderFileRange(fs, open, folder, 'a.pdf', -1, 4)).rejects.toThrow('range');
  });

  it('writes a new file, never over a different one, and says when the same file is already there', async () => {
    expect(await writeFolderFile(fs, folder, 'r.pdf', pdf('report'))).toBe('written');
    expect(await writeFolderFile(fs, folder, 'r.pdf', pdf('report'))).toBe('same-file-there');
    expect(await writeFolderFile(fs, folder, 'r.pdf', pdf('another report'))).toBe('different-file-there');
    expect(new TextDecoder().decode(await readFile(path.join(folder, 'r.pdf')))).toBe('%PDF-1.7 report');
    // No ".partial" file is left behind.
    expect(await readdir(folder)).toEqual(['r.pdf']);
    await expect(writeFolderFile(fs, folder, '../r.pdf', pdf('x'))).rejects.toThrow('not a file in the shared folder');
  });

  it('writes under the name directly, still never over another file, where the folder cannot hold links', async () => {
    const noLinks: SharedFolderFs = {
      ...fs,
      link: async () => Promise.reject(Object.assign(new Error('not supported'), { code: 'EPERM' })),
    };
    expect(await writeFolderFile(noLinks, folder, 'r.pdf', pdf('report'))).toBe('written');
    expect(await writeFolderFile(noLinks, folder, 'r.pdf', pdf('other'))).toBe('different-file-there');
    expect(await writeFolderFile(noLinks, folder, 'r.pdf', pdf('report'))).toBe('same-file-there');
    expect(await readdir(folder)).toEqual(['r.pdf']);
  });

  it('remembers folders by workspace, dropping anything malformed', () => {
    expect(parseRememberedFolders(null)).toEqual({});
    expect(parseRememberedFolders('not json')).toEqual({});
    expect(parseRememberedFolders('["/a"]')).toEqual({});
    expect(parseRememberedFolders(JSON.stringify({ w1: '/data/Region', '../x': '/data', w2: 'relative/path', w3: 4 }))).toEqual({
      w1: '/data/Region',
    });
    expect(folderDisplayName('/data/Region/')).toBe('Region');
  });
});

describe('a range read at the IPC edge', () => {
  it('takes a folder key, a file name, a whole offset and a bounded whole length, and nothing else', () => {
    expect(checkReadFolderRangeArgs(['w1', 'a.pdf', 0, 1024])).toEqual({
      ok: true,
      value: { folderKey: 'w1', name: 'a.pdf', offset: 0, length: 1024 },
    });
    expect(checkReadFolderRangeArgs(['w1', 'a.pdf', 5, MAX_FOLDER_RANGE_BYTES]).ok).toBe(true);
    for (const args of [
      ['w1', 'a.pdf', 0],
      ['w1', '../a.pdf', 0, 10],
      ['w/1', 'a.pdf', 0, 10],
      ['w1', 'a.pdf', -1, 10],
      ['w1', 'a.pdf', 1.5, 10],
      ['w1', 'a.pdf', '0', 10],
      ['w1', 'a.pdf', 0, MAX_FOLDER_RANGE_BYTES + 1],
      ['w1', 'a.pdf', 0, Number.POSITIVE_INFINITY],
      ['w1', 'a.pdf', 0, 10, 'extra'],
    ]) {
      expect(checkReadFolderRangeArgs(args).ok, JSON.stringify(args)).toBe(false);
    }
  });
});
