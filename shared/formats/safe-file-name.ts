/**
 * A name a file can be saved under on Windows, macOS and Linux, made from a name someone else
 * chose (an evidence file's, a submission's): nothing that hides or reorders what the name says,
 * no character a file system refuses, never a Windows device name, never empty, and short enough
 * for every common file system, keeping the extension so the file still opens in the right program.
 */

/** The longest file name, in UTF-8 bytes, that ext4, APFS and NTFS all accept. */
export const MAX_FILE_NAME_BYTES = 255;

/** An extension longer than this is taken as part of the name (it is no program's extension). */
const MAX_EXTENSION_BYTES = 16;

/**
 * Invisible characters that hide or reorder what a name says: C0 and C1 controls, the bidi
 * embeddings, overrides and isolates (U+202A-202E, U+2066-2069), the direction marks
 * (U+200E, U+200F, U+061C), line and paragraph separators and the byte order mark.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;

/** Half a character: UTF-8 cannot write it, so no file system takes it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** How much of a name is looked at: more than fits in a file name even after cleaning. */
const BOUND = 4 * MAX_FILE_NAME_BYTES;

/** Characters Windows refuses in a name (macOS refuses ":" and Linux "/" as well). */
const RESERVED_CHARACTERS = /[<>:"/\\|?*]/g;

/** Windows device names: reserved with any extension ("CON.pdf", "nul.tar.gz") and any case. */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])$/i;

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The longest start of `text`, in whole code points, of at most `maxBytes` UTF-8 bytes. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  // A joiner left at the end would join nothing.
  return text.slice(0, end).replace(/\u200d+$/, '');
}

/** No leading dots (a hidden file on macOS and Linux), no leading or trailing spaces, no trailing dots (Windows drops them). */
function trimEnds(text: string): string {
  return text.replace(/^[\s.]+/, '').replace(/[\s.]+$/, '');
}

/** Splits "report.final.pdf" into "report.final" and ".pdf"; a long or empty "extension" is none. */
function splitExtension(name: string): { stem: string; extension: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return { stem: name, extension: '' };
  const extension = name.slice(dot);
  if (/\s/.test(extension) || utf8Length(extension) > MAX_EXTENSION_BYTES) return { stem: name, extension: '' };
  return { stem: name.slice(0, dot), extension };
}

/**
 * The name to save a file under. `fallback` (itself a safe name) is used when nothing of `name`
 * is left, e.g. a name made only of control characters or dots.
 */
export function safeFileName(name: string, fallback = 'file'): string {
  // Bounded first, so a name of any size costs no more than a long one; the end is kept for its extension.
  const bounded = name.length > BOUND ? `${name.slice(0, BOUND)}${name.slice(-MAX_EXTENSION_BYTES)}` : name;
  const cleaned = trimEnds(bounded.normalize('NFC').replace(LONE_SURROGATE, '').replace(HIDDEN, '').replace(RESERVED_CHARACTERS, '-'));
  if (cleaned === '') return fallback;
  const { stem, extension } = splitExtension(cleaned);
  let shortStem = stem;
  if (utf8Length(stem) + utf8Length(extension) > MAX_FILE_NAME_BYTES) {
    // One byte kept back for the prefix a device name may need.
    shortStem = trimEnds(truncateUtf8(stem, MAX_FILE_NAME_BYTES - 1 - utf8Length(extension)));
  }
  if (shortStem === '') return fallback;
  const firstPart = (shortStem.split('.')[0] ?? '').trimEnd();
  const device = WINDOWS_DEVICE_NAME.test(firstPart);
  return `${device ? '_' : ''}${shortStem}${extension}`;
}

/** The UTF-8 length of a name, for checks and tests. */
export function fileNameBytes(name: string): number {
  return utf8Length(name);
}

/**
 * The parts of a numbered attachment's name made from the file's own name: a lower-case ASCII slug
 * of its base (accents dropped, runs of anything else one dash, at most 60 characters) and its
 * extension with the dot, kept only when it is a short plain one. Path parts are dropped first.
 */
export function attachmentNameParts(originalName: string): { slug: string; extension: string } {
  const fileName = originalName.split(/[\\/]/).pop() ?? '';
  const dot = fileName.lastIndexOf('.');
  const base = dot > 0 ? fileName.slice(0, dot) : fileName;
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return { slug, extension: /^[a-z0-9]{1,10}$/.test(extension) ? `.${extension}` : '' };
}
