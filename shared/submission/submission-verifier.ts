import { checkSupplementFits, loadFrameworkValue } from '../framework/framework-loader';
import type { BaseFrameworkFile, LoadedFramework, SupplementFile } from '../framework/framework-types';
import { checkSignerCertificate } from '../crypto/signer-certificate-check';
import type { CertificateSummary } from '../crypto/signing-certificate';
import { createSchemaCheck } from '../formats/json-schema-check';
import { parseJsonText } from '../formats/json-parse';
import { sha256Hex } from '../formats/sha256';
import { openSignedPdf, type ContainerAttachment, type ContainerProblemCode } from '../pdf/signed-pdf-reader';
import submissionSchema from './submission.schema.json';
import { FRAMEWORK_JSON_NAME, SUBMISSION_JSON_NAME, SUPPLEMENT_JSON_NAME, type SubmissionDocument } from './submission-format';

/**
 * Checks a submission PDF from outside against every rule in DESIGN.md, and says in plain words
 * why it is refused. Nothing in the file is trusted until it has passed.
 */
export type SubmissionRejectionCode =
  | ContainerProblemCode
  | 'not-a-submission'
  | 'data-invalid'
  | 'attachment-missing'
  | 'attachment-extra'
  | 'attachment-altered'
  | 'framework-mismatch'
  | 'signer-mismatch'
  | 'signer-certificate';

export interface SubmissionRejection {
  code: SubmissionRejectionCode;
  message: string;
}

/** Trust on first use: what the moderator's records say about this school's key. */
export type SignerPin = { status: 'first-use' } | { status: 'matches' } | { status: 'different'; pinnedFingerprint: string };

export interface VerifiedSubmission {
  submission: SubmissionDocument;
  framework: LoadedFramework<BaseFrameworkFile>;
  supplement: LoadedFramework<SupplementFile> | null;
  certificate: CertificateSummary;
  pin: SignerPin;
  /** SHA-256 (hex) of the whole PDF. */
  fileSha256: string;
  signingTime: Date | null;
  /** Evidence bytes by attachment name, each checked against the manifest's SHA-256. */
  evidenceFiles: ReadonlyMap<string, Uint8Array>;
}

export type SubmissionVerification = { ok: true; report: VerifiedSubmission } | { ok: false; rejection: SubmissionRejection };

export interface VerifyOptions {
  /** The certificate fingerprint pinned for a school's URN, if any. */
  pinnedFingerprint?: (urn: string) => string | null | undefined;
}

const checkSubmissionSchema = createSchemaCheck(submissionSchema);
const text = new TextDecoder('utf-8', { fatal: true });

export async function verifySubmission(bytes: Uint8Array<ArrayBuffer>, options: VerifyOptions = {}): Promise<SubmissionVerification> {
  const opened = await openSignedPdf(bytes);
  if (!opened.ok) return reject(opened.problem.code, opened.problem.message);
  const { container } = opened;
  const files = container.attachments;

  const dataFile = files.get(SUBMISSION_JSON_NAME);
  if (!dataFile) {
    return reject('not-a-submission', 'The PDF is signed but carries no submission.json, so it is not a submission made with this app.');
  }
  const parsed = parseJson(dataFile);
  if (!parsed.ok) return reject('data-invalid', `The submission data (submission.json) cannot be read: ${parsed.message}`);
  const problems = checkSubmissionSchema(parsed.value);
  if (problems.length > 0) {
    const first = problems[0];
    return reject(
      'data-invalid',
      `The submission data does not follow the submission format: ${first?.pointer || '/'}: ${first?.message ?? ''}`,
    );
  }
  const submission = parsed.value as SubmissionDocument;
  if (dataFile.relationship !== 'Data') return reject('data-invalid', 'submission.json is not marked as the data of the PDF.');

  const expected = expectedAttachments(submission);
  for (const name of expected) {
    if (!files.has(name)) return reject('attachment-missing', `The file “${name}” that the submission lists is missing from the PDF.`);
  }
  for (const name of files.keys()) {
    if (!expected.has(name)) return reject('attachment-extra', `The PDF carries a file “${name}” that the submission does not list.`);
  }
  const evidenceFiles = new Map<string, Uint8Array>();
  for (const evidence of submission.evidence) {
    if (!evidence.file) continue;
    const attachment = files.get(evidence.file.attachmentName);
    if (!attachment) continue;
    if (attachment.bytes.length !== evidence.file.size || (await sha256Hex(copyOf(attachment.bytes))) !== evidence.file.sha256) {
      return reject(
        'attachment-altered',
        `The evidence file “${evidence.file.attachmentName}” (${evidence.title}) is not the file the submission lists: its fingerprint differs.`,
      );
    }
    if (attachment.relationship !== 'Supplement')
      return reject('data-invalid', `${attachment.name} is not marked as supplementary evidence.`);
    evidenceFiles.set(attachment.name, attachment.bytes);
  }

  const framework = await readFramework(files.get(FRAMEWORK_JSON_NAME), submission.framework.contentHash, 'framework');
  if (!framework.ok) return reject(framework.code, framework.message);
  if (framework.loaded.file.kind !== 'framework') return reject('data-invalid', 'framework.json is a supplement, not a framework.');
  const base = framework.loaded as LoadedFramework<BaseFrameworkFile>;
  let supplement: LoadedFramework<SupplementFile> | null = null;
  if (submission.supplement) {
    const read = await readFramework(files.get(SUPPLEMENT_JSON_NAME), submission.supplement.contentHash, 'supplement');
    if (!read.ok) return reject(read.code, read.message);
    if (read.loaded.file.kind !== 'supplement') return reject('data-invalid', `${SUPPLEMENT_JSON_NAME} is not a regional supplement.`);
    supplement = read.loaded as LoadedFramework<SupplementFile>;
    const fit = checkSupplementFits(SUPPLEMENT_JSON_NAME, base.file, supplement.file);
    if (fit.length > 0) return reject('data-invalid', `The regional supplement does not fit its framework: ${fit[0]?.message ?? ''}`);
  }
  const consistency = checkAgainstFramework(submission, base, supplement);
  if (consistency) return reject('data-invalid', consistency);

  const fingerprint = container.certificate.fingerprint;
  if (fingerprint !== submission.signer.certificateFingerprint) {
    return reject('signer-mismatch', 'The PDF was signed with a different key from the one the submission names on its cover.');
  }
  if (container.certificate.urn !== submission.school.urn) {
    return reject(
      'signer-mismatch',
      `The signing certificate names URN ${container.certificate.urn || '(none)'}, but the submission is for URN ${submission.school.urn}.`,
    );
  }
  const certificateProblem = checkSignerCertificate(container.certificate, { role: 'School', at: container.signingTime ?? new Date() });
  if (certificateProblem) return reject('signer-certificate', certificateProblem);

  const pinned = options.pinnedFingerprint?.(submission.school.urn) ?? null;
  const pin: SignerPin =
    pinned === null
      ? { status: 'first-use' }
      : pinned === fingerprint
        ? { status: 'matches' }
        : { status: 'different', pinnedFingerprint: pinned };

  return {
    ok: true,
    report: {
      submission,
      framework: base,
      supplement,
      certificate: container.certificate,
      pin,
      fileSha256: container.fileSha256,
      signingTime: container.signingTime,
      evidenceFiles,
    },
  };
}

function reject(code: SubmissionRejectionCode, message: string): SubmissionVerification {
  return { ok: false, rejection: { code, message } };
}

/** The names of every file the submission says the PDF carries (their relationships are checked where each is read). */
function expectedAttachments(submission: SubmissionDocument): Set<string> {
  const names = new Set([SUBMISSION_JSON_NAME, FRAMEWORK_JSON_NAME]);
  if (submission.supplement) names.add(SUPPLEMENT_JSON_NAME);
  for (const evidence of submission.evidence) if (evidence.file) names.add(evidence.file.attachmentName);
  return names;
}

function parseJson(file: ContainerAttachment): { ok: true; value: unknown } | { ok: false; message: string } {
  let source: string;
  try {
    source = text.decode(file.bytes);
  } catch {
    return { ok: false, message: 'it is not UTF-8 text.' };
  }
  return parseJsonText(source);
}

type FrameworkRead =
  | { ok: true; loaded: LoadedFramework }
  | { ok: false; code: 'attachment-missing' | 'data-invalid' | 'framework-mismatch'; message: string };

async function readFramework(
  file: ContainerAttachment | undefined,
  expectedHash: string,
  what: 'framework' | 'supplement',
): Promise<FrameworkRead> {
  const name = what === 'framework' ? FRAMEWORK_JSON_NAME : SUPPLEMENT_JSON_NAME;
  if (!file) return { ok: false, code: 'attachment-missing', message: `The copy of the ${what} (${name}) is missing from the PDF.` };
  if (file.relationship !== 'Source')
    return { ok: false, code: 'data-invalid', message: `${name} is not marked as the source of the PDF.` };
  const parsed = parseJson(file);
  if (!parsed.ok) return { ok: false, code: 'data-invalid', message: `The copy of the ${what} cannot be read: ${parsed.message}` };
  const loaded = await loadFrameworkValue(name, parsed.value);
  if (!loaded.ok) {
    const first = loaded.problems[0];
    return {
      ok: false,
      code: 'data-invalid',
      message: `The copy of the ${what} is not a valid framework: ${first?.pointer || '/'}: ${first?.message ?? ''}`,
    };
  }
  if (loaded.framework.contentHash !== expectedHash) {
    return {
      ok: false,
      code: 'framework-mismatch',
      message: `The copy of the ${what} in the file is not the version the submission was made against: its fingerprint differs.`,
    };
  }
  return { ok: true, loaded: loaded.framework };
}

/** Responses cover exactly the framework's criteria, judgements are on its scale, links point at listed evidence. */
function checkAgainstFramework(
  submission: SubmissionDocument,
  base: LoadedFramework<BaseFrameworkFile>,
  supplement: LoadedFramework<SupplementFile> | null,
): string | null {
  if (submission.framework.id !== base.file.id || submission.framework.version !== base.file.version) {
    return 'The framework named in the submission is not the framework it carries.';
  }
  const criterionIds = [base.file, ...(supplement ? [supplement.file] : [])].flatMap((f) =>
    f.strands.flatMap((s) => s.standards.flatMap((st) => st.criteria.map((c) => c.id))),
  );
  const answered = submission.responses.map((r) => r.criterionId);
  if (answered.length !== criterionIds.length || answered.some((id, i) => id !== criterionIds[i])) {
    return 'The submission’s criteria do not match the criteria of its framework.';
  }
  const points = new Set(base.file.scale.points.map((p) => p.id));
  const badJudgement = submission.responses.find((r) => r.judgement !== null && !points.has(r.judgement));
  if (badJudgement) return `The judgement for ${badJudgement.criterionId} is not on the framework’s scale.`;
  const evidenceIds = new Set(submission.evidence.map((e) => e.id));
  const badLink = submission.responses.find((r) => r.evidenceIds.some((id) => !evidenceIds.has(id)));
  if (badLink) return `${badLink.criterionId} refers to evidence that the submission does not list.`;
  const attachmentNames = submission.evidence.flatMap((e) => (e.file ? [e.file.attachmentName] : []));
  if (new Set(attachmentNames).size !== attachmentNames.length) return 'Two evidence files in the submission have the same name.';
  return null;
}

function copyOf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
