import { useMemo } from 'react';
import { nextThreshold } from '../../../shared/awards/next-threshold';
import { standingsFromRecords } from '../../../shared/evaluation/criterion-standings';
import type { CriterionResponse, EvidenceLink } from '../../../shared/evaluation/evaluation-records';
import type { ApplicabilityProfile } from '../../../shared/framework/applicability';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { href } from '../../app/hash-route';

/** The dashboard's "next level" panel: for each rule the school does not meet yet, how many more criteria and which are closest. */
export function NextLevelPanel({
  evaluationId,
  framework,
  records,
  profile,
}: {
  evaluationId: string;
  framework: AppliedFramework;
  records: { responses: readonly CriterionResponse[]; links: readonly EvidenceLink[] } | undefined;
  profile: ApplicabilityProfile | null;
}) {
  const next = useMemo(
    () => (records ? nextThreshold(framework, standingsFromRecords(framework, records.responses, records.links), { profile }) : null),
    [framework, records, profile],
  );
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
              {step.candidates.map((c) => (
                <li key={c.criterionId}>
                  <a href={href.criterion(evaluationId, c.criterionId)}>
                    {c.criterionId} {c.title}
                  </a>{' '}
                  <span className="next-level__now">
                    (now {c.now}
                    {c.needsEvidenceOnly ? '; it needs evidence linked' : ''})
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
