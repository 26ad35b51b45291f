/** The IPC channels between the preload bridge and the main process, and their argument checks. */
export const IPC = {
  saveFile: 'sen:save-file',
} as const;

export const MAX_SAVE_BYTES = 2 * 1024 * 1024 * 1024;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** A file name the user may be offered: no folders, no control characters, a sensible length. */
export function safeFileName(name: string, fallback = 'document.pdf'): string {
  const cleaned = name
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/\p{Cc}/gu, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 150);
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
