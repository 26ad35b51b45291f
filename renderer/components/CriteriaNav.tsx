import type { AppliedFramework } from '../../shared/framework/applied-framework';
import type { CriterionResponse, EvidenceLink } from '../../shared/evaluation/evaluation-records';
import { href } from '../app/hash-route';

/** Strands > standards > criteria, each criterion marked judged and with evidence. */
export function CriteriaNav({
  evaluationId,
  framework,
  responses,
  links,
  currentCriterionId,
}: {
  evaluationId: string;
  framework: AppliedFramework;
  responses: readonly CriterionResponse[];
  links: readonly EvidenceLink[];
  currentCriterionId?: string;
}) {
  const judged = new Set(responses.filter((r) => r.judgement !== null).map((r) => r.criterionId));
  const evidenced = new Set(links.map((l) => l.criterionId));
  return (
    <nav aria-label="Criteria" className="criteria-nav">
      <ul>
        {framework.strands.map((strand) => {
          const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id));
          const open = currentCriterionId ? ids.includes(currentCriterionId) : false;
          return (
            <li key={strand.id}>
              <details open={open}>
                <summary>
                  <span className="criteria-nav__strand">
                    {strand.id} {strand.title}
                  </span>{' '}
                  <span className="criteria-nav__count">
                    {ids.filter((id) => judged.has(id)).length} of {ids.length} judged
                  </span>
                </summary>
                {strand.standards.map((standard) => (
                  <div key={standard.id} className="criteria-nav__standard">
                    <p className="criteria-nav__standard-title">
                      {standard.id} {standard.title}
                    </p>
                    <ul>
                      {standard.criteria.map((c) => {
                        const state = [
                          judged.has(c.id) ? 'judged' : 'not judged',
                          evidenced.has(c.id) ? 'with evidence' : 'no evidence',
                        ].join(', ');
                        return (
                          <li key={c.id}>
                            <a href={href.criterion(evaluationId, c.id)} aria-current={c.id === currentCriterionId ? 'page' : undefined}>
                              <span className={`mark ${judged.has(c.id) ? 'mark--done' : ''}`} aria-hidden="true">
                                {judged.has(c.id) ? '●' : '○'}
                              </span>
                              {c.id}
                              <span className="visually-hidden">: {state}</span>
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
