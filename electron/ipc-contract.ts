import { BACKUP_MAGIC } from '../shared/backup/backup-format';
import { parseBackupFileName } from '../shared/backup/backup-file-name';

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
