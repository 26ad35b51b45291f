import { formatIsoDate } from '../formats/en-gb-dates';
import type * as Generated from './appeal-document.generated';
import type { ModerationDocument } from './moderation-format';

/**
 * appeal.json, format version 1: a school's appeal against a moderation report, signed with the
 * school's key. It names the report by id and by the SHA-256 of the report's PDF, says what the
 * school disputes (the outcome, decisions on criteria, or both), the grounds in plain text and the
 * head teacher who makes it. Embedded in the appeal PDF with the relationship Data.
 */
export const APPEAL_FORMAT = 'sen-accreditation-appeal';
export const APPEAL_FORMAT_VERSION = 1;
export const APPEAL_JSON_NAME = 'appeal.json';

export type AppealDocument = Generated.AppealDocument;

/** "<URN>-appeal-<yyyy-mm-dd>-v<submission version>.pdf" */
export function appealFileName(document: Pick<AppealDocument, 'school' | 'lodgedAt' | 'report'>): string {
  return `${document.school.urn}-appeal-${document.lodgedAt.slice(0, 10)}-v${document.report.submissionVersion}.pdf`;
}

/** Whether the school can still appeal, and the sentence that says so. */
export type AppealWindow = { open: true; lastDay: string; message: string } | { open: false; closedOn: string | null; message: string };

/**
 * The appeal window of a report as of `today` (yyyy-mm-dd): open up to and including `appealBy`.
 * A report without an appeal date (made before the region's window was recorded) has no window.
 */
export function appealWindow(appealBy: string | undefined | null, today: string): AppealWindow {
  if (!appealBy || !/^\d{4}-\d{2}-\d{2}$/.test(appealBy)) {
    return {
      open: false,
      closedOn: null,
      message: 'This report gives no date to appeal by, so an appeal cannot be lodged from the app. Contact the moderating organisation.',
    };
  }
  if (today > appealBy) {
    return {
      open: false,
      closedOn: appealBy,
      message: `The window to appeal closed on ${formatIsoDate(appealBy)}. An appeal can no longer be lodged against this report.`,
    };
  }
  return {
    open: true,
    lastDay: appealBy,
    message: `The school can appeal until ${formatIsoDate(appealBy)}${today === appealBy ? ' (today is the last day)' : ''}.`,
  };
}

/** What the school fills in. */
export interface AppealFields {
  grounds: string;
  disputesOutcome: boolean;
  /** Criteria whose decision the school disputes. */
  criterionIds: readonly string[];
  headTeacherName: string;
}

/** The report appealed against, as the school holds it. */
export interface AppealedReportRef {
  document: ModerationDocument;
  /** SHA-256 (hex) of the report's PDF. */
  fileSha256: string;
}

/** Each field's problem, in plain words; empty when the appeal can be signed. */
export interface AppealFieldProblems {
  grounds?: string;
  disputes?: string;
  headTeacherName?: string;
  window?: string;
}

export function appealFieldProblems(fields: AppealFields, report: AppealedReportRef, today: string): AppealFieldProblems {
  const problems: AppealFieldProblems = {};
  const window = appealWindow(report.document.outcome.appealBy, today);
  if (!window.open) problems.window = window.message;
  if (!fields.grounds.trim()) problems.grounds = 'Write the grounds of the appeal: why the school believes the decision is wrong.';
  const known = new Set(report.document.criteria.map((c) => c.criterionId));
  const unknown = fields.criterionIds.find((id) => !known.has(id));
  if (unknown !== undefined) problems.disputes = `Criterion ${unknown} is not in the report, so its decision cannot be disputed.`;
  else if (!fields.disputesOutcome && fields.criterionIds.length === 0) {
    problems.disputes = 'Choose what the school disputes: the outcome, or the decision on one or more criteria.';
  }
  if (!fields.headTeacherName.trim()) problems.headTeacherName = 'Enter the name of the head teacher making the appeal.';
  return problems;
}

export type AppealBuild = { ok: true; document: AppealDocument } | { ok: false; problems: AppealFieldProblems };

/** The appeal's appeal.json, or each field's problem. */
export function buildAppealDocument(
  input: { appealId: string; lodgedAt: string; fields: AppealFields; report: AppealedReportRef },
  certificateFingerprint: string,
): AppealBuild {
  const { fields, report } = input;
  const problems = appealFieldProblems(fields, report, input.lodgedAt.slice(0, 10));
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  const { document } = report;
  const order = document.criteria.map((c) => c.criterionId);
  const chosen = new Set(fields.criterionIds);
  return {
    ok: true,
    document: {
      format: APPEAL_FORMAT,
      formatVersion: APPEAL_FORMAT_VERSION,
      appealId: input.appealId,
      lodgedAt: input.lodgedAt,
      school: { name: document.submission.school.name, urn: document.submission.school.urn },
      report: {
        reportId: document.reportId,
        sha256: report.fileSha256,
        submissionId: document.submission.submissionId,
        submissionVersion: document.submission.version,
        organisation: document.moderator.organisation,
        // Checked above: the window is open, so the report has a date to appeal by.
        appealBy: document.outcome.appealBy ?? '',
      },
      disputes: { outcome: fields.disputesOutcome, criterionIds: order.filter((id) => chosen.has(id)) },
      grounds: fields.grounds.trim(),
      headTeacherName: fields.headTeacherName.trim(),
      signer: { certificateFingerprint },
    },
  };
}

/** What holds an appeal together by itself, in plain words, or null. */
export function appealConsistencyProblem(appeal: AppealDocument): string | null {
  if (!appeal.disputes.outcome && appeal.disputes.criterionIds.length === 0) {
    return 'The appeal disputes neither the outcome nor any criterion.';
  }
  if (appeal.lodgedAt.slice(0, 10) > appeal.report.appealBy) {
    return `The appeal was lodged on ${formatIsoDate(appeal.lodgedAt.slice(0, 10))}, after the window to appeal closed on ${formatIsoDate(appeal.report.appealBy)}.`;
  }
  return null;
}

/** A report the moderator issued, as the workspace keeps it. */
export interface IssuedReport {
  id: string;
  submissionKey: string;
  sha256: string;
  document: ModerationDocument;
}

/** The submission the report moderated, as the workspace keeps it. */
export interface AppealedSubmission {
  key: string;
  urn: string;
  signerFingerprint: string;
}

export type AppealMatch = { ok: true; report: IssuedReport } | { ok: false; message: string };

/**
 * Whether a verified appeal answers a report this workspace issued, byte for byte, from the school
 * that signed the submission, with the same key. `signerFingerprint` is the appeal's signer.
 */
export function matchAppealToReport(
  appeal: AppealDocument,
  signerFingerprint: string,
  issued: readonly IssuedReport[],
  submissions: readonly AppealedSubmission[],
): AppealMatch {
  const report = issued.find((r) => r.document.reportId === appeal.report.reportId);
  if (!report) {
    return {
      ok: false,
      message: `This appeal is against report ${appeal.report.reportId}, which this workspace did not issue. Check it was sent to the right moderator.`,
    };
  }
  if (report.sha256 !== appeal.report.sha256) {
    return {
      ok: false,
      message: 'This appeal names a report with this id but a different file: its SHA-256 does not match the report this workspace issued.',
    };
  }
  const submission = submissions.find((s) => s.key === report.submissionKey);
  if (!submission) return { ok: false, message: 'The submission this appeal is about is no longer in this workspace.' };
  if (submission.urn !== appeal.school.urn) {
    return { ok: false, message: `The appeal is from URN ${appeal.school.urn}, but the report was about URN ${submission.urn}.` };
  }
  if (submission.signerFingerprint !== signerFingerprint) {
    return {
      ok: false,
      message:
        'The appeal was signed with a different key from the one that signed the school’s submission, so it cannot be accepted as the school’s.',
    };
  }
  return { ok: true, report };
}

/** The moderator's answer to an appeal. */
export interface AppealResolutionFields {
  result: 'upheld' | 'not-upheld' | '';
  reasons: string;
  /** yyyy-mm-dd */
  decidedOn: string;
}

export function appealResolutionProblems(
  fields: AppealResolutionFields,
  lodgedOn: string,
  today: string,
): { result?: string; reasons?: string; decidedOn?: string } {
  const problems: { result?: string; reasons?: string; decidedOn?: string } = {};
  if (fields.result === '') problems.result = 'Choose whether the appeal is upheld or not upheld.';
  if (!fields.reasons.trim()) problems.reasons = 'Give the reasons for the result, for the school to read.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.decidedOn)) problems.decidedOn = 'Enter the date the appeal was decided.';
  else if (fields.decidedOn < lodgedOn)
    problems.decidedOn = `The date of the result is before the appeal was lodged (${formatIsoDate(lodgedOn)}).`;
  else if (fields.decidedOn > today) problems.decidedOn = 'The date of the result is in the future. Enter the day it was decided.';
  return problems;
}
