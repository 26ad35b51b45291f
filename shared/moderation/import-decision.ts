import { newestFramework, type FrameworkCatalogue } from '../framework/framework-catalogue';
import type { LoadedFramework } from '../framework/framework-types';
import { uncertifiedKeyWarning, type SignerTrustVerdict } from '../crypto/signer-trust';
import { shortHash } from '../formats/sha256';
import { signerIdentity, type SignerIdentity } from './first-use-trust';
import type { SubmissionVerification, VerifiedSubmission } from '../submission/submission-verifier';
import {
  importedSubmissionKey,
  type EmbeddedFrameworkRecord,
  type ImportedSubmission,
  type ImportedSubmissionDocument,
  type PinDecision,
  type SignerPin,
} from './moderation-records';

/**
 * What a moderator workspace does with one verified submission file: store it, say it is already
 * there, or ask the moderator first: about a key never seen for the school (trust on first use:
 * compare the fingerprint before anything is stored), or a key that differs from the one pinned. Pure: the caller reads the pin and any earlier import in the same transaction that
 * writes the result, so the decision and the write see the same data.
 */

/** The file as it came in. */
export interface IncomingFile {
  fileName: string;
  size: number;
}

/** Which framework the review uses: the installed copy, or the copy inside the file (its hash already checked). */
export type FrameworkResolution =
  | { source: 'installed' }
  | {
      source: 'embedded';
      /** The framework files that are not installed, to keep beside the submission. */
      records: EmbeddedFrameworkRecord[];
      /** Says, in plain words, that the file's framework differs from what is installed. */
      message: string;
    };

/** How the signer's key relates to the key pinned for the school's URN, or that a pinned partnership certified it. */
export type SignerTrust = 'first-use' | 'matches' | 'accepted' | 'certified';

/** Everything one import writes, in one transaction. */
export interface ImportWrite {
  submission: ImportedSubmission;
  /** The submission data, kept apart from the record the queue reads (the same key). */
  document: ImportedSubmissionDocument;
  embeddedFrameworks: EmbeddedFrameworkRecord[];
  pin: SignerPin;
}

/** The moderator's answer to "trust this new key?" or "this school's key has changed". */
export type KeyAnswer = 'accept' | 'refuse';

/** The question an answer was given to: a key never seen for the school, or a key different from the pinned one. */
export type KeyQuestion = 'first-use' | 'different-key';

export type ImportDecision =
  /** `signer` is set when the file is intact but its signer is revoked or its certificate chain does not hold. */
  | { kind: 'rejected'; message: string; signer?: true }
  | { kind: 'duplicate'; message: string }
  | { kind: 'conflict'; message: string }
  | {
      kind: 'ask';
      pinnedFingerprint: string;
      pinnedAt: string;
      fingerprint: string;
      /** Set when the school's pinned key was certified by a partnership and this one was not: it may be forged. */
      warning?: string;
    }
  /** No key is pinned for the school yet: nothing is stored until the moderator has compared the fingerprint and trusts it. */
  | { kind: 'ask-first-use'; fingerprint: string; signer: SignerIdentity; warning?: string }
  /** The moderator did not trust a first-use key: nothing is written. */
  | { kind: 'declined' }
  | {
      kind: 'store';
      trust: SignerTrust;
      framework: FrameworkResolution;
      write: ImportWrite;
      /** For a certified signer: "Signed by …, URN …, certified by the South West SEN Regional Partnership." */
      certification?: string | null;
    }
  | { kind: 'refuse'; pin: SignerPin };

export interface ImportInput {
  workspaceId: string;
  verification: SubmissionVerification;
  file: IncomingFile;
  catalogue: FrameworkCatalogue;
  /** The pin for the school's URN in this workspace, if any. */
  pin: SignerPin | null | undefined;
  /** This workspace's earlier import of the same submission id, if any. */
  existing: Pick<ImportedSubmission, 'fileSha256' | 'version' | 'schoolName'> | null | undefined;
  /** The moderator's answer, once asked about a first-use or a different key. */
  answer?: KeyAnswer | null;
  /**
   * The question that answer was given to. When the situation has changed since (a key was pinned
   * for the school in the meantime), the answer does not carry over: the new question is asked.
   */
  question?: KeyQuestion | null;
  /** The time of the decision (ISO). */
  at: string;
  /**
   * Who vouches for the signer's certificate (decideSignerTrust, against the partnership roots and
   * revocation lists this workspace holds). Absent: nobody, and trust on first use applies as before.
   */
  signerTrust?: SignerTrustVerdict | null;
  /** The fingerprints of the partnership roots this workspace has pinned (to judge a school's known certification). */
  pinnedRootFingerprints?: readonly string[];
}

export function signerPinKey(workspaceId: string, urn: string): string {
  return `${workspaceId}|${urn}`;
}

export function decideImport(input: ImportInput): ImportDecision {
  const { verification, existing, pin, answer: given = null } = input;
  if (!verification.ok) return { kind: 'rejected', message: verification.rejection.message };
  const report = verification.report;
  const { submission } = report;
  const what = `submission v${submission.version} from ${submission.school.name} (URN ${submission.school.urn})`;

  if (existing) {
    if (existing.fileSha256 === report.fileSha256) {
      return { kind: 'duplicate', message: `This workspace already has ${what}: the same file. Nothing new was stored.` };
    }
    return {
      kind: 'conflict',
      message: `This workspace already has ${what}, with the same submission id but from a different file. Nothing was imported. Ask the school which file is the right one.`,
    };
  }

  const fingerprint = report.certificate.fingerprint;
  const signerTrust = input.signerTrust ?? null;
  if (signerTrust?.kind === 'revoked' || signerTrust?.kind === 'chain-invalid') {
    return { kind: 'rejected', message: `${what} was not imported. ${signerTrust.message}`, signer: true };
  }
  if (signerTrust?.kind === 'certified') {
    const key = signerPinKey(input.workspaceId, submission.school.urn);
    const framework = resolveFramework(input.catalogue, report);
    // The partnership vouches for the key: no first-use question, and a new certified key replaces the pinned one.
    const certifiedBy = signerTrust.partnership;
    const nextPin: SignerPin =
      pin && pin.fingerprint === fingerprint
        ? { ...pin, certifiedBy }
        : {
            key,
            workspaceId: input.workspaceId,
            urn: submission.school.urn,
            fingerprint,
            pinnedAt: input.at,
            history: pin?.history ?? [],
            certifiedBy,
          };
    return {
      kind: 'store',
      trust: 'certified',
      framework,
      certification: signerTrust.message,
      write: {
        submission: importedRecord(input.workspaceId, report, input.file, framework.source, input.at),
        document: { key: importedSubmissionKey(input.workspaceId, submission.submissionId), document: submission },
        embeddedFrameworks: framework.source === 'embedded' ? framework.records : [],
        pin: nextPin,
      },
    };
  }
  const warning = uncertifiedKeyWarning(report.certificate, pin?.certifiedBy, input.pinnedRootFingerprints ?? []);
  const asked: KeyQuestion | null = !pin ? 'first-use' : pin.fingerprint === fingerprint ? null : 'different-key';
  const answer = input.question && input.question !== asked ? null : given;
  let trust: SignerTrust;
  if (!pin) {
    if (answer === 'refuse') return { kind: 'declined' };
    if (answer !== 'accept')
      return { kind: 'ask-first-use', fingerprint, signer: signerIdentity(report.certificate), ...(warning ? { warning } : {}) };
    trust = 'first-use';
  } else if (pin.fingerprint === fingerprint) trust = 'matches';
  else if (answer === 'accept') trust = 'accepted';
  else if (answer === 'refuse') {
    return {
      kind: 'refuse',
      pin: withDecision(pin, { fingerprint, decision: 'refused', at: input.at, submissionId: submission.submissionId }),
    };
  } else return { kind: 'ask', pinnedFingerprint: pin.fingerprint, pinnedAt: pin.pinnedAt, fingerprint, ...(warning ? { warning } : {}) };

  const framework = resolveFramework(input.catalogue, report);
  const key = signerPinKey(input.workspaceId, submission.school.urn);
  const nextPin: SignerPin =
    trust === 'first-use' || !pin
      ? { key, workspaceId: input.workspaceId, urn: submission.school.urn, fingerprint, pinnedAt: input.at, history: [] }
      : trust === 'accepted'
        ? withoutCertification({
            ...withDecision(pin, { fingerprint, decision: 'accepted', at: input.at, submissionId: submission.submissionId }),
            fingerprint,
            pinnedAt: input.at,
          })
        : pin;
  return {
    kind: 'store',
    trust,
    framework,
    write: {
      submission: importedRecord(input.workspaceId, report, input.file, framework.source, input.at),
      document: { key: importedSubmissionKey(input.workspaceId, submission.submissionId), document: submission },
      embeddedFrameworks: framework.source === 'embedded' ? framework.records : [],
      pin: nextPin,
    },
  };
}

/** The pin for a key the moderator accepted themselves: no partnership certified it. */
function withoutCertification(pin: SignerPin): SignerPin {
  const { certifiedBy: _certifiedBy, ...rest } = pin;
  return rest;
}

function withDecision(pin: SignerPin, decision: PinDecision): SignerPin {
  return { ...pin, history: [...pin.history, decision] };
}

/** The record a moderator workspace keeps for a verified submission (its data goes in a table of its own). */
export function importedRecord(
  workspaceId: string,
  report: VerifiedSubmission,
  file: IncomingFile,
  frameworkSource: 'installed' | 'embedded',
  at: string,
): ImportedSubmission {
  const { submission } = report;
  return {
    key: importedSubmissionKey(workspaceId, submission.submissionId),
    workspaceId,
    submissionId: submission.submissionId,
    urn: submission.school.urn,
    schoolName: submission.school.name,
    regionId: submission.region.id,
    framework: submission.framework,
    supplement: submission.supplement,
    version: submission.version,
    exportedAt: submission.createdAt,
    importedAt: at,
    fileSha256: report.fileSha256,
    fileName: file.fileName,
    size: file.size,
    signerFingerprint: report.certificate.fingerprint,
    frameworkSource,
    status: 'new',
  };
}

/**
 * The installed framework when the app has exactly the version the school used (by content
 * hash); otherwise the copy inside the file, which the verifier has already checked against the
 * hash the submission names.
 */
export function resolveFramework(
  catalogue: FrameworkCatalogue,
  report: Pick<VerifiedSubmission, 'framework' | 'supplement'>,
): FrameworkResolution {
  const parts: LoadedFramework[] = [report.framework, ...(report.supplement ? [report.supplement] : [])];
  const missing = parts.filter((part) => !catalogue.byHash.has(part.contentHash));
  if (missing.length === 0) return { source: 'installed' };
  const explain = (part: LoadedFramework) => {
    const named = `${part.file.title} ${part.file.version} (${shortHash(part.contentHash, 3)})`;
    const installed = newestFramework(catalogue, part.file.id);
    if (!installed) return `${named} is not installed in this app`;
    if (installed.file.version === part.file.version) {
      return `${named} differs from the copy of version ${installed.file.version} installed in this app`;
    }
    return `${named} differs from the version installed in this app (${installed.file.version})`;
  };
  return {
    source: 'embedded',
    records: missing.map((part) => ({ contentHash: part.contentHash, value: part.file })),
    message: `The submission was made against ${missing.map(explain).join('; and ')}. The copy inside the submission is used, which is exactly the version the school worked with.`,
  };
}
