import type { ReactNode } from 'react';
import type { PlacedCriterion } from '../../shared/framework/applied-framework';
import { setAsideHeading, type WorklistStrand } from '../../shared/framework/criteria-worklist';

/** How one criterion shows in the navigation: where it links, its mark, and the mark in words. */
export interface CriterionNavItem {
  href: string;
  mark: string;
  markClassName: string;
  /** Read by screen readers after the criterion's id and title, in place of the mark. */
  words: string;
}

/**
 * Strands > standards > criteria to work through, each strand a disclosure (open where the current
 * criterion is) with a count, and each criterion a link with its id, title and a mark. The
 * criteria that do not apply to the school sit apart, at the foot of their strand, in a closed
 * group with the framework's reason. What the marks and counts mean is the caller's.
 */
export function StrandCriteriaNav({
  strands,
  currentCriterionId,
  legend,
  strandCount,
  criterion,
}: {
  /** criteriaWorklist: the strands with the criteria that apply, and those set aside. */
  strands: readonly WorklistStrand[];
  currentCriterionId?: string;
  /** A key to the marks, shown above the strands (hidden from screen readers, which hear the words). */
  legend?: ReactNode;
  /** The count beside a strand's title, from the ids of its criteria that apply to the school. */
  strandCount: (applyingIds: readonly string[]) => string;
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
        {strands.map(({ strand, standards, applyingIds, doNotApply }) => {
          const setAsideIds = doNotApply.map((d) => d.criterion.id);
          const current = currentCriterionId ?? '';
          return (
            <li key={strand.id}>
              <details open={applyingIds.includes(current) || setAsideIds.includes(current)}>
                <summary>
                  <span className="criteria-nav__strand">
                    {strand.id} {strand.title}
                  </span>{' '}
                  <span className="criteria-nav__count">
                    {applyingIds.length === 0 ? 'does not apply to this school' : strandCount(applyingIds)}
                  </span>
                </summary>
                {standards.map((standard) => (
                  <div key={standard.id} className="criteria-nav__standard">
                    <p className="criteria-nav__standard-title">
                      {standard.id} {standard.title}
                    </p>
                    <ul>
                      {standard.criteria.map((c) => {
                        const item = criterion(c.id);
                        return (
                          <li key={c.id}>
                            <a href={item.href} aria-current={c.id === currentCriterionId ? 'page' : undefined} title={c.title}>
                              <span className={item.markClassName} aria-hidden="true">
                                {item.mark}
                              </span>
                              <CriterionName criterion={c} />
                              <span className="visually-hidden">: {item.words}</span>
                            </a>
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                ))}
                {doNotApply.length > 0 ? (
                  <details className="criteria-nav__set-aside" open={setAsideIds.includes(current)}>
                    <summary>{setAsideHeading(doNotApply.length)}</summary>
                    <ul>
                      {doNotApply.map(({ criterion: c, reason }) => (
                        <li key={c.id}>
                          <a href={criterion(c.id).href} aria-current={c.id === currentCriterionId ? 'page' : undefined} title={c.title}>
                            <CriterionName criterion={c} />
                            <span className="visually-hidden">: does not apply</span>
                          </a>
                          <span className="criteria-nav__reason">{reason}</span>
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </details>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The id, then the title: a long title is cut to two lines on screen, and read in full by screen readers. */
function CriterionName({ criterion }: { criterion: PlacedCriterion }) {
  return (
    <span className="criteria-nav__name">
      <span className="criteria-nav__id">{criterion.id}</span> <span className="criteria-nav__title">{criterion.title}</span>
    </span>
  );
}
