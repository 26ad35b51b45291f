import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { SubmissionFileVerdict } from '../shared/desktop/submission-file-verdict';
import { toHex } from '../shared/formats/sha256';
import { submissionSignerTrust, type PartnershipTrustDer } from '../shared/submission/submission-signer-trust';
import { MAX_SUBMISSION_TOTAL_BYTES, verifySubmission, withoutEvidenceBytes } from '../shared/submission/submission-verifier';
import type { DigestPort } from '../shared/formats/incremental-digest';
import { readFileHashing } from './hashed-file-read';
import { nodeSha256Digests } from './node-sha256-digests';

/**
 * Verifies a submission PDF the moderator picked or dropped on the desktop, in the main process, by
 * its path (found by the preload from the File, never sent by the page): read into shared memory
 * and hashed as it arrives, its evidence on a second thread (`readFileHashing`). The web
 * target verifies in the verify worker instead. One file at a time, so memory holds one file.
 */

/** What the checks need to know of a file. */
export interface FileFacts {
  isFile: boolean;
  size: number;
  /** Last modified, in milliseconds since 1970, as precise as the file system gives it. */
  mtimeMs: number;
}

/** The file system as the check uses it; tests pass their own to make a file change while it is read. */
export interface SubmissionFileDeps {
  stat(path: string): Promise<FileFacts>;
  /** Up to `length` bytes from the start of the file. */
  readHead(path: string, length: number): Promise<Uint8Array>;
  /**
   * The whole file, and the digests to verify it with: in shared memory, hashed as it arrives, its
   * evidence on a second thread (`readFileHashing`).
   */
  readWhole(path: string): Promise<{ bytes: Uint8Array<SharedArrayBuffer> | Uint8Array<ArrayBuffer>; digests: DigestPort }>;
  /** Now, when the file does not say when it was signed (to judge the signer's certificate). */
  now(): Date;
}

export const nodeSubmissionFileDeps: SubmissionFileDeps = {
  async stat(path) {
    const facts = await stat(path);
    return { isFile: facts.isFile(), size: facts.size, mtimeMs: facts.mtimeMs };
  },
  async readHead(path, length) {
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(length);
      const { bytesRead } = await handle.read(head, 0, length, 0);
      return head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
  readWhole: readFileHashing,
  now: () => new Date(),
};

const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** The verifier's own words for a file that is not a PDF. */
const NOT_A_PDF = 'This file is not a PDF.';
export const FILE_CHANGED =
  'The file changed while it was being checked (it may still be being copied, saved or synced). Wait until it has finished, then import it again.';

/** The verification before this one, so each waits its turn. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Checks the submission file at `path` (an absolute path) as the verify worker checks a submission's
 * bytes, and judges its signer against `partnership`. Never throws: a file that cannot be checked
 * is refused with a reason a person understands. Verifications run one after another.
 */
export function verifySubmissionFileAt(
  path: string,
  partnership: PartnershipTrustDer | undefined,
  deps: SubmissionFileDeps = nodeSubmissionFileDeps,
): Promise<SubmissionFileVerdict> {
  const turn = queue.then(() => verifyNow(path, partnership, deps));
  queue = turn.catch(() => undefined);
  return turn;
}

async function verifyNow(
  path: string,
  partnership: PartnershipTrustDer | undefined,
  deps: SubmissionFileDeps,
): Promise<SubmissionFileVerdict> {
  if (!isAbsolute(path)) return refused('The file’s location was not given in full, so it was not read. Choose the file again.');
  let before: FileFacts;
  let bytes: Uint8Array<SharedArrayBuffer> | Uint8Array<ArrayBuffer>;
  let digests: DigestPort;
  try {
    before = await deps.stat(path);
    if (!before.isFile) return refused('This is a folder or a device, not a file. Choose the submission PDF itself.');
    if (before.size > MAX_SUBMISSION_TOTAL_BYTES) {
      return refused(
        `The file is larger than ${MAX_SUBMISSION_TOTAL_BYTES / 1024 ** 3} GB, the most a submission may be, so it was not read.`,
      );
    }
    const head = await deps.readHead(path, PDF_HEADER.length);
    if (!PDF_HEADER.every((byte, index) => head[index] === byte)) return refused(NOT_A_PDF);
    ({ bytes, digests } = await deps.readWhole(path));
  } catch (error) {
    return refused(readProblem(error));
  }
  const after = await deps.stat(path).catch(() => null);
  if (!after || after.size !== before.size || after.mtimeMs !== before.mtimeMs || bytes.length !== before.size)
    return refused(FILE_CHANGED);

  try {
    const verification = await verifySubmission(bytes, { digests });
    return {
      kind: 'submission',
      // As the verify worker answers: the evidence's bytes are not sent (the certificates, in buffers of
      // their own, are; the structured-clone test checks it).
      verification: withoutEvidenceBytes(verification),
      signerTrust: await submissionSignerTrust(verification, partnership, deps.now()),
      fileSha256: verification.ok ? verification.report.fileSha256 : await sha256HexOf(bytes, digests),
      size: before.size,
      lastModifiedMs: Math.floor(before.mtimeMs),
    };
  } catch (error) {
    return refused(
      `The file could not be checked because of an unexpected error (${error instanceof Error ? error.message : String(error)}). ` +
        'Try importing it again.',
    );
  }
}

function refused(message: string): SubmissionFileVerdict {
  return { kind: 'refused', message };
}

/** What a failed read means, and what to do about it. */
function readProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return 'The file cannot be found: it may have been moved, renamed or deleted since you chose it. Choose it again.';
  if (code === 'EACCES' || code === 'EPERM')
    return 'The app is not allowed to read the file. Check that you can open it, then import it again.';
  if (code === 'EISDIR') return 'This is a folder, not a file. Choose the submission PDF itself.';
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
  return `The file could not be read (${detail}). Check that it is still where it was and that you can open it, then import it again.`;
}

/** The whole file's SHA-256 (hex): as hashed while it was read, else on the second thread where it can be, else on this one. */
async function sha256HexOf(bytes: Uint8Array, digests: DigestPort): Promise<string> {
  const whileRead = digests.hashedWhileRead?.(bytes);
  if (whileRead) return toHex(whileRead.file);
  const elsewhere = await (nodeSha256Digests.sha256OfSpansElsewhere?.(bytes, [{ offset: 0, length: bytes.length }]) ?? null);
  const digest = elsewhere?.[0];
  return toHex(digest ?? createHash('sha256').update(bytes).digest());
}
