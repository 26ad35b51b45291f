import { useMemo } from 'react';
import type { Criterion, GlossaryEntry } from '../../shared/framework/framework-types';
import { criterionGlossaryTerms } from '../../shared/framework/glossary-terms';

/**
 * The glossary terms a criterion uses, with their definitions, in a disclosure under its statement
 * (a native <details>: a keyboard opens it with Enter or Space, a screen reader hears it as a button
 * that expands). Nothing at all when the criterion uses none, or the framework has no glossary.
 */
export function GlossaryTermsUsed({
  criterion,
  glossary,
}: {
  criterion: Pick<Criterion, 'id' | 'title' | 'statement' | 'guidance' | 'suggestedEvidence' | 'descriptors'>;
  glossary: readonly GlossaryEntry[];
}) {
  const terms = useMemo(() => criterionGlossaryTerms(criterion, glossary), [criterion, glossary]);
  if (terms.length === 0) return null;
  return (
    <details className="terms-used" data-testid="terms-used">
      <summary>
        Terms used in {criterion.id} ({terms.length}): what they mean
      </summary>
      <GlossaryList entries={terms} />
    </details>
  );
}

/** Glossary entries as a description list: each term, then its definition. */
export function GlossaryList({ entries }: { entries: readonly GlossaryEntry[] }) {
  return (
    <dl className="glossary-list">
      {entries.map((entry, i) => (
        <div key={`${i}-${entry.term}`}>
          <dt>
            <dfn>{entry.term}</dfn>
            {entry.aliases && entry.aliases.length > 0 ? <span className="muted"> (also: {entry.aliases.join('; ')})</span> : null}
          </dt>
          <dd>{entry.definition}</dd>
        </div>
      ))}
    </dl>
  );
}
