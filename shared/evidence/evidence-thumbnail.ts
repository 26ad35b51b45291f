import { sniffFile } from './preview-kind';

/**
 * Thumbnails of evidence files for the library's cards: derived data, made once per file (keyed
 * by its SHA-256), never backed up, made again when missing. Only images and PDFs are drawn; what
 * the bytes are is decided by sniffing them (preview-kind.ts), never by the declared type or name.
 */

/** The longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX_SIDE = 160;

/** What can be drawn from a file's first bytes: an image, the first page of a PDF, or nothing. */
export type ThumbnailSource = 'image' | 'pdf' | null;

export function thumbnailSource(head: Uint8Array): ThumbnailSource {
  const sniffed = sniffFile(head, head.length);
  return sniffed.kind === 'image' ? 'image' : sniffed.kind === 'pdf' ? 'pdf' : null;
}

/**
 * The thumbnail's size for a picture `width` × `height`: the longest side `max`, the other in
 * proportion and at least one pixel; a picture already smaller is not enlarged. Null for a size
 * that is not a positive finite number (nothing to draw).
 */
export function thumbnailSize(width: number, height: number, max = THUMBNAIL_MAX_SIDE): { width: number; height: number } | null {
  if (!Number.isFinite(width) || !Number.isFinite(height) || width <= 0 || height <= 0) return null;
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A stored thumbnail, or the record that the file cannot be drawn (so it is not tried again). */
export type EvidenceThumbnail =
  | { sha256: string; state: 'drawn'; image: Blob; width: number; height: number; madeAt: string }
  | { sha256: string; state: 'cannot-draw'; madeAt: string };

/** What the thumbnail worker replies: a picture, or that the file cannot be drawn (broken, encrypted, not an image). */
export type ThumbnailResult = { ok: true; image: Blob; width: number; height: number } | { ok: false };
