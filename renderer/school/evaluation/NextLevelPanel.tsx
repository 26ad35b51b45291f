import type { NextThreshold } from '../../../shared/awards/next-threshold';
import { overviewSearchString } from '../../../shared/evaluation/criteria-overview';
import { criteriaOverviewHref, href } from '../../app/hash-route';

/** How many candidates each rule lists on the dashboard; the criteria overview shows them all. */
const SHOWN = 5;

/** The dashboard's "next level" panel: for each rule the school does not meet yet, how many more criteria and which are closest. */
export function NextLevelPanel({ evaluationId, next }: { evaluationId: string; next: NextThreshold | null }) {
  if (!next) return null;
  return (
    <section aria-labelledby="next-level-heading" className="panel next-level" data-testid="next-level">
      <h2 id="next-level-heading">What would reach {next.level.label} soonest</h2>
      <p>The criteria closest to each rule come first: those one point short, then those with evidence, then in framework order.</p>
      <ul className="next-level__steps">
        {next.steps.map((step, i) => (
          <li key={i}>
            <p className="next-level__sentence">{step.sentence}</p>
            <ul className="next-level__candidates" aria-label={`Criteria for: ${step.sentence}`}>
              {step.candidates.slice(0, SHOWN).map((c) => (
                <li key={c.criterionId}>
                  <a href={href.criterion(evaluationId, c.criterionId)}>
                    {c.criterionId} {c.title}
                  </a>{' '}
                  <span className="next-level__now">
                    ({c.now === null ? 'not judged yet' : `now ${c.now}`}
                    {c.needsEvidenceOnly ? '; it needs evidence linked' : ''})
                  </span>
                </li>
              ))}
            </ul>
            {step.candidates.length > SHOWN ? (
              <p>
                And {step.candidates.length - SHOWN} more:{' '}
                <a href={criteriaOverviewHref(evaluationId, overviewSearchString({ ids: step.candidates.map((c) => c.criterionId) }))}>
                  show all {step.candidates.length} in the criteria overview
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
