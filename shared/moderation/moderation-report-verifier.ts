import { checkSignerCertificate } from '../crypto/signer-certificate-check';
import type { CertificateSummary } from '../crypto/signing-certificate';
import { createSchemaCheck } from '../formats/json-schema-check';
import { parseJsonText } from '../formats/json-parse';
import { openSignedPdf, type ContainerProblemCode } from '../pdf/signed-pdf-reader';
import { MODERATION_JSON_NAME, type ModerationDocument } from './moderation-format';
import moderationSchema from './moderation.schema.json';

/**
 * Checks a moderation report PDF from outside, with the same container rules as a submission:
 * one signature over the whole file, nothing added, exactly the embedded files it should have
 * (moderation.json only), valid data, and a certificate that matches the fingerprint it names.
 */
export type ReportRejectionCode =
  | ContainerProblemCode
  | 'not-a-report'
  | 'data-invalid'
  | 'attachment-extra'
  | 'signer-mismatch'
  | 'signer-certificate'
  | 'wrong-submission';

export interface ReportRejection {
  code: ReportRejectionCode;
  message: string;
}

export type ModeratorPin = { status: 'first-use' } | { status: 'matches' } | { status: 'different'; pinnedFingerprint: string };

export interface VerifiedReport {
  moderation: ModerationDocument;
  certificate: CertificateSummary;
  pin: ModeratorPin;
  fileSha256: string;
}

export type ReportVerification = { ok: true; report: VerifiedReport } | { ok: false; rejection: ReportRejection };

export interface VerifyReportOptions {
  /** The fingerprint a school pinned for a moderating organisation, if any. */
  pinnedFingerprint?: (organisation: string) => string | null | undefined;
  /**
   * The school's own submissions, by id, with the SHA-256 of each PDF it exported: a report must
   * refer to one of them, byte for byte.
   */
  submissionSha256?: (submissionId: string) => string | null | undefined;
}

const checkSchema = createSchemaCheck(moderationSchema);
const text = new TextDecoder('utf-8', { fatal: true });

export async function verifyModerationReport(
  bytes: Uint8Array<ArrayBuffer>,
  options: VerifyReportOptions = {},
): Promise<ReportVerification> {
  const opened = await openSignedPdf(bytes);
  if (!opened.ok) return reject(opened.problem.code, opened.problem.message);
  const { container } = opened;
  const data = container.attachments.get(MODERATION_JSON_NAME);
  if (!data)
    return reject('not-a-report', 'The PDF is signed but carries no moderation.json, so it is not a moderation report made with this app.');
  for (const name of container.attachments.keys()) {
    if (name !== MODERATION_JSON_NAME)
      return reject('attachment-extra', `The report carries a file “${name}” that a moderation report does not have.`);
  }
  let source: string;
  try {
    source = text.decode(data.bytes);
  } catch {
    return reject('data-invalid', 'The moderation data (moderation.json) is not UTF-8 text.');
  }
  const parsed = parseJsonText(source);
  if (!parsed.ok) return reject('data-invalid', `The moderation data (moderation.json) cannot be read: ${parsed.message}`);
  const problems = checkSchema(parsed.value);
  if (problems.length > 0) {
    const first = problems[0];
    return reject(
      'data-invalid',
      `The moderation data does not follow the report format: ${first?.pointer || '/'}: ${first?.message ?? ''}`,
    );
  }
  if (data.relationship !== 'Data') return reject('data-invalid', 'moderation.json is not marked as the data of the PDF.');
  const moderation = parsed.value as ModerationDocument;

  const fingerprint = container.certificate.fingerprint;
  if (fingerprint !== moderation.signer.certificateFingerprint) {
    return reject('signer-mismatch', 'The report was signed with a different key from the one it names on its cover.');
  }
  if (container.certificate.role !== 'Moderator' || container.certificate.organisation !== moderation.moderator.organisation) {
    return reject('signer-mismatch', 'The signing certificate does not name the moderator and organisation the report is from.');
  }
  const certificateProblem = checkSignerCertificate(container.certificate, { role: 'Moderator', at: container.signingTime ?? new Date() });
  if (certificateProblem) return reject('signer-certificate', certificateProblem);

  if (options.submissionSha256) {
    const expected = options.submissionSha256(moderation.submission.submissionId);
    if (!expected) {
      return reject('wrong-submission', 'This report is about a submission that was not exported from this school’s evaluations.');
    }
    if (expected !== moderation.submission.sha256) {
      return reject(
        'wrong-submission',
        'This report is about a different file from the submission this school exported: the SHA-256 does not match.',
      );
    }
  }

  const pinned = options.pinnedFingerprint?.(moderation.moderator.organisation) ?? null;
  const pin: ModeratorPin =
    pinned === null
      ? { status: 'first-use' }
      : pinned === fingerprint
        ? { status: 'matches' }
        : { status: 'different', pinnedFingerprint: pinned };
  return { ok: true, report: { moderation, certificate: container.certificate, pin, fileSha256: container.fileSha256 } };
}

function reject(code: ReportRejectionCode, message: string): ReportVerification {
  return { ok: false, rejection: { code, message } };
}
