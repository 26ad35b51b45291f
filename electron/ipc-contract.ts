import { BACKUP_MAGIC } from '../shared/backup/backup-format';
import { parseBackupFileName } from '../shared/backup/backup-file-name';
import type { PartnershipTrustDer } from '../shared/submission/submission-signer-trust';

export const MAX_SAVE_BYTES = 2 * 1024 * 1024 * 1024;
/** A portfolio with its evidence is far smaller; the print window holds it all in memory. */
export const MAX_PRINT_BYTES = 500 * 1024 * 1024;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * A file name the user may be offered: no folders, no control or bidi characters, no trailing dots.
 * The page makes its names safe in full first (shared/formats/safe-file-name.ts, which electron/
 * cannot load at run time); this is the main process's own check, and keeps a name the page
 * shortened to the file-name limit whole, extension included.
 */
export function safeFileName(name: string, fallback = 'document.pdf'): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  return cleaned === '' ? fallback : cleaned;
}

export function checkSaveFileArgs(args: readonly unknown[]): Checked<{ suggestedName: string; bytes: Uint8Array }> {
  if (args.length !== 2) return { ok: false, reason: 'expected a file name and the bytes' };
  const [name, bytes] = args;
  if (typeof name !== 'string' || name.length === 0 || name.length > 255)
    return { ok: false, reason: 'the file name must be text of 1 to 255 characters' };
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: 'the data must be bytes' };
  if (bytes.byteLength > MAX_SAVE_BYTES) return { ok: false, reason: 'the data is too large to save' };
  return { ok: true, value: { suggestedName: safeFileName(name), bytes } };
}

const PDF_SIGNATURE = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

/**
 * The name the PDF gets on disk for printing: a safe file name (see safeFileName) of at most 100
 * characters before `.pdf`, never a Windows device name (CON, NUL, COM1…), never ending in a dot
 * or space (Windows drops them), and always ending `.pdf` so the viewer takes it for a PDF.
 */
export function pdfFileName(name: string): string {
  const base = safeFileName(name, 'document.pdf')
    .replace(/\.pdf$/i, '')
    .slice(0, 100)
    .replace(/[. ]+$/, '');
  if (base === '') return 'document.pdf';
  return `${WINDOWS_DEVICE_NAME.test((base.split('.')[0] ?? '').trimEnd()) ? `_${base}` : base}.pdf`;
}

export function checkPrintPdfArgs(args: readonly unknown[]): Checked<{ fileName: string; bytes: Uint8Array }> {
  if (args.length !== 2) return { ok: false, reason: 'expected a file name and the PDF' };
  const [name, bytes] = args;
  if (typeof name !== 'string' || name.length === 0 || name.length > 255)
    return { ok: false, reason: 'the file name must be text of 1 to 255 characters' };
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: 'the PDF must be bytes' };
  if (bytes.byteLength > MAX_PRINT_BYTES) return { ok: false, reason: 'the PDF is too large to print' };
  if (!PDF_SIGNATURE.every((byte, index) => bytes[index] === byte)) return { ok: false, reason: 'the data is not a PDF' };
  return { ok: true, value: { fileName: pdfFileName(name), bytes } };
}

/** An automatic backup: a name of our own backup pattern only (no folders, nothing else), and backup bytes. */
export function checkWriteAutomaticBackupArgs(args: readonly unknown[]): Checked<{ fileName: string; bytes: Uint8Array }> {
  if (args.length !== 2) return { ok: false, reason: 'expected a file name and the backup' };
  const [name, bytes] = args;
  if (typeof name !== 'string' || parseBackupFileName(name) === null) return { ok: false, reason: 'the name is not a backup file name' };
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: 'the backup must be bytes' };
  if (bytes.byteLength > MAX_SAVE_BYTES) return { ok: false, reason: 'the backup is too large to save' };
  if (!BACKUP_MAGIC.every((byte, index) => bytes[index] === byte)) return { ok: false, reason: 'the data is not a backup' };
  return { ok: true, value: { fileName: name, bytes } };
}

/** The largest file the page may read from the shared folder: a submission with all its evidence. */
export const MAX_FOLDER_READ_BYTES = MAX_SAVE_BYTES;
/** The largest file the page may write into the shared folder: a moderation report is far smaller. */
export const MAX_FOLDER_WRITE_BYTES = 64 * 1024 * 1024;

/** Whose folder: a workspace's id, letters, digits and dashes only. */
export function checkFolderKey(value: unknown): Checked<string> {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(value))
    return { ok: false, reason: 'the folder key is not a workspace id' };
  return { ok: true, value };
}

/**
 * A file inside the chosen folder, by its name alone: no folders (no / or \\), no '.' or '..', no
 * drive or stream (no ':'), no control characters, no Windows device name. The folder's path never
 * comes from the page.
 */
export function checkFolderFileName(value: unknown): Checked<string> {
  if (typeof value !== 'string' || value.length === 0 || value.length > 255)
    return { ok: false, reason: 'the file name must be text of 1 to 255 characters' };
  if (value === '.' || value === '..') return { ok: false, reason: 'the name is not a file in the folder' };
  if (/[\\/:]/.test(value)) return { ok: false, reason: 'the name must be a file in the folder, not a path' };
  if (/[\p{Cc}]/u.test(value)) return { ok: false, reason: 'the file name has control characters' };
  if (WINDOWS_DEVICE_NAME.test((value.split('.')[0] ?? '').trimEnd())) return { ok: false, reason: 'the name is reserved by Windows' };
  return { ok: true, value };
}

export function checkFolderKeyArgs(args: readonly unknown[]): Checked<{ folderKey: string }> {
  if (args.length !== 1) return { ok: false, reason: 'expected a folder key' };
  const key = checkFolderKey(args[0]);
  return key.ok ? { ok: true, value: { folderKey: key.value } } : key;
}

export function checkReadFolderFileArgs(args: readonly unknown[]): Checked<{ folderKey: string; name: string }> {
  if (args.length !== 2) return { ok: false, reason: 'expected a folder key and a file name' };
  const key = checkFolderKey(args[0]);
  if (!key.ok) return key;
  const name = checkFolderFileName(args[1]);
  if (!name.ok) return name;
  return { ok: true, value: { folderKey: key.value, name: name.value } };
}

/** The most one range read of a shared-folder file may ask for: the page reads a large file a slice at a time. */
export const MAX_FOLDER_RANGE_BYTES = 8 * 1024 * 1024;

/** A range of a file in the folder: its name, where the range starts and how long it is (whole numbers, the length bounded). */
export function checkReadFolderRangeArgs(
  args: readonly unknown[],
): Checked<{ folderKey: string; name: string; offset: number; length: number }> {
  if (args.length !== 4) return { ok: false, reason: 'expected a folder key, a file name, an offset and a length' };
  const read = checkReadFolderFileArgs(args.slice(0, 2));
  if (!read.ok) return read;
  const [offset, length] = [args[2], args[3]];
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
    return { ok: false, reason: 'the offset must be a whole number, not negative' };
  if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0 || length > MAX_FOLDER_RANGE_BYTES)
    return { ok: false, reason: 'the length must be a whole number no larger than the range limit' };
  return { ok: true, value: { ...read.value, offset, length } };
}

export function checkWriteFolderFileArgs(args: readonly unknown[]): Checked<{ folderKey: string; name: string; bytes: Uint8Array }> {
  if (args.length !== 3) return { ok: false, reason: 'expected a folder key, a file name and the bytes' };
  const read = checkReadFolderFileArgs(args.slice(0, 2));
  if (!read.ok) return read;
  const bytes = args[2];
  if (!(bytes instanceof Uint8Array)) return { ok: false, reason: 'the data must be bytes' };
  if (bytes.byteLength > MAX_FOLDER_WRITE_BYTES) return { ok: false, reason: 'the file is too large to write into the shared folder' };
  if (!/\.pdf$/i.test(read.value.name) || !PDF_SIGNATURE.every((byte, index) => bytes[index] === byte))
    return { ok: false, reason: 'only PDFs are written into the shared folder' };
  return { ok: true, value: { ...read.value, bytes } };
}

/** Only the app's own page may call the main process. */
export function isTrustedSender(senderUrl: string | undefined, startUrl: string): boolean {
  if (!senderUrl) return false;
  try {
    const sender = new URL(senderUrl);
    const start = new URL(startUrl);
    return sender.protocol === start.protocol && sender.host === start.host;
  } catch {
    return false;
  }
}

/** The longest file path the page's preload may send (longer than any the systems we run on allow). */
export const MAX_PATH_CHARS = 4096;
/** The most partnership roots, and the most revocation lists, sent with one file to verify. */
export const MAX_PARTNERSHIP_FILES = 64;
/**
 * The largest one of them may be: a revocation list file's limit (MAX_REVOCATION_LIST_FILE_BYTES
 * in shared/crypto/revocation-list.ts, which loads the certificate code this module does without);
 * a root certificate is far smaller.
 */
export const MAX_PARTNERSHIP_FILE_BYTES = 4 * 1024 * 1024;

/** Bytes in an ArrayBuffer of their own kind (not shared memory), as the certificate code takes them. */
function isArrayBufferBytes(value: unknown): value is Uint8Array<ArrayBuffer> {
  return value instanceof Uint8Array && value.buffer instanceof ArrayBuffer;
}

function checkDerList(value: unknown, what: string): Checked<Uint8Array<ArrayBuffer>[]> {
  if (!Array.isArray(value)) return { ok: false, reason: `the partnership’s ${what} must be a list` };
  if (value.length > MAX_PARTNERSHIP_FILES) return { ok: false, reason: `there are more than ${MAX_PARTNERSHIP_FILES} ${what}` };
  const checked: Uint8Array<ArrayBuffer>[] = [];
  for (const item of value) {
    if (!isArrayBufferBytes(item)) return { ok: false, reason: `each of the partnership’s ${what} must be bytes` };
    if (item.byteLength === 0 || item.byteLength > MAX_PARTNERSHIP_FILE_BYTES)
      return { ok: false, reason: `one of the partnership’s ${what} is empty or too large` };
    checked.push(item);
  }
  return { ok: true, value: checked };
}

/**
 * A submission file to verify: its path (1 to 4096 characters, no NUL), and optionally the pinned
 * partnership roots and the revocation lists the workspace holds, a bounded number of each, each of
 * bounded size. Where the path leads is checked when it is read (electron/submission-file-verification.ts).
 */
export function checkVerifySubmissionFileArgs(
  args: readonly unknown[],
): Checked<{ path: string; partnership: PartnershipTrustDer | undefined }> {
  if (args.length !== 1 && args.length !== 2)
    return { ok: false, reason: 'expected a file path and, if the workspace has any, the partnership’s certificates' };
  const [path, partnership] = args;
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH_CHARS)
    return { ok: false, reason: `the path must be text of 1 to ${MAX_PATH_CHARS} characters` };
  if (path.includes('\0')) return { ok: false, reason: 'the path has a NUL character' };
  if (partnership === undefined) return { ok: true, value: { path, partnership: undefined } };
  if (typeof partnership !== 'object' || partnership === null)
    return { ok: false, reason: 'the partnership’s certificates must be roots and revocation lists' };
  const { rootsDer, listsDer } = partnership as { rootsDer?: unknown; listsDer?: unknown };
  const roots = checkDerList(rootsDer, 'roots');
  if (!roots.ok) return roots;
  const lists = checkDerList(listsDer, 'revocation lists');
  if (!lists.ok) return lists;
  return { ok: true, value: { path, partnership: { rootsDer: roots.value, listsDer: lists.value } } };
}
