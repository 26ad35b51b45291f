import type { FrameworkCatalogue } from '../../shared/framework/framework-catalogue';
import {
  decideImport,
  signerPinKey,
  type ImportDecision,
  type IncomingFile,
  type KeyAnswer,
  type KeyQuestion,
} from '../../shared/moderation/import-decision';
import { importedSubmissionKey } from '../../shared/moderation/moderation-records';
import type { SignerTrustVerdict } from '../../shared/crypto/signer-trust';
import type { SubmissionVerification } from '../../shared/submission/submission-verifier';
import { nowIso, type AppDatabase } from './app-database';
import { describeStorageError, UserFacingError } from './storage-errors';

/**
 * Stores one verified submission in a moderator workspace, all or nothing: the decision (is it
 * already here, does the key match the school's pin) is made and acted on inside one read-write
 * transaction over the submission, its data, its PDF, any framework that came with it and the pin.
 * A rejected file, a duplicate, an unanswered key question and a first-use key the moderator did
 * not trust write nothing; a refused different key writes only the refusal into the pin's history.
 */
export async function importVerifiedSubmission(
  db: AppDatabase,
  input: {
    workspaceId: string;
    verification: SubmissionVerification;
    file: IncomingFile;
    /** The exact bytes that were verified. */
    pdf: Blob;
    catalogue: FrameworkCatalogue;
    answer?: KeyAnswer | null;
    /** The question the answer was given to (a first-use key, or a different one). */
    question?: KeyQuestion | null;
    /** Who certified the signer (the verify worker's decideSignerTrust); absent: trust on first use. */
    signerTrust?: SignerTrustVerdict | null;
    /** The partnership roots this workspace has pinned, by fingerprint. */
    pinnedRootFingerprints?: readonly string[];
  },
): Promise<ImportDecision> {
  const { verification } = input;
  if (!verification.ok) return decideImport({ ...input, pin: null, existing: null, at: nowIso() });
  const { submission } = verification.report;
  try {
    return await db.transaction(
      'rw',
      [db.importedSubmissions, db.importedSubmissionDocuments, db.importedSubmissionFiles, db.embeddedFrameworks, db.signerPins],
      async () => {
        const [pin, existing] = await Promise.all([
          db.signerPins.get(signerPinKey(input.workspaceId, submission.school.urn)),
          db.importedSubmissions.get(importedSubmissionKey(input.workspaceId, submission.submissionId)),
        ]);
        const decision = decideImport({ ...input, pin, existing, at: nowIso() });
        if (decision.kind === 'refuse') await db.signerPins.put(decision.pin);
        if (decision.kind !== 'store') return decision;
        const { write } = decision;
        const sha256 = write.submission.fileSha256;
        if (!(await db.importedSubmissionFiles.get(sha256))) await db.importedSubmissionFiles.add({ sha256, pdf: input.pdf });
        for (const record of write.embeddedFrameworks) {
          if (!(await db.embeddedFrameworks.get(record.contentHash))) await db.embeddedFrameworks.add(record);
        }
        await db.signerPins.put(write.pin);
        await db.importedSubmissions.add(write.submission);
        await db.importedSubmissionDocuments.add(write.document);
        return decision;
      },
    );
  } catch (error) {
    throw new UserFacingError(describeStorageError(error, `submission v${submission.version} from ${submission.school.name}`));
  }
}

/** The original PDF of an imported submission, exactly as it was verified, to verify again or save again. */
export async function importedSubmissionPdf(db: AppDatabase, fileSha256: string): Promise<Blob | null> {
  return (await db.importedSubmissionFiles.get(fileSha256))?.pdf ?? null;
}
