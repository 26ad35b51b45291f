import { isRealDate, type ActionItem } from '../actions/action-plan';
import type { CriterionResponse, EvidenceLink } from '../evaluation/evaluation-records';
import type { EvidenceItem } from '../evidence/evidence-records';
import type { AppliedFramework } from '../framework/applied-framework';
import type { SubmissionDeclaration } from './submission-format';

/**
 * What to tell the SENCO before export. Warnings point at gaps a moderator will notice; blockers
 * stop the export: personal data that nobody has confirmed is redacted, and a missing declaration.
 */
export interface PreflightReport {
  unjudged: string[];
  judgedWithoutEvidence: string[];
  actionsWithoutOwner: ActionItem[];
  /** Evidence that would go into the PDF, flagged as personal data, not confirmed redacted. */
  unredactedPersonalData: EvidenceItem[];
  declarationProblems: Partial<Record<keyof SubmissionDeclaration | 'confirmed', string>>;
  warningCount: number;
  blockerCount: number;
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
): PreflightReport {
  const judgementOf = new Map(responses.map((r) => [r.criterionId, r.judgement]));
  const onScale = (id: string) => framework.scale.points.some((p) => p.id === judgementOf.get(id));
  const inFramework = new Set(framework.criteria.map((c) => c.id));
  const relevantLinks = links.filter((l) => inFramework.has(l.criterionId));
  const evidenced = new Set(relevantLinks.map((l) => l.criterionId));
  const linkedEvidence = new Set(relevantLinks.map((l) => l.evidenceId));

  const unjudged = framework.criteria.filter((c) => !onScale(c.id)).map((c) => c.id);
  const judgedWithoutEvidence = framework.criteria.filter((c) => onScale(c.id) && !evidenced.has(c.id)).map((c) => c.id);
  const actionsWithoutOwner = actions.filter((a) => a.who.trim() === '');
  const unredactedPersonalData = evidence.filter((e) => linkedEvidence.has(e.id) && e.containsPersonalData && !e.redactionConfirmed);
  const declarationProblems = declarationProblemsOf(declaration);

  return {
    unjudged,
    judgedWithoutEvidence,
    actionsWithoutOwner,
    unredactedPersonalData,
    declarationProblems,
    warningCount: (unjudged.length > 0 ? 1 : 0) + (judgedWithoutEvidence.length > 0 ? 1 : 0) + (actionsWithoutOwner.length > 0 ? 1 : 0),
    blockerCount: (unredactedPersonalData.length > 0 ? 1 : 0) + (Object.keys(declarationProblems).length > 0 ? 1 : 0),
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
  if (draft.senco.trim() === '') problems.senco = 'Enter the SENCO’s name';
  if (!isRealDate(draft.date)) problems.date = 'Enter the date of the declaration as a real date, for example 24 November 2026';
  if (!draft.confirmed) problems.confirmed = 'Confirm that the self-evaluation is accurate';
  return problems;
}
