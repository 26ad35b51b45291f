import type { SignerTrustVerdict } from '../crypto/signer-trust';
import type { SubmissionVerification } from '../submission/submission-verifier';

/**
 * What Electron's main process answers when it has checked a submission file the person picked or
 * dropped (electron/submission-file-verification.ts), and what the page checks of it before it
 * stores the file. Plain data that survives structured clone, so it crosses IPC unchanged.
 */
export type SubmissionFileVerdict =
  | {
      kind: 'submission';
      /** As the verify worker gives it: the evidence was checked, and its bytes are not sent (`evidenceFiles` is empty). */
      verification: SubmissionVerification;
      /** Who certified the signer, judged against the partnership material sent; null when none was sent or the file did not verify. */
      signerTrust: SignerTrustVerdict | null;
      /** SHA-256 (hex) of the whole file as read, whether or not it verified. */
      fileSha256: string;
      /** The size in bytes of the file that was read. */
      size: number;
      /** Its last-modified time in whole milliseconds since 1970 (rounded down), the same before and after it was read. */
      lastModifiedMs: number;
    }
  /** Not checked: the file is not a readable PDF within the limits, or changed while it was read. Says why in plain words. */
  | { kind: 'refused'; message: string };

/**
 * How far a File's `lastModified` may be from the `lastModifiedMs` main read and still be the same
 * file. Both are the same timestamp from the file system rounded down to whole milliseconds, but
 * Node gives it as fractional milliseconds in a double and Chromium as whole ones from its own
 * clock type, so a time a hair under a millisecond boundary can land one millisecond apart. A
 * wider tolerance would let a file rewritten within it pass; one millisecond is as tight as the
 * two roundings allow.
 */
export const MODIFIED_TIME_TOLERANCE_MS = 1;

/** Whether a picked file (its size and `lastModified` as the page sees them) is the one main read. */
export function isTheFileThatWasRead(
  file: { size: number; lastModified: number },
  read: { size: number; lastModifiedMs: number },
): boolean {
  return file.size === read.size && Math.abs(file.lastModified - read.lastModifiedMs) <= MODIFIED_TIME_TOLERANCE_MS;
}
