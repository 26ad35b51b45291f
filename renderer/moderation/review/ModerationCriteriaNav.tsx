import { useMemo } from 'react';
import type { ApplicabilityProfile } from '../../../shared/framework/applicability';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { criteriaWorklist } from '../../../shared/framework/criteria-worklist';
import type { CriterionModeration, ModerationDecision } from '../../../shared/moderation/moderation-records';
import { href } from '../../app/hash-route';
import { StrandCriteriaNav } from '../../ui/StrandCriteriaNav';

const MARKS: Record<ModerationDecision, { mark: string; words: string; markClassName: string }> = {
  agree: { mark: '●', words: 'agreed', markClassName: 'mark mark--done' },
  moderated: { mark: '◆', words: 'moderated', markClassName: 'mark mark--moderated' },
  'more-evidence': { mark: '▲', words: 'more evidence needed', markClassName: 'mark mark--request' },
  'not-met': { mark: '◆', words: 'not met', markClassName: 'mark mark--moderated' },
  'not-applicable-disputed': { mark: '◆', words: '“not applicable” disputed', markClassName: 'mark mark--moderated' },
};
const NOT_REVIEWED = { mark: '○', words: 'not reviewed', markClassName: 'mark' };

/**
 * Strands > standards > criteria for the moderator, each criterion marked with the decision made so
 * far, and a criterion the school claims does not apply marked so; criteria that do not apply to
 * the school (by the profile in its submission) sit apart with the reason and are not counted.
 */
export function ModerationCriteriaNav({
  workspaceId,
  submissionId,
  framework,
  profile,
  claimedNotApplicable,
  moderations,
  currentCriterionId,
}: {
  workspaceId: string;
  submissionId: string;
  framework: AppliedFramework;
  /** The school's profile from its submission; null (a submission made before profiles): every criterion applies. */
  profile: ApplicabilityProfile | null;
  /** Ids of the criteria the school claims do not apply to it. */
  claimedNotApplicable: ReadonlySet<string>;
  moderations: readonly CriterionModeration[];
  currentCriterionId?: string;
}) {
  const decisions = new Map(moderations.map((m) => [m.criterionId, m.decision]));
  const decisionOf = (id: string) => decisions.get(id) ?? null;
  const strands = useMemo(() => criteriaWorklist(framework, profile), [framework, profile]);
  return (
    <StrandCriteriaNav
      strands={strands}
      currentCriterionId={currentCriterionId}
      legend="● agreed · ◆ moderated · ▲ more evidence · ○ not reviewed"
      strandCount={(ids) => `${ids.filter((id) => decisionOf(id) !== null).length} of ${ids.length} reviewed`}
      criterion={(id) => {
        const decision = decisionOf(id);
        const marked = decision ? MARKS[decision] : NOT_REVIEWED;
        const claim = claimedNotApplicable.has(id) ? ', the school says not applicable, reason given' : '';
        return { href: href.moderationCriterion(workspaceId, submissionId, id), ...marked, words: `${marked.words}${claim}` };
      }}
    />
  );
}
