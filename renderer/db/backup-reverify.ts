import type { RestoredTable, VerifiedBackup } from '../../shared/backup/backup-format';
import { moderatorPinKey } from '../../shared/moderation/first-use-trust';
import { signerPinKey } from '../../shared/moderation/import-decision';
import {
  importedSubmissionKey,
  SUBMISSION_STATUSES,
  type EmbeddedFrameworkRecord,
  type ImportedSubmission,
  type ImportedSubmissionDocument,
  type ImportedSubmissionFile,
  type PinDecision,
  type SignerPin,
} from '../../shared/moderation/moderation-records';
import type { VerifiedAppeal } from '../../shared/moderation/appeal-verifier';
import type { VerifyRunner } from '../export/verify-jobs';
import { isRealDate } from '../../shared/actions/action-plan';
import { longDateOfTime } from '../../shared/formats/en-gb-dates';
import { matchAppealToReport } from '../../shared/moderation/appeal';
import type {
  LodgedAppealRecord,
  ModerationReportRecord,
  ModeratorAppealRecord,
  ModeratorPinRecord,
  ReceivedReportRecord,
  SubmissionRecord,
} from './app-database';

/**
 * A backup is trusted no more than the files it holds: before a restore, every imported
 * submission, every received moderation report and every appeal (imported by a moderator or lodged
 * by a school) is verified again from its kept PDF bytes, in
 * the verify worker, one file at a time. What does not verify, or does not match the record that
 * names it, is left out and listed. Pins are made only from files that verify: a pin in the
 * backup is kept only when a verified file was signed with its key. Nothing here writes.
 */

/** A record a restore leaves out, and why, in words the person restoring understands. */
export interface LeftOutRecord {
  what: string;
  why: string;
}

declare const reverifiedBrand: unique symbol;

/** A backup whose signed files were all verified again: the only kind `restoreBackup` accepts. */
export type ReverifiedBackup = VerifiedBackup & {
  /** The records left out because they did not verify, or were not in the form the app keeps. */
  leftOutRecords: LeftOutRecord[];
  readonly [reverifiedBrand]: true;
};

export type ReverifyResult = { ok: true; backup: ReverifiedBackup } | { ok: false; message: string };

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isHex64 = (value: unknown): value is string => isText(value) && /^[0-9a-f]{64}$/.test(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function isImportedSubmission(value: unknown): value is ImportedSubmission {
  return (
    isRow(value) &&
    isText(value.key) &&
    isText(value.workspaceId) &&
    isText(value.submissionId) &&
    value.key === importedSubmissionKey(value.workspaceId, value.submissionId) &&
    isText(value.urn) &&
    isText(value.schoolName) &&
    isText(value.importedAt) &&
    isHex64(value.fileSha256) &&
    isHex64(value.signerFingerprint) &&
    isText(value.fileName) &&
    isCount(value.size) &&
    isCount(value.version) &&
    (value.frameworkSource === 'installed' || value.frameworkSource === 'embedded') &&
    SUBMISSION_STATUSES.some((s) => s.id === value.status)
  );
}

function isReceivedReport(value: unknown): value is ReceivedReportRecord {
  return (
    isRow(value) &&
    isText(value.id) &&
    isText(value.schoolId) &&
    isText(value.evaluationId) &&
    isText(value.submissionId) &&
    isText(value.importedAt) &&
    isHex64(value.fileSha256) &&
    isHex64(value.signerFingerprint) &&
    value.pdf instanceof Blob
  );
}

function isPinDecision(value: unknown): value is PinDecision {
  return (
    isRow(value) &&
    isHex64(value.fingerprint) &&
    (value.decision === 'accepted' || value.decision === 'refused') &&
    isText(value.at) &&
    isText(value.submissionId)
  );
}

function isSignerPin(value: unknown): value is SignerPin {
  return (
    isRow(value) &&
    isText(value.workspaceId) &&
    isText(value.urn) &&
    value.key === signerPinKey(value.workspaceId, value.urn) &&
    isHex64(value.fingerprint) &&
    isText(value.pinnedAt) &&
    Array.isArray(value.history) &&
    value.history.every(isPinDecision)
  );
}

/** A moderator pin of any schema: only its school, organisation, fingerprint and date are read (the key is made again). */
function isAnyModeratorPin(
  value: unknown,
): value is Pick<ModeratorPinRecord, 'schoolId' | 'organisation' | 'fingerprint' | 'pinnedAt'> & Row {
  return isRow(value) && isText(value.schoolId) && isText(value.organisation) && isHex64(value.fingerprint) && isText(value.pinnedAt);
}

const isFile = (value: unknown): value is ImportedSubmissionFile => isRow(value) && isHex64(value.sha256) && value.pdf instanceof Blob;

function tableOf(backup: VerifiedBackup, name: string): unknown[] {
  return backup.tables.find((t) => t.name === name)?.records ?? [];
}

function replaceTables(backup: VerifiedBackup, replaced: Record<string, unknown[]>): RestoredTable[] {
  const tables: RestoredTable[] = backup.tables.map((table) =>
    Object.hasOwn(replaced, table.name) ? { name: table.name, primaryKey: table.primaryKey, records: replaced[table.name]! } : table,
  );
  for (const [name, records] of Object.entries(replaced)) {
    if (records.length > 0 && !tables.some((t) => t.name === name)) tables.push({ name, primaryKey: PRIMARY_KEYS[name] ?? null, records });
  }
  return tables;
}

/** The primary key of each table this module rewrites, for a backup that did not have the table at all. */
const PRIMARY_KEYS: Record<string, string> = {
  importedSubmissions: 'key',
  importedSubmissionDocuments: 'key',
  importedSubmissionFiles: 'sha256',
  embeddedFrameworks: 'contentHash',
  signerPins: 'key',
  criterionModerations: 'key',
  visitPlans: 'submissionKey',
  moderationOutcomes: 'submissionKey',
  receivedReports: 'id',
  moderatorPins: 'key',
  moderatorAppeals: 'id',
  lodgedAppeals: 'id',
};

const NOT_IN_FORM = 'The record is not in the form this app keeps it, so the backup may have been edited by hand.';

async function bytesOf(blob: Blob): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await blob.arrayBuffer());
  } catch {
    return null;
  }
}

/**
 * Verifies every imported submission and received report in a backup again (its tables already
 * in this schema's shape), and returns the backup as it may be restored: records that verify,
 * rebuilt from their files where the file says what they hold; pins made from them alone; and the
 * list of what was left out. A file that could not be checked at all (the checker stopped) refuses
 * the whole restore, so a passing glitch never drops genuine work.
 */
export async function reverifyBackup(
  backup: VerifiedBackup,
  verifyJobs: VerifyRunner,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ReverifyResult> {
  const leftOut: LeftOutRecord[] = [];
  const imported = tableOf(backup, 'importedSubmissions');
  const reports = tableOf(backup, 'receivedReports');
  const moderatorAppeals = tableOf(backup, 'moderatorAppeals');
  const lodgedAppeals = tableOf(backup, 'lodgedAppeals');
  const total = imported.length + reports.length + moderatorAppeals.length + lodgedAppeals.length;
  let done = 0;
  onProgress(done, total);

  // The moderator's side: imported submissions, their files, their data and the pins.
  const files = new Map<string, ImportedSubmissionFile>();
  for (const file of tableOf(backup, 'importedSubmissionFiles')) if (isFile(file)) files.set(file.sha256, file);
  const workspaces = new Map<string, string>();
  for (const w of tableOf(backup, 'moderatorWorkspaces')) {
    if (isRow(w) && isText(w.id)) workspaces.set(w.id, `${String(w.moderatorName ?? '')} (${String(w.organisation ?? '')})`);
  }
  const keptSubmissions: ImportedSubmission[] = [];
  const keptDocuments: ImportedSubmissionDocument[] = [];
  const keptFiles = new Map<string, ImportedSubmissionFile>();
  const frameworks = new Map<string, EmbeddedFrameworkRecord>();
  for (const record of imported) {
    const what = describeSubmission(record, workspaces);
    const outcome = await reverifySubmission(record, files, workspaces, verifyJobs);
    done += 1;
    onProgress(done, total);
    if (outcome.kind === 'failed') return { ok: false, message: couldNotCheck(what, outcome.message) };
    if (outcome.kind === 'left-out') {
      leftOut.push({ what, why: outcome.why });
      continue;
    }
    keptSubmissions.push(outcome.submission);
    keptDocuments.push(outcome.document);
    keptFiles.set(outcome.file.sha256, outcome.file);
    for (const framework of outcome.frameworks) frameworks.set(framework.contentHash, framework);
  }
  const signerPins = pinsFromSubmissions(keptSubmissions, tableOf(backup, 'signerPins'), leftOut);
  const keptKeys = new Set(keptSubmissions.map((s) => s.key));
  const ofKept = (name: string) => {
    const records = tableOf(backup, name);
    const kept = records.filter((r) => isRow(r) && isText(r.submissionKey) && keptKeys.has(r.submissionKey));
    const dropped = records.length - kept.length;
    if (dropped > 0) {
      leftOut.push({
        what: `${dropped} ${NOTES[name] ?? name}`,
        why: 'They belong to submissions that were left out, or to no submission in the backup.',
      });
    }
    return kept;
  };

  // The school's side: received reports and the pins of moderators' keys.
  const submissions = tableOf(backup, 'submissions').filter(
    (s): s is SubmissionRecord => isRow(s) && isText(s.id) && isText(s.schoolId) && isText(s.evaluationId) && isHex64(s.sha256),
  );
  const keptReports: ReceivedReportRecord[] = [];
  for (const record of reports) {
    const what = describeReport(record);
    const outcome = await reverifyReport(record, submissions, verifyJobs);
    done += 1;
    onProgress(done, total);
    if (outcome.kind === 'failed') return { ok: false, message: couldNotCheck(what, outcome.message) };
    if (outcome.kind === 'left-out') leftOut.push({ what, why: outcome.why });
    else keptReports.push(outcome.record);
  }
  const moderatorPins = pinsFromReports(keptReports, tableOf(backup, 'moderatorPins'), leftOut);

  // Appeals on both sides, each against a report and a submission kept above.
  const issued = tableOf(backup, 'moderationReports').filter(
    (r): r is ModerationReportRecord =>
      isRow(r) && isText(r.id) && isText(r.submissionKey) && isHex64(r.sha256) && isRow(r.document) && keptKeys.has(r.submissionKey),
  );
  const keptModeratorAppeals: ModeratorAppealRecord[] = [];
  for (const record of moderatorAppeals) {
    const what = describeAppeal(record);
    const outcome = await reverifyModeratorAppeal(record, issued, keptSubmissions, verifyJobs);
    done += 1;
    onProgress(done, total);
    if (outcome.kind === 'failed') return { ok: false, message: couldNotCheck(what, outcome.message) };
    if (outcome.kind === 'left-out') leftOut.push({ what, why: outcome.why });
    else keptModeratorAppeals.push(outcome.record);
  }
  const keptLodgedAppeals: LodgedAppealRecord[] = [];
  for (const record of lodgedAppeals) {
    const what = describeAppeal(record);
    const outcome = await reverifyLodgedAppeal(record, keptReports, verifyJobs);
    done += 1;
    onProgress(done, total);
    if (outcome.kind === 'failed') return { ok: false, message: couldNotCheck(what, outcome.message) };
    if (outcome.kind === 'left-out') leftOut.push({ what, why: outcome.why });
    else keptLodgedAppeals.push(outcome.record);
  }

  const tables = replaceTables(backup, {
    importedSubmissions: keptSubmissions,
    importedSubmissionDocuments: keptDocuments,
    importedSubmissionFiles: [...keptFiles.values()],
    embeddedFrameworks: [...frameworks.values()],
    signerPins,
    criterionModerations: ofKept('criterionModerations'),
    visitPlans: ofKept('visitPlans'),
    moderationOutcomes: ofKept('moderationOutcomes'),
    receivedReports: keptReports,
    moderatorPins,
    moderatorAppeals: keptModeratorAppeals,
    lodgedAppeals: keptLodgedAppeals,
  });
  return { ok: true, backup: { ...backup, tables, leftOutRecords: leftOut } as ReverifiedBackup };
}

const NOTES: Record<string, string> = {
  criterionModerations: 'criterion moderation notes',
  visitPlans: 'visit plans',
  moderationOutcomes: 'moderation outcomes',
};

function couldNotCheck(what: string, message: string): string {
  return `The backup could not be restored because ${what} could not be checked: ${message} Nothing in the app has been changed. Try again; if it happens again, restart the app first.`;
}

function describeSubmission(record: unknown, workspaces: ReadonlyMap<string, string>): string {
  if (!isRow(record)) return 'An imported submission';
  const version = isCount(record.version) ? ` v${record.version}` : '';
  const school = isText(record.schoolName) ? ` from ${record.schoolName}` : '';
  const urn = isText(record.urn) ? ` (URN ${record.urn})` : '';
  const workspace = isText(record.workspaceId) ? workspaces.get(record.workspaceId) : undefined;
  return `Imported submission${version}${school}${urn}${workspace ? `, in the workspace of ${workspace}` : ''}`;
}

function describeReport(record: unknown): string {
  if (!isRow(record)) return 'A moderation report';
  const document = isRow(record.document) ? record.document : {};
  const moderator = isRow(document.moderator) ? document.moderator : {};
  const submission = isRow(document.submission) ? document.submission : {};
  const version = isCount(submission.version) ? ` of submission v${submission.version}` : '';
  const by = isText(moderator.organisation) ? ` from ${moderator.organisation}` : '';
  return `Moderation report${version}${by}`;
}

type SubmissionOutcome =
  | {
      kind: 'kept';
      submission: ImportedSubmission;
      document: ImportedSubmissionDocument;
      file: ImportedSubmissionFile;
      frameworks: EmbeddedFrameworkRecord[];
    }
  | { kind: 'left-out'; why: string }
  | { kind: 'failed'; message: string };

async function reverifySubmission(
  record: unknown,
  files: ReadonlyMap<string, ImportedSubmissionFile>,
  workspaces: ReadonlyMap<string, string>,
  verifyJobs: VerifyRunner,
): Promise<SubmissionOutcome> {
  if (!isImportedSubmission(record)) return { kind: 'left-out', why: NOT_IN_FORM };
  if (!workspaces.has(record.workspaceId)) return { kind: 'left-out', why: 'It belongs to no moderator workspace in the backup.' };
  const file = files.get(record.fileSha256);
  if (!file) return { kind: 'left-out', why: 'Its original PDF is not in the backup, so it cannot be checked again.' };
  const bytes = await bytesOf(file.pdf);
  if (!bytes) return { kind: 'left-out', why: 'Its original PDF in the backup could not be read.' };
  const result = await verifyJobs.verify({ kind: 'submission', bytes });
  if (result.kind === 'failed') return { kind: 'failed', message: result.message };
  if (result.kind !== 'submission') return { kind: 'failed', message: 'The checker gave an answer about something else.' };
  if (!result.verification.ok) return { kind: 'left-out', why: `Its PDF does not verify: ${result.verification.rejection.message}` };
  const report = result.verification.report;
  const { submission } = report;
  if (
    report.fileSha256 !== record.fileSha256 ||
    report.certificate.fingerprint !== record.signerFingerprint ||
    submission.submissionId !== record.submissionId ||
    submission.school.urn !== record.urn
  ) {
    return { kind: 'left-out', why: 'The record does not match the signed PDF it names (its school, submission or signer differ).' };
  }
  // What the signed file says wins over what the backup's record says; the moderator's own fields stay.
  // Field by field, so nothing a hand-made record adds is restored.
  const rebuilt: ImportedSubmission = {
    key: record.key,
    workspaceId: record.workspaceId,
    submissionId: record.submissionId,
    urn: record.urn,
    importedAt: record.importedAt,
    fileSha256: record.fileSha256,
    fileName: record.fileName,
    size: record.size,
    signerFingerprint: record.signerFingerprint,
    frameworkSource: record.frameworkSource,
    status: record.status,
    schoolName: submission.school.name,
    regionId: submission.region.id,
    framework: submission.framework,
    supplement: submission.supplement,
    version: submission.version,
    exportedAt: submission.createdAt,
  };
  const parts = [report.framework, ...(report.supplement ? [report.supplement] : [])];
  return {
    kind: 'kept',
    submission: rebuilt,
    document: { key: record.key, document: submission },
    file,
    frameworks: record.frameworkSource === 'embedded' ? parts.map((part) => ({ contentHash: part.contentHash, value: part.file })) : [],
  };
}

type ReportOutcome =
  { kind: 'kept'; record: ReceivedReportRecord } | { kind: 'left-out'; why: string } | { kind: 'failed'; message: string };

async function reverifyReport(record: unknown, submissions: readonly SubmissionRecord[], verifyJobs: VerifyRunner): Promise<ReportOutcome> {
  if (!isReceivedReport(record)) return { kind: 'left-out', why: NOT_IN_FORM };
  const own = submissions.filter((s) => s.schoolId === record.schoolId);
  const about = own.find((s) => s.id === record.submissionId);
  if (!about || about.evaluationId !== record.evaluationId) {
    return { kind: 'left-out', why: 'It is not about a submission this school exported, as the backup holds them.' };
  }
  const bytes = await bytesOf(record.pdf);
  if (!bytes) return { kind: 'left-out', why: 'Its PDF in the backup could not be read.' };
  const submissionSha256 = Object.fromEntries(own.map((s) => [s.id, s.sha256]));
  const result = await verifyJobs.verify({ kind: 'report', bytes, submissionSha256 });
  if (result.kind === 'failed') return { kind: 'failed', message: result.message };
  if (result.kind !== 'report') return { kind: 'failed', message: 'The checker gave an answer about something else.' };
  if (!result.verification.ok) return { kind: 'left-out', why: `Its PDF does not verify: ${result.verification.rejection.message}` };
  const report = result.verification.report;
  const { moderation } = report;
  if (
    report.fileSha256 !== record.fileSha256 ||
    report.certificate.fingerprint !== record.signerFingerprint ||
    moderation.reportId !== record.id ||
    moderation.submission.submissionId !== record.submissionId
  ) {
    return { kind: 'left-out', why: 'The record does not match the signed PDF it names (its report, submission or signer differ).' };
  }
  return {
    kind: 'kept',
    record: {
      id: record.id,
      schoolId: record.schoolId,
      evaluationId: record.evaluationId,
      submissionId: record.submissionId,
      importedAt: record.importedAt,
      fileSha256: record.fileSha256,
      signerFingerprint: record.signerFingerprint,
      document: moderation,
      pdf: record.pdf,
    },
  };
}

function describeAppeal(record: unknown): string {
  if (!isRow(record) || !isRow(record.document)) return 'An appeal';
  const school = isRow(record.document.school) ? record.document.school : {};
  const lodged =
    isText(record.document.lodgedAt) && isRealDate(record.document.lodgedAt.slice(0, 10))
      ? ` lodged on ${longDateOfTime(record.document.lodgedAt)}`
      : '';
  return `Appeal${isText(school.name) ? ` from ${school.name}` : ''}${lodged}`;
}

type AppealFile = { kind: 'verified'; verified: VerifiedAppeal } | { kind: 'left-out'; why: string } | { kind: 'failed'; message: string };

/** Verifies an appeal's kept PDF, and that it is the file the record names (its id and SHA-256). */
async function verifyAppealFile(
  record: Row & { id: string; fileSha256: string; pdf: Blob },
  verifyJobs: VerifyRunner,
): Promise<AppealFile> {
  const bytes = await bytesOf(record.pdf);
  if (!bytes) return { kind: 'left-out', why: 'Its PDF in the backup could not be read.' };
  const result = await verifyJobs.verify({ kind: 'appeal', bytes });
  if (result.kind === 'failed') return { kind: 'failed', message: result.message };
  if (result.kind !== 'appeal') return { kind: 'failed', message: 'The checker gave an answer about something else.' };
  if (!result.verification.ok) return { kind: 'left-out', why: `Its PDF does not verify: ${result.verification.message}` };
  const { verified } = result.verification;
  if (verified.fileSha256 !== record.fileSha256 || verified.appeal.appealId !== record.id) {
    return { kind: 'left-out', why: 'The record does not match the signed PDF it names (its appeal or file differ).' };
  }
  return { kind: 'verified', verified };
}

const isAppealResult = (value: unknown): value is NonNullable<ModeratorAppealRecord['result']> =>
  isRow(value) &&
  (value.result === 'upheld' || value.result === 'not-upheld') &&
  isText(value.reasons) &&
  isText(value.decidedOn) &&
  isText(value.recordedAt);

type AppealOutcome<T> = { kind: 'kept'; record: T } | { kind: 'left-out'; why: string } | { kind: 'failed'; message: string };

/** A moderator's imported appeal: its PDF verifies and still answers a report the workspace issued, signed with the submission's key. */
async function reverifyModeratorAppeal(
  record: unknown,
  issued: readonly ModerationReportRecord[],
  submissions: readonly ImportedSubmission[],
  verifyJobs: VerifyRunner,
): Promise<AppealOutcome<ModeratorAppealRecord>> {
  if (
    !isRow(record) ||
    !isText(record.id) ||
    !isText(record.workspaceId) ||
    !isText(record.submissionKey) ||
    !isText(record.importedAt) ||
    !isHex64(record.fileSha256) ||
    !(record.pdf instanceof Blob) ||
    (record.result !== null && !isAppealResult(record.result))
  ) {
    return { kind: 'left-out', why: NOT_IN_FORM };
  }
  const file = await verifyAppealFile({ ...record, id: record.id, fileSha256: record.fileSha256, pdf: record.pdf }, verifyJobs);
  if (file.kind !== 'verified') return file;
  const { verified } = file;
  const match = matchAppealToReport(
    verified.appeal,
    verified.certificate.fingerprint,
    issued.filter((r) => r.workspaceId === record.workspaceId),
    submissions.filter((s) => s.workspaceId === record.workspaceId),
  );
  if (!match.ok) return { kind: 'left-out', why: match.message };
  if (match.report.submissionKey !== record.submissionKey) {
    return { kind: 'left-out', why: 'The record does not match the signed PDF it names (its report or submission differ).' };
  }
  const result = isAppealResult(record.result) ? record.result : null;
  return {
    kind: 'kept',
    record: {
      id: record.id,
      workspaceId: record.workspaceId,
      submissionKey: record.submissionKey,
      reportId: match.report.id,
      importedAt: record.importedAt,
      fileSha256: record.fileSha256,
      signerFingerprint: verified.certificate.fingerprint,
      document: verified.appeal,
      pdf: record.pdf,
      result: result
        ? { result: result.result, reasons: result.reasons, decidedOn: result.decidedOn, recordedAt: result.recordedAt }
        : null,
    },
  };
}

/** A school's lodged appeal: its PDF verifies and is against a received report kept above, byte for byte. */
async function reverifyLodgedAppeal(
  record: unknown,
  reports: readonly ReceivedReportRecord[],
  verifyJobs: VerifyRunner,
): Promise<AppealOutcome<LodgedAppealRecord>> {
  if (
    !isRow(record) ||
    !isText(record.id) ||
    !isText(record.schoolId) ||
    !isText(record.evaluationId) ||
    !isText(record.reportId) ||
    !isText(record.fileName) ||
    !isHex64(record.fileSha256) ||
    !(record.pdf instanceof Blob)
  ) {
    return { kind: 'left-out', why: NOT_IN_FORM };
  }
  const file = await verifyAppealFile({ ...record, id: record.id, fileSha256: record.fileSha256, pdf: record.pdf }, verifyJobs);
  if (file.kind !== 'verified') return file;
  const { appeal } = file.verified;
  const report = reports.find((r) => r.id === appeal.report.reportId);
  if (
    !report ||
    record.reportId !== report.id ||
    report.schoolId !== record.schoolId ||
    report.evaluationId !== record.evaluationId ||
    report.fileSha256 !== appeal.report.sha256 ||
    report.document.submission.school.urn !== appeal.school.urn
  ) {
    return { kind: 'left-out', why: 'It is not against a moderation report this school holds in the backup, byte for byte.' };
  }
  return {
    kind: 'kept',
    record: {
      id: record.id,
      schoolId: record.schoolId,
      evaluationId: record.evaluationId,
      reportId: report.id,
      lodgedAt: appeal.lodgedAt,
      fileName: record.fileName,
      fileSha256: record.fileSha256,
      document: appeal,
      pdf: record.pdf,
    },
  };
}

/**
 * One pin per workspace and school, from the verified submissions alone. The backup's pin (with
 * its history of decisions) is kept when a verified file was signed with its key; otherwise the
 * key of the school's most recently imported verified file is pinned, as on first use.
 */
function pinsFromSubmissions(kept: readonly ImportedSubmission[], backupPins: readonly unknown[], leftOut: LeftOutRecord[]): SignerPin[] {
  const byKey = new Map<string, ImportedSubmission[]>();
  for (const s of kept) {
    const key = signerPinKey(s.workspaceId, s.urn);
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const given = new Map<string, SignerPin>();
  for (const pin of backupPins) if (isSignerPin(pin)) given.set(pin.key, pin);
  const pins: SignerPin[] = [];
  const vouched = new Set<unknown>();
  for (const [key, group] of byKey) {
    const pin = given.get(key);
    if (pin && group.some((s) => s.signerFingerprint === pin.fingerprint)) {
      const { workspaceId, urn, fingerprint, pinnedAt, history } = pin;
      pins.push({
        key,
        workspaceId,
        urn,
        fingerprint,
        pinnedAt,
        history: history.map(({ fingerprint, decision, at, submissionId }) => ({ fingerprint, decision, at, submissionId })),
      });
      vouched.add(pin);
      continue;
    }
    const latest = [...group].sort((a, b) => b.importedAt.localeCompare(a.importedAt))[0]!;
    pins.push({
      key,
      workspaceId: latest.workspaceId,
      urn: latest.urn,
      fingerprint: latest.signerFingerprint,
      pinnedAt: latest.importedAt,
      history: [],
    });
  }
  for (const pin of backupPins) {
    if (vouched.has(pin)) continue;
    leftOut.push({
      what: isSignerPin(pin) ? `The key pinned for URN ${pin.urn}` : 'A pinned key',
      why: isSignerPin(pin)
        ? 'No submission in the backup that verifies was signed with it, so it is not trusted on the backup’s word alone.'
        : NOT_IN_FORM,
    });
  }
  return pins;
}

/** One pin per school, region and organisation, from the verified reports alone, as for submissions. */
function pinsFromReports(
  kept: readonly ReceivedReportRecord[],
  backupPins: readonly unknown[],
  leftOut: LeftOutRecord[],
): ModeratorPinRecord[] {
  const byKey = new Map<string, ReceivedReportRecord[]>();
  for (const r of kept) {
    const key = moderatorPinKey(r.schoolId, r.document.moderator.regionId, r.document.moderator.organisation);
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const pins: ModeratorPinRecord[] = [];
  const vouched = new Set<unknown>();
  for (const [key, group] of byKey) {
    // The backup's pin for this organisation, in either schema's form, when a verified report was signed with its key.
    const given = backupPins.find(
      (p) =>
        isAnyModeratorPin(p) &&
        group.some(
          (r) =>
            r.schoolId === p.schoolId &&
            r.signerFingerprint === p.fingerprint &&
            moderatorPinKey(r.schoolId, r.document.moderator.regionId, p.organisation) === key,
        ),
    );
    const chosen = isAnyModeratorPin(given)
      ? group.find((r) => r.signerFingerprint === given.fingerprint)!
      : [...group].sort((a, b) => b.importedAt.localeCompare(a.importedAt))[0]!;
    if (given) vouched.add(given);
    pins.push({
      key,
      schoolId: chosen.schoolId,
      regionId: chosen.document.moderator.regionId,
      organisation: chosen.document.moderator.organisation,
      fingerprint: chosen.signerFingerprint,
      moderatorName: chosen.document.moderator.name,
      pinnedAt: isAnyModeratorPin(given) ? given.pinnedAt : chosen.importedAt,
    });
  }
  for (const pin of backupPins) {
    if (vouched.has(pin)) continue;
    leftOut.push({
      what: isAnyModeratorPin(pin) ? `The key pinned for ${pin.organisation}` : 'A pinned moderator key',
      why: isAnyModeratorPin(pin)
        ? 'No moderation report in the backup that verifies was signed with it, so it is not trusted on the backup’s word alone.'
        : NOT_IN_FORM,
    });
  }
  return pins;
}
