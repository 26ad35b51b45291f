import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { CriterionModeration, ModerationDecision } from '../../shared/moderation/moderation-records';
import { href } from '../app/hash-route';
import { StrandCriteriaNav } from './StrandCriteriaNav';

const MARKS: Record<ModerationDecision, { mark: string; words: string; markClassName: string }> = {
  agree: { mark: '●', words: 'agreed', markClassName: 'mark mark--done' },
  moderated: { mark: '◆', words: 'moderated', markClassName: 'mark mark--moderated' },
  'more-evidence': { mark: '▲', words: 'more evidence needed', markClassName: 'mark mark--request' },
  'not-met': { mark: '◆', words: 'not met', markClassName: 'mark mark--moderated' },
  'not-applicable-disputed': { mark: '◆', words: '“not applicable” disputed', markClassName: 'mark mark--moderated' },
};
const NOT_REVIEWED = { mark: '○', words: 'not reviewed', markClassName: 'mark' };

/** Strands > standards > criteria for the moderator, each criterion marked with the decision made so far. */
export function ModerationCriteriaNav({
  workspaceId,
  submissionId,
  framework,
  moderations,
  currentCriterionId,
}: {
  workspaceId: string;
  submissionId: string;
  framework: AppliedFramework;
  moderations: readonly CriterionModeration[];
  currentCriterionId?: string;
}) {
  const decisions = new Map(moderations.map((m) => [m.criterionId, m.decision]));
  const decisionOf = (id: string) => decisions.get(id) ?? null;
  return (
    <StrandCriteriaNav
      framework={framework}
      currentCriterionId={currentCriterionId}
      legend="● agreed · ◆ moderated · ▲ more evidence · ○ not reviewed"
      strandCount={(ids) => `${ids.filter((id) => decisionOf(id) !== null).length} of ${ids.length} reviewed`}
      criterion={(id) => {
        const decision = decisionOf(id);
        return { href: href.moderationCriterion(workspaceId, submissionId, id), ...(decision ? MARKS[decision] : NOT_REVIEWED) };
      }}
    />
  );
}
