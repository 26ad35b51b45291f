import type { SubmissionDocument, SubmissionEvidence } from '../submission/submission-format';

/** What changed for one criterion between two versions of a school's submission. */
export interface CriterionChange {
  criterionId: string;
  judgement: { from: string | null; to: string | null } | null;
  narrativeChanged: boolean;
  /**
   * The school's claim that the criterion does not apply was made, withdrawn or given another
   * reason. Always set by `diffSubmissions`; optional so changes built elsewhere still type-check.
   */
  notApplicableChanged?: boolean;
  nextStepsChanged: boolean;
  evidenceAdded: string[];
  evidenceRemoved: string[];
}

/**
 * Compares two versions criterion by criterion. Evidence is the same item when its file has the
 * same SHA-256, or (for evidence without a file) the same title and place held: ids are the
 * school's own and stay stable, but a re-added file gets a new id and is still the same evidence.
 */
export function diffSubmissions(previous: SubmissionDocument, next: SubmissionDocument): CriterionChange[] {
  const before = new Map(previous.responses.map((r) => [r.criterionId, r]));
  const evidenceBefore = new Map(previous.evidence.map((e) => [e.id, e]));
  const evidenceAfter = new Map(next.evidence.map((e) => [e.id, e]));
  const changes: CriterionChange[] = [];
  for (const response of next.responses) {
    const old = before.get(response.criterionId);
    const oldEvidence = describeAll(old?.evidenceIds ?? [], evidenceBefore);
    const newEvidence = describeAll(response.evidenceIds, evidenceAfter);
    const change: CriterionChange = {
      criterionId: response.criterionId,
      judgement: (old?.judgement ?? null) === response.judgement ? null : { from: old?.judgement ?? null, to: response.judgement },
      narrativeChanged: (old?.narrative ?? '') !== response.narrative,
      notApplicableChanged: notApplicableReason(old) !== notApplicableReason(response),
      nextStepsChanged: (old?.nextSteps ?? '') !== response.nextSteps,
      evidenceAdded: [...newEvidence].filter(([identity]) => !oldEvidence.has(identity)).map(([, title]) => title),
      evidenceRemoved: [...oldEvidence].filter(([identity]) => !newEvidence.has(identity)).map(([, title]) => title),
    };
    if (hasChanged(change)) changes.push(change);
  }
  return changes;
}

export function hasChanged(change: CriterionChange): boolean {
  return (
    change.judgement !== null ||
    change.narrativeChanged ||
    change.notApplicableChanged === true ||
    change.nextStepsChanged ||
    change.evidenceAdded.length > 0 ||
    change.evidenceRemoved.length > 0
  );
}

function describeAll(ids: readonly string[], byId: ReadonlyMap<string, SubmissionEvidence>): Map<string, string> {
  const out = new Map<string, string>();
  for (const id of ids) {
    const evidence = byId.get(id);
    if (evidence) out.set(identityOf(evidence), evidence.title);
  }
  return out;
}

function identityOf(evidence: SubmissionEvidence): string {
  return evidence.file
    ? `file:${evidence.file.sha256}`
    : `held:${evidence.title.trim().toLowerCase()}|${evidence.heldAt.trim().toLowerCase()}`;
}

/**
 * The reason of a response's claim that its criterion does not apply, or null when there is none.
 * Submissions made before schools could claim this have no such field.
 */
export function notApplicableReason(response: object | undefined): string | null {
  if (!response || !('notApplicable' in response)) return null;
  const claim: unknown = response.notApplicable;
  if (typeof claim !== 'object' || claim === null) return null;
  return 'reason' in claim && typeof claim.reason === 'string' ? claim.reason.trim() : '';
}
