import { memo, useMemo, useRef } from 'react';
import { notApplicableProblem, type ApplicabilityProfile } from '../../../shared/framework/applicability';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { criteriaWorklist } from '../../../shared/framework/criteria-worklist';
import type { CriterionResponse, EvidenceLink } from '../../../shared/evaluation/evaluation-records';

/** What the list reads of each response: its judgement and its not-applicable claim. */
type ResponseMark = Pick<CriterionResponse, 'criterionId' | 'judgement' | 'notApplicable'>;
import { href } from '../../app/hash-route';
import { StrandCriteriaNav } from '../../ui/StrandCriteriaNav';

/**
 * Strands > standards > criteria the school works through, each marked judged, marked not
 * applicable by the school, or neither, and with evidence or not; the criteria that do not apply
 * to the school (its profile decides) sit apart with the reason and count nowhere.
 */
export const CriteriaNav = memo(function CriteriaNav({
  evaluationId,
  framework,
  profile,
  responses,
  links,
  currentCriterionId,
}: {
  evaluationId: string;
  framework: AppliedFramework;
  /** The school's profile; null: every criterion applies. */
  profile: ApplicabilityProfile | null;
  responses: readonly ResponseMark[];
  links: readonly EvidenceLink[];
  currentCriterionId?: string;
}) {
  // A save of a narrative reads the records (and the school with its evaluation) again without changing
  // the school's profile or any mark: the list is drawn again only when one of those changes.
  const sameProfile = useUnchanged(profile, JSON.stringify(profile));
  const strands = useMemo(() => criteriaWorklist(framework, sameProfile), [framework, sameProfile]);
  const computed = useMemo(() => criteriaMarks(framework, responses, links), [framework, responses, links]);
  const marks = useUnchanged(computed, computed.signature);
  return useMemo(() => {
    const { judged, claimed, evidenced } = marks;
    const answered = (id: string) => judged.has(id) || claimed.has(id);
    return (
      <StrandCriteriaNav
        strands={strands}
        currentCriterionId={currentCriterionId}
        strandCount={(ids) => `${ids.filter(answered).length} of ${ids.length} judged`}
        criterion={(id) => ({
          href: href.criterion(evaluationId, id),
          mark: claimed.has(id) ? '⊘' : judged.has(id) ? '●' : '○',
          markClassName: answered(id) ? 'mark mark--done' : 'mark',
          words: [
            claimed.has(id) ? 'not applicable, reason given' : judged.has(id) ? 'judged' : 'not judged',
            evidenced.has(id) ? 'with evidence' : 'no evidence',
          ].join(', '),
        })}
      />
    );
  }, [marks, strands, currentCriterionId, evaluationId]);
});

interface CriteriaMarks {
  judged: ReadonlySet<string>;
  claimed: ReadonlySet<string>;
  evidenced: ReadonlySet<string>;
  /** The three sets as one text, to tell whether anything changed. */
  signature: string;
}

function criteriaMarks(framework: AppliedFramework, responses: readonly ResponseMark[], links: readonly EvidenceLink[]): CriteriaMarks {
  const judged = new Set(responses.filter((r) => r.judgement !== null).map((r) => r.criterionId));
  // Only a claim the award rules accept (a reason, on a criterion that allows one) marks the criterion.
  const claimed = new Set(
    responses
      .filter((r) => {
        const criterion = framework.criterionById.get(r.criterionId);
        return r.notApplicable && criterion !== undefined && notApplicableProblem(criterion, r.notApplicable) === null;
      })
      .map((r) => r.criterionId),
  );
  const evidenced = new Set(links.map((l) => l.criterionId));
  const list = (set: ReadonlySet<string>) => [...set].sort().join(' ');
  return { judged, claimed, evidenced, signature: [list(judged), list(claimed), list(evidenced)].join('|') };
}

/** The value given last time when its signature is the same, so what is made from it is kept. */
function useUnchanged<T>(value: T, signature: string): T {
  const kept = useRef({ value, signature });
  if (kept.current.signature !== signature) kept.current = { value, signature };
  return kept.current.value;
}
