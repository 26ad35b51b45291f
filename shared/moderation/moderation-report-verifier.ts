import { checkSignerCertificate } from '../crypto/signer-certificate-check';
import type { CertificateSummary } from '../crypto/signing-certificate';
import { createSchemaCheck } from '../formats/json-schema-check';
import { readSignedJson } from '../formats/signed-json-data';
import { loadShippedData } from '../framework/shipped-frameworks';
import type { BaseFramework, FrameworkRef, LoadedFramework } from '../framework/framework-types';
import type { InflateOptions } from '../pdf/bounded-inflate';
import { openSignedPdf, type ContainerProblemCode } from '../pdf/signed-pdf-reader';
import { regionFrameworkProblem } from '../submission/submission-verifier';
import { isRealDate } from '../actions/action-plan';
import { formatIsoDate } from '../formats/en-gb-dates';
import { MODERATION_JSON_NAME, type ModerationDocument } from './moderation-format';
import { followUpProblem } from './follow-up-report';
import { isAccreditation, OUTCOME_KINDS } from './moderation-records';
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
  | 'attachment-too-large'
  | 'signer-mismatch'
  | 'signer-certificate'
  | 'wrong-submission'
  | 'follow-up-unknown'
  | 'follow-up-mismatch';

export interface ReportRejection {
  code: ReportRejectionCode;
  message: string;
}

export type ModeratorPin = { status: 'first-use' } | { status: 'matches' } | { status: 'different'; pinnedFingerprint: string };

export interface VerifiedReport {
  moderation: ModerationDocument;
  certificate: CertificateSummary;
  /** The signer's certificate, and the other certificates the signature carries, to check who certified it. */
  certificateDer: Uint8Array<ArrayBuffer>;
  otherCertificatesDer: Uint8Array<ArrayBuffer>[];
  /** The signing time the file records (the signer's clock), or null. */
  signingTime: Date | null;
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
  /**
   * The criterion ids of the framework (with its supplement) a report names, or null when it is
   * not known here. By default, the frameworks shipped with the app.
   */
  frameworkCriteria?: (framework: FrameworkRef, supplement: FrameworkRef | null) => Promise<ReadonlySet<string> | null>;
  /**
   * A report already imported here, by its report id, with the SHA-256 of its PDF: a follow-up must
   * follow one of them and change only discharges and an appeal's result. Without it, a follow-up
   * is checked on its own.
   */
  followedReport?: (reportId: string) => { document: ModerationDocument; fileSha256: string } | null | undefined;
  /** A lower limit for moderation.json (tests use it). */
  maxModerationJsonBytes?: number;
  /** Told of every piece of inflated output (tests count how much was ever produced). */
  onInflated?: InflateOptions['onOutput'];
}

/** The most moderation.json may hold once inflated. */
export const MAX_MODERATION_JSON_BYTES = 16 * 1024 * 1024;

const checkSchema = createSchemaCheck(moderationSchema);

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
  if (data.relationship !== 'Data') return reject('data-invalid', 'moderation.json is not marked as the data of the PDF.');
  const limit = options.maxModerationJsonBytes ?? MAX_MODERATION_JSON_BYTES;
  const read = await data.read(limit, options.onInflated ? { onOutput: options.onInflated } : {});
  if (!read.ok) {
    return read.reason === 'too-large'
      ? reject(
          'attachment-too-large',
          `The moderation data (moderation.json) is larger than the ${Math.round(limit / 1024 / 1024)} MB this app accepts, so it was not read.`,
        )
      : reject('data-invalid', 'The moderation data (moderation.json) cannot be read: its stored bytes are damaged.');
  }
  const parsed = readSignedJson(read.bytes);
  if (!parsed.ok) return reject('data-invalid', `The moderation data (moderation.json) cannot be accepted: ${parsed.message}`);
  let problems: ReturnType<typeof checkSchema>;
  try {
    problems = checkSchema(parsed.value);
  } catch {
    return reject('data-invalid', 'The moderation data does not follow the report format.');
  }
  if (problems.length > 0) {
    const first = problems[0];
    return reject(
      'data-invalid',
      `The moderation data does not follow the report format: ${first?.pointer || '/'}: ${first?.message ?? ''}`,
    );
  }
  const moderation = parsed.value as ModerationDocument;
  const consistency = await checkConsistency(moderation, options.frameworkCriteria ?? shippedFrameworkCriteria);
  if (consistency) return reject('data-invalid', consistency);

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

  const follows = moderation.followsReport;
  if (follows && options.followedReport) {
    const previous = options.followedReport(follows.reportId);
    if (!previous) {
      return reject(
        'follow-up-unknown',
        `This is a follow-up to report ${follows.reportId}, which has not been imported here. Import that report first, then this follow-up.`,
      );
    }
    const problem = followUpProblem({ document: previous.document, sha256: previous.fileSha256 }, moderation);
    if (problem) return reject('follow-up-mismatch', problem);
  }

  const pinned = options.pinnedFingerprint?.(moderation.moderator.organisation) ?? null;
  const pin: ModeratorPin =
    pinned === null
      ? { status: 'first-use' }
      : pinned === fingerprint
        ? { status: 'matches' }
        : { status: 'different', pinnedFingerprint: pinned };
  return {
    ok: true,
    report: {
      moderation,
      certificate: container.certificate,
      certificateDer: container.certificateDer,
      otherCertificatesDer: container.otherCertificatesDer,
      signingTime: container.signingTime,
      pin,
      fileSha256: container.fileSha256,
    },
  };
}

function reject(code: ReportRejectionCode, message: string): ReportVerification {
  return { ok: false, rejection: { code, message } };
}

/** The region uses the framework named; the criteria decided are distinct and in that framework; the visit samples them. */
async function checkConsistency(
  moderation: ModerationDocument,
  frameworkCriteria: NonNullable<VerifyReportOptions['frameworkCriteria']>,
): Promise<string | null> {
  const { framework, supplement } = moderation.submission;
  const region = regionFrameworkProblem(moderation.moderator.regionId, framework, supplement, 'The report');
  if (region) return region;
  const decided = new Set<string>();
  for (const criterion of moderation.criteria) {
    if (decided.has(criterion.criterionId)) return `The report decides criterion ${criterion.criterionId} twice.`;
    decided.add(criterion.criterionId);
    const from = criterion.carriedFromVersion;
    if (from !== undefined && (from >= moderation.submission.version || criterion.decision === null)) {
      return `The report says its decision on criterion ${criterion.criterionId} was carried over from version ${from}, which is not an earlier decided version of submission v${moderation.submission.version}.`;
    }
  }
  const known = await frameworkCriteria(framework, supplement);
  if (known) {
    const unknown = moderation.criteria.find((c) => !known.has(c.criterionId));
    if (unknown) {
      return `The report decides criterion ${unknown.criterionId}, which is not in the framework it names (${framework.title || framework.id}).`;
    }
  }
  const sampled = moderation.visit?.criterionIds.find((id) => !decided.has(id));
  if (sampled !== undefined) return `The report’s visit plan samples criterion ${sampled}, which the report does not decide.`;
  return outcomeConsistencyProblem(moderation);
}

/**
 * What does not hold together in a report's outcome, in plain words, or null. The fields that came
 * after the first format are optional, so a report made before them passes as it always did; when
 * present they must fit the outcome: a level only with an award, conditions only with an award with
 * conditions, a resubmission date and requests only with a deferral, and no date the school is given
 * before the day of the decision.
 */
export function outcomeConsistencyProblem(moderation: ModerationDocument): string | null {
  const { outcome } = moderation;
  const kind = OUTCOME_KINDS.find((k) => k.id === outcome.kind)?.label ?? outcome.kind;
  const decidedOn = outcome.decidedAt.slice(0, 10);
  const decidedText = formatIsoDate(decidedOn);
  const accredits = isAccreditation(outcome.kind);
  if (accredits && outcome.levelId === null) return `The report’s outcome is “${kind}” but it names no level.`;
  if (!accredits && outcome.levelId !== null) return `The report’s outcome is “${kind}” but it names a level, which only an award has.`;

  const conditions = outcome.conditions ?? [];
  const requests = outcome.evidenceRequests ?? [];
  if (outcome.kind === 'accredited-with-conditions' && conditions.length === 0) {
    return 'The report’s outcome is an award with conditions but it lists no condition.';
  }
  if (outcome.kind !== 'accredited-with-conditions' && conditions.length > 0) {
    return `The report’s outcome is “${kind}” but it lists conditions, which only an award with conditions has.`;
  }
  if (outcome.kind !== 'deferred' && requests.length > 0) {
    return `The report’s outcome is “${kind}” but it lists dated requests for evidence, which only a deferral has.`;
  }
  if (outcome.kind !== 'deferred' && outcome.resubmitBy !== undefined) {
    return `The report’s outcome is “${kind}” but it gives a date to resubmit by, which only a deferral has.`;
  }

  const dates: [string, string][] = [
    ...(outcome.renewalDate ? [['The renewal date', outcome.renewalDate] as [string, string]] : []),
    ...(outcome.resubmitBy !== undefined ? [['The date to resubmit by', outcome.resubmitBy] as [string, string]] : []),
    ...(outcome.appealBy !== undefined ? [['The date to appeal by', outcome.appealBy] as [string, string]] : []),
    ...conditions.map((c, i): [string, string] => [`Condition ${i + 1}’s due date`, c.dueOn]),
    ...conditions.flatMap((c, i): [string, string][] =>
      c.dischargedOn ? [[`The date condition ${i + 1} was discharged`, c.dischargedOn]] : [],
    ),
    ...(outcome.appealResult
      ? ([
          ['The date the appeal was lodged', outcome.appealResult.lodgedOn],
          ['The date of the appeal’s result', outcome.appealResult.decidedOn],
        ] as [string, string][])
      : []),
    ...requests.map((r, i): [string, string] => [
      `The due date of the request for evidence on ${r.criterionId} (request ${i + 1})`,
      r.dueOn,
    ]),
  ];
  for (const [what, day] of dates) {
    if (!isRealDate(day)) return `${what} in the report, ${day}, is not a real date.`;
    if (day < decidedOn) return `${what} in the report (${formatIsoDate(day)}) is before the outcome was decided (${decidedText}).`;
  }

  const noted = conditions.findIndex((c) => c.dischargeNote !== undefined && c.dischargedOn === undefined);
  if (noted >= 0) return `Condition ${noted + 1} in the report says what discharged it but not when.`;
  const result = outcome.appealResult;
  if (result && result.decidedOn < result.lodgedOn) {
    return `The appeal’s result (${formatIsoDate(result.decidedOn)}) is dated before the appeal was lodged (${formatIsoDate(result.lodgedOn)}).`;
  }
  if (result && outcome.appealBy !== undefined && result.lodgedOn > outcome.appealBy) {
    return `The report records an appeal lodged on ${formatIsoDate(result.lodgedOn)}, after the last day to appeal (${formatIsoDate(outcome.appealBy)}).`;
  }
  if (moderation.followsReport?.reportId === moderation.reportId) return 'The report says it follows itself.';

  const decided = new Set(moderation.criteria.map((c) => c.criterionId));
  for (const request of requests) {
    if (!decided.has(request.criterionId)) {
      return `The report asks for evidence on criterion ${request.criterionId}, which is not among the criteria it moderates.`;
    }
    if (outcome.resubmitBy !== undefined && request.dueOn > outcome.resubmitBy) {
      return `The request for evidence on ${request.criterionId} is due after the date to resubmit by (${formatIsoDate(outcome.resubmitBy)}).`;
    }
  }
  return null;
}

let shipped: Promise<readonly LoadedFramework[]> | null = null;

/** The criteria of a shipped framework (and supplement) matched by id and fingerprint, or null. */
async function shippedFrameworkCriteria(framework: FrameworkRef, supplement: FrameworkRef | null): Promise<ReadonlySet<string> | null> {
  shipped ??= loadShippedData().then(
    (data) => data.frameworks,
    () => [],
  );
  const frameworks = await shipped;
  const find = (ref: FrameworkRef) => frameworks.find((f) => f.file.id === ref.id && f.contentHash === ref.contentHash);
  const base = find(framework);
  const extra = supplement ? find(supplement) : undefined;
  if (!base || (supplement && !extra)) return null;
  const ids = new Set<string>();
  for (const file of [base.file as BaseFramework, ...(extra ? [extra.file] : [])]) {
    for (const strand of file.strands)
      for (const standard of strand.standards) for (const criterion of standard.criteria) ids.add(criterion.id);
  }
  return ids;
}
