import * as path from 'node:path';
import { checkFolderFileName, checkFolderKey, MAX_FOLDER_RANGE_BYTES, MAX_FOLDER_READ_BYTES } from './ipc-contract';

/**
 * The shared folder on the desktop (renderer/platform/platform-port.ts, SharedFolderPort): the
 * folder each workspace chose, remembered in a small file in the app's data folder; listing, reading
 * and writing files inside it by name. The page never sends a path: every name is checked at the
 * IPC edge (ipc-contract.ts) and again here. Plain functions over the file operations they need, so
 * tests call them from Node with a real temporary folder.
 */

export interface FolderInfo {
  name: string;
  size: number;
  lastModified: number;
}

/** The file operations these functions need (node:fs/promises has them all). */
export interface SharedFolderFs {
  readdir(folder: string): Promise<string[]>;
  lstat(file: string): Promise<{ isFile(): boolean; isSymbolicLink(): boolean; size: number; mtimeMs: number }>;
  readFile(file: string): Promise<Uint8Array>;
  writeFile(file: string, data: Uint8Array, options: { flag: 'wx' }): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  rm(file: string, options: { force: true }): Promise<void>;
}

export type FolderWriteResult = 'written' | 'same-file-there' | 'different-file-there';

/** The path of a file inside the folder, or null when the name would lead anywhere else. */
export function fileInFolder(folder: string, name: string): string | null {
  if (!checkFolderFileName(name).ok) return null;
  const root = path.resolve(folder);
  const file = path.resolve(root, name);
  return path.dirname(file) === root && path.basename(file) === name ? file : null;
}

/** The plain files in the folder (no sub-folders, no links, nothing with a name the contract refuses), sorted by name. */
export async function listFolder(fs: SharedFolderFs, folder: string): Promise<FolderInfo[]> {
  const files: FolderInfo[] = [];
  for (const name of await fs.readdir(folder)) {
    const file = fileInFolder(folder, name);
    if (!file) continue;
    try {
      const stat = await fs.lstat(file);
      if (stat.isFile() && !stat.isSymbolicLink()) files.push({ name, size: stat.size, lastModified: Math.trunc(stat.mtimeMs) });
    } catch {
      // Gone since it was listed (a sync tool moved it): the next scan sees the folder as it is then.
    }
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One file's bytes; refused when the name leads outside the folder, or the file is a link or too large. */
export async function readFolderFile(fs: SharedFolderFs, folder: string, name: string, limit = MAX_FOLDER_READ_BYTES): Promise<Uint8Array> {
  const file = fileInFolder(folder, name);
  if (!file) throw new RangeError('Refused: the name is not a file in the shared folder.');
  const stat = await fs.lstat(file);
  if (!stat.isFile() || stat.isSymbolicLink()) throw new RangeError('Refused: the name is not a file in the shared folder.');
  if (stat.size > limit) throw new RangeError('Refused: the file is too large to read.');
  return fs.readFile(file);
}

/** Opens a file for reading ranges (node:fs/promises' `open` has this shape). */
export type OpenForRanges = (
  file: string,
  flags: 'r',
) => Promise<{
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  close(): Promise<void>;
}>;

/**
 * A range of one file's bytes (fewer at the end of the file), so the page can check a large file a
 * slice at a time; refused like `readFolderFile` for a name outside the folder or a link, and for a
 * range longer than the limit.
 */
export async function readFolderFileRange(
  fs: Pick<SharedFolderFs, 'lstat'>,
  open: OpenForRanges,
  folder: string,
  name: string,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const file = fileInFolder(folder, name);
  if (!file) throw new RangeError('Refused: the name is not a file in the shared folder.');
  if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 0 || length > MAX_FOLDER_RANGE_BYTES)
    throw new RangeError('Refused: the range is not one the app reads.');
  const stat = await fs.lstat(file);
  if (!stat.isFile() || stat.isSymbolicLink()) throw new RangeError('Refused: the name is not a file in the shared folder.');
  const want = Math.max(0, Math.min(length, stat.size - offset));
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(want);
    let filled = 0;
    while (filled < want) {
      const { bytesRead } = await handle.read(buffer, filled, want - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === want ? buffer : buffer.slice(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * Writes a new file into the folder, never over another one: the bytes go to a hidden ".partial"
 * file first, which is then linked under its name (a link fails when the name is taken, so a file
 * another moderator wrote meanwhile is never replaced, and the name never labels a half-written
 * file). Where the folder cannot hold links, the file is written under its name, created only if
 * absent. A file of that name already there is compared: the same bytes, or a different file.
 */
export async function writeFolderFile(fs: SharedFolderFs, folder: string, name: string, bytes: Uint8Array): Promise<FolderWriteResult> {
  const file = fileInFolder(folder, name);
  if (!file) throw new RangeError('Refused: the name is not a file in the shared folder.');
  const partial = path.join(path.dirname(file), `.${name}.${Date.now().toString(36)}.partial`);
  try {
    await fs.writeFile(partial, bytes, { flag: 'wx' });
    try {
      await fs.link(partial, file);
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return await compareWith(fs, file, bytes);
      try {
        await fs.writeFile(file, bytes, { flag: 'wx' });
      } catch (second) {
        if (codeOf(second) === 'EEXIST') return await compareWith(fs, file, bytes);
        throw second;
      }
    }
    return 'written';
  } finally {
    await fs.rm(partial, { force: true }).catch(() => undefined);
  }
}

async function compareWith(fs: SharedFolderFs, file: string, bytes: Uint8Array): Promise<'same-file-there' | 'different-file-there'> {
  const there = await fs.readFile(file);
  if (there.byteLength !== bytes.byteLength) return 'different-file-there';
  for (let i = 0; i < there.byteLength; i += 1) if (there[i] !== bytes[i]) return 'different-file-there';
  return 'same-file-there';
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** The folders chosen, by workspace: kept in userData/shared-folders.json. */
export const REMEMBERED_FOLDERS_FILE = 'shared-folders.json';

/** The remembered folders from the file's text; anything malformed is dropped (the person chooses the folder again). */
export function parseRememberedFolders(text: string | null): Record<string, string> {
  if (text === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const folders: Record<string, string> = {};
  for (const [key, folder] of Object.entries(value)) {
    if (checkFolderKey(key).ok && typeof folder === 'string' && path.isAbsolute(folder)) folders[key] = folder;
  }
  return folders;
}

/** The folder's name as the page shows it (never its whole path). */
export function folderDisplayName(folder: string): string {
  return path.basename(path.resolve(folder)) || folder;
}
