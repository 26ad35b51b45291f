import { isRealDate, type ActionItem } from '../actions/action-plan';
import type { CriterionResponse, EvidenceLink } from '../evaluation/evaluation-records';
import type { EvidenceItem } from '../evidence/evidence-records';
import { LONG_TEXT_MAX_CHARS, NAME_MAX_CHARS, SHORT_TEXT_MAX_CHARS, tooLongMessage } from '../formats/field-limits';
import { criterionApplies, notApplicableProblem, type ApplicabilityProfile } from '../framework/applicability';
import type { AppliedFramework } from '../framework/applied-framework';
import { approvalProblem as approvalProblemOf, type ApprovalState } from './approval';
import type { SubmissionDeclaration } from './submission-format';

/**
 * What to tell the SENCO before export. Warnings point at gaps a moderator will notice; blockers
 * stop the export: personal data that nobody has confirmed is redacted, a missing declaration, and
 * an approval that is missing or out of date (when the caller gives the approval's state).
 */
export interface PreflightReport {
  unjudged: string[];
  judgedWithoutEvidence: string[];
  actionsWithoutOwner: ActionItem[];
  /** Evidence that would go into the PDF, flagged as personal data, not confirmed redacted. */
  unredactedPersonalData: EvidenceItem[];
  declarationProblems: Partial<Record<keyof SubmissionDeclaration | 'confirmed', string>>;
  /** Texts longer than a submission can hold, each with where it is and what to do. */
  textsTooLong: TextTooLong[];
  /** Why the approval does not allow export yet (approval.ts), or null: current, or not asked about. */
  approvalProblem: string | null;
  warningCount: number;
  blockerCount: number;
}

export interface TextTooLong {
  /** Where the text is: a criterion, an evidence item or an action. */
  place: { kind: 'criterion'; criterionId: string } | { kind: 'evidence'; evidenceId: string } | { kind: 'action'; actionId: string };
  message: string;
}

export interface DeclarationDraft extends Omit<SubmissionDeclaration, 'statement'> {
  confirmed: boolean;
}

export function preflight(
  framework: AppliedFramework,
  responses: readonly CriterionResponse[],
  links: readonly EvidenceLink[],
  evidence: readonly EvidenceItem[],
  actions: readonly ActionItem[],
  declaration: DeclarationDraft | null,
  /** The school's profile: criteria that do not apply to it are never warned about. Null: every criterion applies. */
  profile: ApplicabilityProfile | null = null,
  /** The approval's state now; undefined: not checked here. */
  approval?: ApprovalState,
): PreflightReport {
  const judgementOf = new Map(responses.map((r) => [r.criterionId, r.judgement]));
  const claimOf = new Map(responses.map((r) => [r.criterionId, r.notApplicable ?? null]));
  const applying = framework.criteria.filter((c) => !profile || criterionApplies(c, profile).applies);
  /** A claim the export carries: allowed on the criterion, with a reason. */
  const claimed = (c: (typeof applying)[number]) => {
    const claim = claimOf.get(c.id);
    return !!claim && notApplicableProblem(c, claim) === null;
  };
  const onScale = (id: string) => framework.scale.points.some((p) => p.id === judgementOf.get(id));
  const inFramework = new Set(framework.criteria.map((c) => c.id));
  const relevantLinks = links.filter((l) => inFramework.has(l.criterionId));
  const evidenced = new Set(relevantLinks.map((l) => l.criterionId));
  const linkedEvidence = new Set(relevantLinks.map((l) => l.evidenceId));

  const unjudged = applying.filter((c) => !onScale(c.id) && !claimed(c)).map((c) => c.id);
  const judgedWithoutEvidence = applying.filter((c) => onScale(c.id) && !claimed(c) && !evidenced.has(c.id)).map((c) => c.id);
  const actionsWithoutOwner = actions.filter((a) => a.who.trim() === '');
  const unredactedPersonalData = evidence.filter((e) => linkedEvidence.has(e.id) && e.containsPersonalData && !e.redactionConfirmed);
  const declarationProblems = declarationProblemsOf(declaration);
  const textsTooLong = textsTooLongOf(
    responses.filter((r) => inFramework.has(r.criterionId)),
    evidence.filter((e) => linkedEvidence.has(e.id)),
    actions,
  );
  const approvalProblem = approval ? approvalProblemOf(approval) : null;

  return {
    unjudged,
    judgedWithoutEvidence,
    actionsWithoutOwner,
    unredactedPersonalData,
    declarationProblems,
    textsTooLong,
    approvalProblem,
    warningCount: (unjudged.length > 0 ? 1 : 0) + (judgedWithoutEvidence.length > 0 ? 1 : 0) + (actionsWithoutOwner.length > 0 ? 1 : 0),
    blockerCount:
      (unredactedPersonalData.length > 0 ? 1 : 0) +
      (Object.keys(declarationProblems).length > 0 ? 1 : 0) +
      (textsTooLong.length > 0 ? 1 : 0) +
      (approvalProblem ? 1 : 0),
  };
}

export function declarationProblemsOf(draft: DeclarationDraft | null): PreflightReport['declarationProblems'] {
  if (!draft)
    return {
      headTeacher: 'Enter the head teacher’s name',
      senco: 'Enter the SENCO’s name',
      date: 'Enter the date of the declaration',
      confirmed: 'Confirm the declaration',
    };
  const problems: PreflightReport['declarationProblems'] = {};
  if (draft.headTeacher.trim() === '') problems.headTeacher = 'Enter the head teacher’s name';
  else tooLong(problems, 'headTeacher', 'The head teacher’s name', draft.headTeacher);
  if (draft.senco.trim() === '') problems.senco = 'Enter the SENCO’s name';
  else tooLong(problems, 'senco', 'The SENCO’s name', draft.senco);
  tooLong(problems, 'chairOfGovernors', 'The chair of governors’ name', draft.chairOfGovernors);
  if (!isRealDate(draft.date)) problems.date = 'Enter the date of the declaration as a real date, for example 24 November 2026';
  if (!draft.confirmed) problems.confirmed = 'Confirm that the self-evaluation is accurate';
  return problems;
}

function tooLong(
  problems: PreflightReport['declarationProblems'],
  field: 'headTeacher' | 'senco' | 'chairOfGovernors',
  what: string,
  text: string,
) {
  const message = tooLongMessage(what, text, NAME_MAX_CHARS);
  if (message) problems[field] = message;
}

/** Every text that would go into the submission and is longer than its schema allows. */
export function textsTooLongOf(
  responses: readonly Pick<CriterionResponse, 'criterionId' | 'narrative' | 'nextSteps' | 'notApplicable'>[],
  evidence: readonly Pick<EvidenceItem, 'id' | 'title' | 'description' | 'heldAt'>[],
  actions: readonly Pick<ActionItem, 'id' | 'what' | 'who' | 'successCriteria'>[],
): TextTooLong[] {
  const out: TextTooLong[] = [];
  const check = (place: TextTooLong['place'], what: string, text: string, max: number) => {
    const message = tooLongMessage(what, text, max);
    if (message) out.push({ place, message });
  };
  for (const r of responses) {
    const place = { kind: 'criterion', criterionId: r.criterionId } as const;
    check(place, `The narrative of ${r.criterionId}`, r.narrative, LONG_TEXT_MAX_CHARS);
    check(place, `The next steps of ${r.criterionId}`, r.nextSteps, LONG_TEXT_MAX_CHARS);
    if (r.notApplicable) check(place, `The reason ${r.criterionId} does not apply`, r.notApplicable.reason, SHORT_TEXT_MAX_CHARS);
  }
  for (const e of evidence) {
    const place = { kind: 'evidence', evidenceId: e.id } as const;
    check(place, 'The title of an evidence item', e.title, SHORT_TEXT_MAX_CHARS);
    check(place, `The description of “${e.title.slice(0, 80)}”`, e.description, LONG_TEXT_MAX_CHARS);
    check(place, `Where “${e.title.slice(0, 80)}” is held`, e.heldAt, SHORT_TEXT_MAX_CHARS);
  }
  for (const a of actions) {
    const place = { kind: 'action', actionId: a.id } as const;
    check(place, 'What an action will do', a.what, SHORT_TEXT_MAX_CHARS);
    check(place, `Who does the action “${a.what.slice(0, 80)}”`, a.who, SHORT_TEXT_MAX_CHARS);
    check(place, `The success criteria of the action “${a.what.slice(0, 80)}”`, a.successCriteria, LONG_TEXT_MAX_CHARS);
  }
  return out;
}
