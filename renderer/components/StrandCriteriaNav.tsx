import type { ReactNode } from 'react';
import type { AppliedFramework } from '../../shared/framework/applied-framework';

/** How one criterion shows in the navigation: where it links, its mark, and the mark in words. */
export interface CriterionNavItem {
  href: string;
  mark: string;
  markClassName: string;
  /** Read by screen readers after the criterion id, in place of the mark. */
  words: string;
}

/**
 * Strands > standards > criteria, each strand a disclosure (open where the current criterion is)
 * with a count, and each criterion a link with a mark. What the marks and counts mean is the caller's.
 */
export function StrandCriteriaNav({
  framework,
  currentCriterionId,
  legend,
  strandCount,
  criterion,
}: {
  framework: AppliedFramework;
  currentCriterionId?: string;
  /** A key to the marks, shown above the strands (hidden from screen readers, which hear the words). */
  legend?: ReactNode;
  /** The count beside a strand's title, from the ids of its criteria. */
  strandCount: (criterionIds: readonly string[]) => string;
  criterion: (criterionId: string) => CriterionNavItem;
}) {
  return (
    <nav aria-label="Criteria" className="criteria-nav">
      {legend ? (
        <p className="hint moderation-legend" aria-hidden="true">
          {legend}
        </p>
      ) : null}
      <ul>
        {framework.strands.map((strand) => {
          const ids = strand.standards.flatMap((s) => s.criteria.map((c) => c.id));
          return (
            <li key={strand.id}>
              <details open={currentCriterionId ? ids.includes(currentCriterionId) : false}>
                <summary>
                  <span className="criteria-nav__strand">
                    {strand.id} {strand.title}
                  </span>{' '}
                  <span className="criteria-nav__count">{strandCount(ids)}</span>
                </summary>
                {strand.standards.map((standard) => (
                  <div key={standard.id} className="criteria-nav__standard">
                    <p className="criteria-nav__standard-title">
                      {standard.id} {standard.title}
                    </p>
                    <ul>
                      {standard.criteria.map((c) => {
                        const item = criterion(c.id);
                        return (
                          <li key={c.id}>
                            <a href={item.href} aria-current={c.id === currentCriterionId ? 'page' : undefined}>
                              <span className={item.markClassName} aria-hidden="true">
                                {item.mark}
                              </span>
                              {c.id}
                              <span className="visually-hidden">: {item.words}</span>
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
