import regionsFile from '../../criteria/regions.json';
import { MAX_EVIDENCE_FILE_BYTES } from '../evidence/evidence-records';
import { notApplicableProblem } from '../framework/applicability';
import { checkSupplementFits, loadFrameworkValue } from '../framework/framework-loader';
import type { BaseFramework, LoadedFramework, SupplementFramework } from '../framework/framework-types';
import { checkSignerCertificate } from '../crypto/signer-certificate-check';
import type { CertificateSummary } from '../crypto/signing-certificate';
import { createSchemaCheck } from '../formats/json-schema-check';
import { parseJsonText } from '../formats/json-parse';
import { incrementalSha256, javascriptDigests, type DigestPort, type IncrementalSha256 } from '../formats/incremental-digest';
import { DEFAULT_SLICE_BYTES, readSourceRange, type ByteSource } from '../formats/byte-source';
import { sha256Hex, toHex } from '../formats/sha256';
import { Sha256Stream } from '../formats/sha256-stream';
import { firstDuplicateKey, readSignedJson } from '../formats/signed-json-data';
import type { InflateOptions } from '../pdf/bounded-inflate';
import {
  openSignedPdf,
  openSignedPdfSource,
  type ContainerAttachment,
  type ContainerProblemCode,
  type ContainerResult,
} from '../pdf/signed-pdf-reader';
import { editionsOf, loadRegions, type Region } from '../regions/regions';
import { submissionApprovalProblem } from './approval';
import submissionSchema from './submission.schema.json';
import { FRAMEWORK_JSON_NAME, SUBMISSION_JSON_NAME, SUPPLEMENT_JSON_NAME, type SubmissionDocument } from './submission-format';
import { asArrayBufferView } from '../formats/bytes';

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
  | 'attachment-too-large'
  | 'framework-mismatch'
  | 'signer-mismatch'
  | 'signer-certificate'
  | 'approval-mismatch';

export interface SubmissionRejection {
  code: SubmissionRejectionCode;
  message: string;
}

/** Trust on first use: what the moderator's records say about this school's key. */
export type SignerPin = { status: 'first-use' } | { status: 'matches' } | { status: 'different'; pinnedFingerprint: string };

export interface VerifiedSubmission {
  submission: SubmissionDocument;
  framework: LoadedFramework<BaseFramework>;
  supplement: LoadedFramework<SupplementFramework> | null;
  certificate: CertificateSummary;
  /** The signer's certificate, and the other certificates the signature carries, to check who certified it. */
  certificateDer: Uint8Array<ArrayBuffer>;
  otherCertificatesDer: Uint8Array<ArrayBuffer>[];
  pin: SignerPin;
  /** SHA-256 (hex) of the whole PDF. */
  fileSha256: string;
  signingTime: Date | null;
  /** Evidence bytes by attachment name, each checked against the manifest's SHA-256. */
  evidenceFiles: ReadonlyMap<string, Uint8Array>;
}

export type SubmissionVerification = { ok: true; report: VerifiedSubmission } | { ok: false; rejection: SubmissionRejection };

/** The verification without the evidence's bytes (`evidenceFiles` empty): the evidence was checked, and is not kept or sent on. */
export function withoutEvidenceBytes(verification: SubmissionVerification): SubmissionVerification {
  return verification.ok ? { ok: true, report: { ...verification.report, evidenceFiles: new Map() } } : verification;
}

/** The most a submission's embedded files may hold once inflated, each and in all. */
export interface SubmissionLimits {
  submissionJson: number;
  /** framework.json, and the regional supplement. */
  frameworkJson: number;
  /** One evidence file: never more than the manifest says, and never more than this. */
  evidenceFile: number;
  /** Every embedded file together. */
  total: number;
}

export const MAX_SUBMISSION_JSON_BYTES = 32 * 1024 * 1024;
export const MAX_FRAMEWORK_JSON_BYTES = 8 * 1024 * 1024;
export const MAX_SUBMISSION_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

export const SUBMISSION_LIMITS: SubmissionLimits = {
  submissionJson: MAX_SUBMISSION_JSON_BYTES,
  frameworkJson: MAX_FRAMEWORK_JSON_BYTES,
  evidenceFile: MAX_EVIDENCE_FILE_BYTES,
  total: MAX_SUBMISSION_TOTAL_BYTES,
};

export interface VerifyOptions {
  /** The certificate fingerprint pinned for a school's URN, if any. */
  pinnedFingerprint?: (urn: string) => string | null | undefined;
  /** Lower limits (tests use them to check the limits without gigabytes of data). */
  limits?: Partial<SubmissionLimits>;
  /** Told of every piece of inflated output (tests count how much was ever produced). */
  onInflated?: InflateOptions['onOutput'];
  /** How to hash (node:crypto in Node and Electron's main process); WebCrypto on whole buffers by default. */
  digests?: DigestPort;
}

const checkSubmissionSchema = createSchemaCheck(submissionSchema);
const text = new TextDecoder('utf-8', { fatal: true });
const MB = 1024 * 1024;

/** Counts what has been read against the total limit, and reads each attachment once. */
class AttachmentBudget {
  private used = 0;
  constructor(
    private readonly total: number,
    private readonly onOutput: InflateOptions['onOutput'],
  ) {}

  /** Whether `bytes` more would pass the total. */
  wouldExceed(bytes: number): boolean {
    return this.used + bytes > this.total;
  }

  async read(
    file: ContainerAttachment,
    limit: number,
    expectedSize?: number,
  ): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; tooLarge: boolean }> {
    const cap = Math.min(limit, this.total - this.used);
    const options: InflateOptions = {};
    if (this.onOutput) options.onOutput = this.onOutput;
    if (expectedSize !== undefined) options.expectedSize = expectedSize;
    const read = await file.read(cap, options);
    if (!read.ok) return { ok: false, tooLarge: read.reason === 'too-large' };
    this.used += read.bytes.length;
    return read;
  }

  /** As `read`, hashing the file a slice at a time instead of keeping it. */
  async digest(
    file: ContainerAttachment,
    limit: number,
    hash: IncrementalSha256,
  ): Promise<{ ok: true; size: number; sha256: string } | { ok: false; tooLarge: boolean }> {
    const cap = Math.min(limit, this.total - this.used);
    const digested = await file.digest(cap, hash, this.onOutput ? { onOutput: this.onOutput } : {});
    if (!digested.ok) return { ok: false, tooLarge: digested.reason === 'too-large' };
    this.used += digested.size;
    return { ok: true, size: digested.size, sha256: toHex(digested.sha256) };
  }
}

function sizeText(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1).replace(/\.0$/, '')} MB` : `${bytes} bytes`;
}

/** "1024 MB, over the 200 MB", or "just over the 200 MB" when both would read the same. */
function overLimit(size: number, limit: number): string {
  return sizeText(size) === sizeText(limit) ? `just over the ${sizeText(limit)}` : `${sizeText(size)}, over the ${sizeText(limit)}`;
}

export async function verifySubmission(
  bytes: Uint8Array<ArrayBuffer> | Uint8Array<SharedArrayBuffer>,
  options: VerifyOptions = {},
): Promise<SubmissionVerification> {
  const digests = options.digests;
  return verifyOpened(await openSignedPdf(bytes, digests ? { digests } : {}), options, 'keep');
}

export interface SourceVerifyOptions extends VerifyOptions {
  /** A file up to this size is read whole and checked in memory (WebCrypto's speed); a larger one a slice at a time. */
  wholeReadBytes?: number;
  /** The most read from the source at once. */
  sliceBytes?: number;
}

/** Files up to this size are read whole: reading a slice at a time pays only for large evidence. */
export const WHOLE_READ_BYTES = 8 * 1024 * 1024;

/**
 * As `verifySubmission`, reading the PDF from a source (a `File`, a range-read over IPC): a small
 * file whole, a larger one a slice at a time, its evidence hashed as it is read (the JavaScript
 * SHA-256 unless a port is given) and never held. The same checks and the same refusals; the
 * report's `evidenceFiles` is empty, since the evidence is checked, not kept.
 */
export async function verifySubmissionSource(source: ByteSource, options: SourceVerifyOptions = {}): Promise<SubmissionVerification> {
  const sliceBytes = options.sliceBytes ?? DEFAULT_SLICE_BYTES;
  if (source.size <= (options.wholeReadBytes ?? WHOLE_READ_BYTES)) {
    const read = await readSourceRange(source, 0, source.size, sliceBytes);
    const bytes =
      read.buffer instanceof ArrayBuffer && read.byteLength === read.buffer.byteLength ? (read as Uint8Array<ArrayBuffer>) : read.slice();
    const verified = await verifySubmission(bytes, options);
    return withoutEvidenceBytes(verified);
  }
  const opened = await openSignedPdfSource(source, { sliceBytes, ...(options.digests ? { digests: options.digests } : {}) });
  return verifyOpened(opened, options, 'hash');
}

/** The checks after the container is open; evidence kept (read whole), or only hashed a slice at a time. */
async function verifyOpened(
  opened: ContainerResult,
  options: VerifyOptions,
  evidenceMode: 'keep' | 'hash',
): Promise<SubmissionVerification> {
  const digests = options.digests;
  if (!opened.ok) return reject(opened.problem.code, opened.problem.message);
  const { container } = opened;
  const files = container.attachments;

  const limits = { ...SUBMISSION_LIMITS, ...options.limits };
  const budget = new AttachmentBudget(limits.total, options.onInflated);

  const dataFile = files.get(SUBMISSION_JSON_NAME);
  if (!dataFile) {
    return reject('not-a-submission', 'The PDF is signed but carries no submission.json, so it is not a submission made with this app.');
  }
  if (dataFile.relationship !== 'Data') return reject('data-invalid', 'submission.json is not marked as the data of the PDF.');
  const dataBytes = await budget.read(dataFile, limits.submissionJson);
  if (!dataBytes.ok) {
    return dataBytes.tooLarge
      ? reject(
          'attachment-too-large',
          `The submission data (submission.json) is larger than the ${sizeText(limits.submissionJson)} this app accepts, so it was not read.`,
        )
      : reject('data-invalid', 'The submission data (submission.json) cannot be read: its stored bytes are damaged.');
  }
  const parsed = readSignedJson(dataBytes.bytes);
  if (!parsed.ok) return reject('data-invalid', `The submission data (submission.json) cannot be accepted: ${parsed.message}`);
  let problems: ReturnType<typeof checkSubmissionSchema>;
  try {
    problems = checkSubmissionSchema(parsed.value);
  } catch {
    return reject('data-invalid', 'The submission data does not follow the submission format.');
  }
  if (problems.length > 0) {
    const first = problems[0];
    return reject(
      'data-invalid',
      `The submission data does not follow the submission format: ${first?.pointer || '/'}: ${first?.message ?? ''}`,
    );
  }
  const submission = parsed.value as SubmissionDocument;

  const expected = expectedAttachments(submission);
  for (const name of expected) {
    if (!files.has(name)) return reject('attachment-missing', `The file “${name}” that the submission lists is missing from the PDF.`);
  }
  for (const name of files.keys()) {
    if (!expected.has(name)) return reject('attachment-extra', `The PDF carries a file “${name}” that the submission does not list.`);
  }

  const framework = await readFramework(budget, limits, files.get(FRAMEWORK_JSON_NAME), submission.framework.contentHash, 'framework');
  if (!framework.ok) return reject(framework.code, framework.message);
  if (framework.loaded.file.kind !== 'framework') return reject('data-invalid', 'framework.json is a supplement, not a framework.');
  const base = framework.loaded as LoadedFramework<BaseFramework>;
  let supplement: LoadedFramework<SupplementFramework> | null = null;
  if (submission.supplement) {
    const read = await readFramework(budget, limits, files.get(SUPPLEMENT_JSON_NAME), submission.supplement.contentHash, 'supplement');
    if (!read.ok) return reject(read.code, read.message);
    if (read.loaded.file.kind !== 'supplement') return reject('data-invalid', `${SUPPLEMENT_JSON_NAME} is not a regional supplement.`);
    supplement = read.loaded as LoadedFramework<SupplementFramework>;
    const fit = checkSupplementFits(SUPPLEMENT_JSON_NAME, base.file, supplement.file);
    if (fit.length > 0) return reject('data-invalid', `The regional supplement does not fit its framework: ${fit[0]?.message ?? ''}`);
  }
  const consistency = checkAgainstFramework(submission, base, supplement);
  if (consistency) return reject('data-invalid', consistency);
  const approvalProblem = await submissionApprovalProblem(submission);
  if (approvalProblem) return reject('approval-mismatch', approvalProblem);

  // Every evidence file's size is known from the manifest before any is read.
  const listedSizes = submission.evidence.flatMap((e) => (e.file ? [e.file] : []));
  const tooBig = listedSizes.find((file) => file.size > limits.evidenceFile);
  if (tooBig) {
    return reject(
      'attachment-too-large',
      `The evidence file “${tooBig.attachmentName}” is listed as ${overLimit(tooBig.size, limits.evidenceFile)} limit for one file, so it was not read. The school can save a smaller copy and export again.`,
    );
  }
  if (budget.wouldExceed(listedSizes.reduce((sum, file) => sum + file.size, 0))) {
    return reject(
      'attachment-too-large',
      `The files in this submission add up to more than the ${sizeText(limits.total)} this app accepts in one submission, so they were not read.`,
    );
  }
  const evidenceFiles = new Map<string, Uint8Array>();
  for (const evidence of submission.evidence) {
    if (!evidence.file) continue;
    const attachment = files.get(evidence.file.attachmentName);
    if (!attachment) continue;
    if (attachment.relationship !== 'Supplement')
      return reject('data-invalid', `${attachment.name} is not marked as supplementary evidence.`);
    const altered = () =>
      reject(
        'attachment-altered',
        `The evidence file “${evidence.file?.attachmentName ?? ''}” (${evidence.title}) is not the file the submission lists: its fingerprint differs.`,
      );
    // Never more than the manifest says: a file that inflates past that is not the listed file.
    if (evidenceMode === 'hash') {
      const hash = (digests ?? javascriptDigests).createSha256() ?? new Sha256Stream();
      const digested = await budget.digest(attachment, evidence.file.size, hash);
      if (!digested.ok) {
        return digested.tooLarge
          ? altered()
          : reject(
              'attachment-altered',
              `The evidence file “${evidence.file.attachmentName}” cannot be read: its stored bytes are damaged.`,
            );
      }
      if (digested.size !== evidence.file.size || digested.sha256 !== evidence.file.sha256) return altered();
      continue;
    }
    const read = await budget.read(attachment, evidence.file.size, evidence.file.size);
    if (!read.ok) {
      return read.tooLarge
        ? altered()
        : reject('attachment-altered', `The evidence file “${evidence.file.attachmentName}” cannot be read: its stored bytes are damaged.`);
    }
    if (
      read.bytes.length !== evidence.file.size ||
      (await evidenceSha256(read.bytes, digests, attachment.sha256Elsewhere)) !== evidence.file.sha256
    )
      return altered();
    evidenceFiles.set(attachment.name, read.bytes);
  }

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
      certificateDer: container.certificateDer,
      otherCertificatesDer: container.otherCertificatesDer,
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

/** A framework file: any JSON layout is fine (its fingerprint is of the canonical form), but no repeated names. */
function parseFrameworkJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; message: string } {
  let source: string;
  try {
    source = text.decode(bytes);
  } catch {
    return { ok: false, message: 'it is not UTF-8 text.' };
  }
  try {
    const parsed = parseJsonText(source);
    if (!parsed.ok) return parsed;
    const repeated = firstDuplicateKey(source);
    if (repeated !== null) return { ok: false, message: `the name “${repeated.slice(0, 60)}” appears twice in one object.` };
    return parsed;
  } catch {
    return { ok: false, message: 'it is not JSON this app can read.' };
  }
}

type FrameworkRead =
  | { ok: true; loaded: LoadedFramework }
  | { ok: false; code: 'attachment-missing' | 'attachment-too-large' | 'data-invalid' | 'framework-mismatch'; message: string };

async function readFramework(
  budget: AttachmentBudget,
  limits: SubmissionLimits,
  file: ContainerAttachment | undefined,
  expectedHash: string,
  what: 'framework' | 'supplement',
): Promise<FrameworkRead> {
  const name = what === 'framework' ? FRAMEWORK_JSON_NAME : SUPPLEMENT_JSON_NAME;
  if (!file) return { ok: false, code: 'attachment-missing', message: `The copy of the ${what} (${name}) is missing from the PDF.` };
  if (file.relationship !== 'Source')
    return { ok: false, code: 'data-invalid', message: `${name} is not marked as the source of the PDF.` };
  const bytes = await budget.read(file, limits.frameworkJson);
  if (!bytes.ok) {
    return bytes.tooLarge
      ? {
          ok: false,
          code: 'attachment-too-large',
          message: `The copy of the ${what} (${name}) is larger than the ${sizeText(limits.frameworkJson)} this app accepts, so it was not read.`,
        }
      : { ok: false, code: 'data-invalid', message: `The copy of the ${what} (${name}) cannot be read: its stored bytes are damaged.` };
  }
  const parsed = parseFrameworkJson(bytes.bytes);
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
  base: LoadedFramework<BaseFramework>,
  supplement: LoadedFramework<SupplementFramework> | null,
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
  const claimProblem = notApplicableClaimProblem(submission, base, supplement);
  if (claimProblem) return claimProblem;
  const regionProblem = checkRegion(submission);
  if (regionProblem) return regionProblem;
  const evidenceIds = new Set<string>();
  for (const evidence of submission.evidence) {
    if (evidenceIds.has(evidence.id)) return `Two evidence items in the submission have the same id (${evidence.id}).`;
    evidenceIds.add(evidence.id);
  }
  const badLink = submission.responses.find((r) => r.evidenceIds.some((id) => !evidenceIds.has(id)));
  if (badLink) return `${badLink.criterionId} refers to evidence that the submission does not list.`;
  const known = new Set(criterionIds);
  const evidenceLink = submission.evidence.find((e) => e.criterionIds.some((id) => !known.has(id)));
  if (evidenceLink) {
    const id = evidenceLink.criterionIds.find((c) => !known.has(c)) ?? '';
    return `The evidence “${evidenceLink.title}” is linked to criterion ${id}, which is not in the framework the submission was made against.`;
  }
  const actionLink = submission.actions.find((a) => a.criterionIds.some((id) => !known.has(id)));
  if (actionLink) {
    const id = actionLink.criterionIds.find((c) => !known.has(c)) ?? '';
    return `The action “${actionLink.what}” is linked to criterion ${id}, which is not in the framework the submission was made against.`;
  }
  const unredacted = submission.evidence.find((e) => e.containsPersonalData && !e.redactionConfirmed);
  if (unredacted) {
    return `The evidence “${unredacted.title}” is marked as holding personal data, and nobody confirmed it was redacted. The school must redact it (or confirm it is) and export the submission again.`;
  }
  const attachmentNames = submission.evidence.flatMap((e) => (e.file ? [e.file.attachmentName] : []));
  if (new Set(attachmentNames).size !== attachmentNames.length) return 'Two evidence files in the submission have the same name.';
  return null;
}

/** A "not applicable" claim only on a criterion its framework allows one on, and with a reason. */
function notApplicableClaimProblem(
  submission: SubmissionDocument,
  base: LoadedFramework<BaseFramework>,
  supplement: LoadedFramework<SupplementFramework> | null,
): string | null {
  const criteria = new Map(
    [base.file, ...(supplement ? [supplement.file] : [])].flatMap((f) =>
      f.strands.flatMap((s) => s.standards.flatMap((st) => st.criteria.map((c) => [c.id, c] as const))),
    ),
  );
  for (const response of submission.responses) {
    const criterion = criteria.get(response.criterionId);
    if (!response.notApplicable || !criterion) continue;
    const problem = notApplicableProblem(criterion, response.notApplicable);
    if (problem) return `The school’s claim that ${response.criterionId} does not apply cannot stand: ${problem}`;
  }
  return null;
}

let regions: readonly Region[] | null = null;

/** The regions shipped with the app (criteria/regions.json), read once. */
export function shippedRegions(): readonly Region[] {
  if (!regions) {
    const loaded = loadRegions('regions.json', regionsFile);
    regions = loaded.ok ? loaded.regions : [];
  }
  return regions;
}

/**
 * The framework (and supplement) named are one of the region's editions, current or historic (a
 * submission made on the 2005 edition still verifies); null when they are, or what is wrong.
 */
export function regionFrameworkProblem(
  regionId: string,
  framework: { id: string },
  supplement: { id: string } | null,
  who: string,
): string | null {
  const region = shippedRegions().find((r) => r.id === regionId);
  if (!region) return `${who} is for a region (“${regionId}”) this app does not know.`;
  const edition = editionsOf(region).find((e) => e.framework === framework.id);
  if (!edition) {
    const older = region.historicEditions.map((e) => `“${e.framework}”`);
    const alsoOlder = older.length > 0 ? ` (or, for older work, ${older.join(' or ')})` : '';
    return `${who} is for the ${region.name} region, which uses the framework “${region.currentEdition.framework}”${alsoOlder}, but it names the framework “${framework.id}”.`;
  }
  if (edition.supplement !== (supplement?.id ?? null)) {
    return edition.supplement
      ? `${who} is for the ${region.name} region, whose regional supplement (“${edition.supplement}”) it does not carry.`
      : `${who} carries a regional supplement (“${supplement?.id ?? ''}”), but the ${region.name} region has none.`;
  }
  return null;
}

function checkRegion(submission: SubmissionDocument): string | null {
  return regionFrameworkProblem(submission.region.id, submission.framework, submission.supplement, 'The submission');
}

/** An evidence file's SHA-256 (hex): with the injected incremental hash where there is one (no copy), else WebCrypto. */
async function evidenceSha256(
  bytes: Uint8Array,
  digests: DigestPort | undefined,
  elsewhere: Promise<Uint8Array | null> | undefined,
): Promise<string> {
  // Worked out on another thread while the file was opened, unless that thread failed.
  const done = elsewhere ? await elsewhere : null;
  if (done) return toHex(done);
  const native = digests ? incrementalSha256(digests, bytes) : null;
  return native ? toHex(native) : sha256Hex(asArrayBufferView(bytes));
}
