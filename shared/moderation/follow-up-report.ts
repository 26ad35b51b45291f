import { isRealDate } from '../actions/action-plan';
import { canonicalJson } from '../formats/canonical-json';
import { formatIsoDate } from '../formats/en-gb-dates';
import type { AppealResult, Condition } from './moderation-document.generated';
import type { ModerationDocument } from './moderation-format';
import type { ModerationOutcome, OutcomeCondition } from './moderation-records';

/**
 * A follow-up report: a new moderation.json for the same submission that names the report it
 * follows (its id and the SHA-256 of its PDF) and differs from it only in what happened since:
 * conditions discharged (the date and what the school showed) and the result of an appeal. It is
 * the same format as a report, with optional fields, so every report made before still verifies,
 * and a school imports a follow-up as it imports a report.
 */

/** A condition as a report carries it: with its discharge once the moderator has recorded one. */
export function conditionForReport(condition: OutcomeCondition): Condition {
  return {
    text: condition.text,
    dueOn: condition.dueOn,
    ...(condition.dischargedOn ? { dischargedOn: condition.dischargedOn } : {}),
    ...(condition.dischargedOn && condition.dischargeNote?.trim() ? { dischargeNote: condition.dischargeNote.trim() } : {}),
  };
}

export interface DischargeInput {
  /** yyyy-mm-dd */
  dischargedOn: string;
  /** What the school showed. */
  note: string;
}

export type DischargeResult = { ok: true; outcome: ModerationOutcome } | { ok: false; message: string };

/**
 * The outcome with condition `index` discharged on `input.dischargedOn`, or why not: only an award
 * with conditions has them, a condition is discharged once, on a real date between the decision
 * and today, and the moderator says what the school showed.
 */
export function dischargeCondition(outcome: ModerationOutcome, index: number, input: DischargeInput, today: string): DischargeResult {
  if (outcome.kind !== 'accredited-with-conditions') {
    return { ok: false, message: 'Only an award with conditions has conditions to discharge.' };
  }
  const conditions = outcome.conditions ?? [];
  const condition = conditions[index];
  if (!condition) return { ok: false, message: 'That condition is not part of this outcome. Reload the page and try again.' };
  if (condition.dischargedOn) {
    return { ok: false, message: `This condition was already discharged on ${formatIsoDate(condition.dischargedOn)}.` };
  }
  const day = input.dischargedOn.trim();
  if (!isRealDate(day)) return { ok: false, message: 'Enter the date the condition was discharged, as a real date.' };
  const decidedOn = outcome.decidedAt.slice(0, 10);
  if (day < decidedOn) {
    return {
      ok: false,
      message: `The date it was discharged (${formatIsoDate(day)}) is before the outcome was decided (${formatIsoDate(decidedOn)}). Check the date.`,
    };
  }
  if (day > today)
    return { ok: false, message: `The date it was discharged (${formatIsoDate(day)}) is in the future. Enter the day it happened.` };
  const note = input.note.trim();
  if (!note) return { ok: false, message: 'Say what the school showed that meets the condition.' };
  const discharged: OutcomeCondition = { ...condition, dischargedOn: day, dischargeNote: note };
  return { ok: true, outcome: { ...outcome, conditions: conditions.map((c, i) => (i === index ? discharged : c)) } };
}

/**
 * Why the outcome cannot be recorded again over `previous`, in words for the moderator, or null.
 * Recording an outcome again replaces its conditions and its decision date, so a condition already
 * discharged would be lost (and its discharge could predate the new decision): refused instead.
 */
export function outcomeRerecordProblem(previous: ModerationOutcome | undefined | null): string | null {
  const conditions = previous?.conditions ?? [];
  const index = conditions.findIndex((c) => c.dischargedOn);
  const discharged = conditions[index];
  if (!discharged?.dischargedOn) return null;
  return (
    `Condition ${index + 1} (“${discharged.text}”) was recorded as discharged on ${formatIsoDate(discharged.dischargedOn)}, ` +
    'and recording the outcome again would lose that discharge, so the outcome was not changed. ' +
    'Send what has happened since the report in a signed follow-up report instead.'
  );
}

export interface FollowUpInput {
  /** The report the follow-up follows, as issued, and the SHA-256 of its PDF. */
  previous: ModerationDocument;
  previousSha256: string;
  reportId: string;
  createdAt: string;
  /** The outcome's conditions as the workspace holds them now (with their discharges). */
  conditions: readonly OutcomeCondition[];
  /** The appeal's result once recorded, or null. */
  appealResult: AppealResult | null;
}

export type FollowUpBuild = { ok: true; document: ModerationDocument } | { ok: false; message: string };

/**
 * The follow-up's moderation.json: the report it follows with the conditions' discharges and the
 * appeal's result as they are now, or why there is nothing to send.
 */
export function buildFollowUpDocument(input: FollowUpInput, certificateFingerprint: string): FollowUpBuild {
  const { previous } = input;
  const before = previous.outcome.conditions ?? [];
  if (
    input.conditions.length !== before.length ||
    input.conditions.some((c, i) => c.text !== before[i]?.text || c.dueOn !== before[i]?.dueOn)
  ) {
    return {
      ok: false,
      message:
        'The conditions recorded here are not the ones in the report: a follow-up only records their discharge. Export a new report instead.',
    };
  }
  const conditions: Condition[] = input.conditions.map((c) => conditionForReport(c));
  const { appealResult: _previousResult, ...outcomeBefore } = previous.outcome;
  const appealResult = input.appealResult ?? previous.outcome.appealResult ?? null;
  const document: ModerationDocument = {
    ...previous,
    reportId: input.reportId,
    createdAt: input.createdAt,
    outcome: {
      ...outcomeBefore,
      ...(previous.outcome.kind === 'accredited-with-conditions' ? { conditions } : {}),
      ...(appealResult ? { appealResult: { ...appealResult } } : {}),
    },
    signer: { certificateFingerprint },
    followsReport: { reportId: previous.reportId, sha256: input.previousSha256 },
  };
  const problem = followUpProblem({ document: previous, sha256: input.previousSha256 }, document);
  return problem ? { ok: false, message: problem } : { ok: true, document };
}

/** What a follow-up changes in plain words: ["Condition 1 discharged on 3 March 2027", "Appeal not upheld"]. */
export function followUpChanges(previous: ModerationDocument, followUp: ModerationDocument): string[] {
  const before = previous.outcome.conditions ?? [];
  const changes = (followUp.outcome.conditions ?? []).flatMap((c, i) =>
    c.dischargedOn && !before[i]?.dischargedOn ? [`Condition ${i + 1} discharged on ${formatIsoDate(c.dischargedOn)}`] : [],
  );
  const result = followUp.outcome.appealResult;
  if (result && !previous.outcome.appealResult)
    changes.push(`Appeal ${result.result === 'upheld' ? 'upheld' : 'not upheld'} on ${formatIsoDate(result.decidedOn)}`);
  return changes;
}

/**
 * Why `followUp` is not a follow-up of `previous` (whose PDF has SHA-256 `previous.sha256`), in
 * plain words, or null. It must name that report by id and SHA-256, be about the same submission
 * from the same moderator, and differ only in discharges and an appeal's result, adding at least
 * one, and keeping every one the report already had.
 */
export function followUpProblem(previous: { document: ModerationDocument; sha256: string }, followUp: ModerationDocument): string | null {
  const before = previous.document;
  const follows = followUp.followsReport;
  if (!follows) return 'This report does not say which report it follows, so it is not a follow-up.';
  if (follows.reportId !== before.reportId || follows.sha256 !== previous.sha256) {
    return `This follow-up follows report ${follows.reportId}, not the report ${before.reportId} it was checked against (or that report’s file has a different SHA-256).`;
  }
  if (followUp.reportId === before.reportId) return 'This follow-up has the same report id as the report it follows.';
  if (followUp.submission.submissionId !== before.submission.submissionId || followUp.submission.sha256 !== before.submission.sha256) {
    return 'This follow-up is about a different submission from the report it follows.';
  }
  if (followUp.createdAt < before.createdAt) return 'This follow-up is dated before the report it follows.';
  if (canonicalJson(unchangingPart(followUp)) !== canonicalJson(unchangingPart(before))) {
    return 'This follow-up changes more than the discharge of conditions and the result of an appeal: its decisions, outcome or moderator differ from the report it follows.';
  }
  const conditionsBefore = before.outcome.conditions ?? [];
  const conditionsNow = followUp.outcome.conditions ?? [];
  const madeOn = followUp.createdAt.slice(0, 10);
  for (const [i, condition] of conditionsNow.entries()) {
    const was = conditionsBefore[i];
    if (was?.dischargedOn && (was.dischargedOn !== condition.dischargedOn || was.dischargeNote !== condition.dischargeNote)) {
      return `Condition ${i + 1} was discharged on ${formatIsoDate(was.dischargedOn)} in the report this follows; a follow-up cannot change or undo that.`;
    }
    if (condition.dischargedOn && condition.dischargedOn > madeOn) {
      return `Condition ${i + 1} is recorded as discharged on ${formatIsoDate(condition.dischargedOn)}, after the follow-up was made.`;
    }
  }
  const resultBefore = before.outcome.appealResult;
  if (resultBefore && canonicalJson(resultBefore) !== canonicalJson(followUp.outcome.appealResult ?? null)) {
    return 'The report this follows already records the appeal’s result; a follow-up cannot change it.';
  }
  if (followUpChanges(before, followUp).length === 0) {
    return 'This follow-up records nothing new: no condition discharged and no appeal result since the report it follows.';
  }
  return null;
}

/** A report without what a follow-up may change: ids, dates, signer, discharges and the appeal's result. */
function unchangingPart(document: ModerationDocument): unknown {
  const { reportId: _id, createdAt: _at, signer: _signer, followsReport: _follows, outcome, ...rest } = document;
  const { appealResult: _result, conditions, ...outcomeRest } = outcome;
  return {
    ...rest,
    outcome: { ...outcomeRest, conditions: (conditions ?? []).map((c) => ({ text: c.text, dueOn: c.dueOn })) },
  };
}
