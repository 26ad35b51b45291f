import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { CriterionModeration, ModerationDecision } from '../../shared/moderation/moderation-records';
import { href } from '../app/hash-route';

const MARKS: Record<ModerationDecision, { mark: string; words: string; className: string }> = {
  agree: { mark: '●', words: 'agreed', className: 'mark mark--done' },
  moderated: { mark: '◆', words: 'moderated', className: 'mark mark--moderated' },
  'more-evidence': { mark: '▲', words: 'more evidence needed', className: 'mark mark--request' },
};

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
  return (
    <nav aria-label="Criteria" className="criteria-nav">
      <p className="hint moderation-legend" aria-hidden="true">
        ● agreed · ◆ moderated · ▲ more evidence · ○ not reviewed
      </p>
      <ul>
        {framework.strands.map((strand) => {
          const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id));
          const reviewed = ids.filter((id) => (decisions.get(id) ?? null) !== null).length;
          return (
            <li key={strand.id}>
              <details open={currentCriterionId ? ids.includes(currentCriterionId) : false}>
                <summary>
                  <span className="criteria-nav__strand">
                    {strand.id} {strand.title}
                  </span>{' '}
                  <span className="criteria-nav__count">
                    {reviewed} of {ids.length} reviewed
                  </span>
                </summary>
                {strand.standards.map((standard) => (
                  <div key={standard.id} className="criteria-nav__standard">
                    <p className="criteria-nav__standard-title">
                      {standard.id} {standard.title}
                    </p>
                    <ul>
                      {standard.criteria.map((c) => {
                        const decision = decisions.get(c.id) ?? null;
                        const mark = decision ? MARKS[decision] : { mark: '○', words: 'not reviewed', className: 'mark' };
                        return (
                          <li key={c.id}>
                            <a
                              href={href.moderationCriterion(workspaceId, submissionId, c.id)}
                              aria-current={c.id === currentCriterionId ? 'page' : undefined}
                            >
                              <span className={mark.className} aria-hidden="true">
                                {mark.mark}
                              </span>
                              {c.id}
                              <span className="visually-hidden">: {mark.words}</span>
                            </a>
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                ))}
              </details>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
