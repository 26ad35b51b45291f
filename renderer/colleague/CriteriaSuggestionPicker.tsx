import { useId, useRef, useState } from 'react';
import { matchingCriteria } from '../../shared/evidence/evidence-pack-builder';
import type { AppliedFramework } from '../../shared/framework/applied-framework';
import { criterionOptionLabel } from '../ui/CriterionOptions';

/** The criteria a colleague suggests for a file: found by typing words or an id, each one added or taken off with a button. */
export function CriteriaSuggestionPicker({
  framework,
  chosen,
  fileTitle,
  onChange,
}: {
  framework: AppliedFramework;
  chosen: readonly string[];
  fileTitle: string;
  onChange: (criteria: string[]) => void;
}) {
  const ids = useId();
  const [query, setQuery] = useState('');
  /** What the last button did, said in the status line. */
  const [done, setDone] = useState('');
  const search = useRef<HTMLInputElement>(null);
  /** The button pressed goes away with the change, so the focus goes back to the search, ready for the next. */
  const change = (criteria: string[], said: string) => {
    onChange(criteria);
    setQuery('');
    setDone(said);
    search.current?.focus();
  };
  const found = matchingCriteria(
    framework.criteria.filter((c) => !chosen.includes(c.id)),
    query,
  );
  return (
    <fieldset className="criteria-picker">
      <legend>Criteria you suggest for “{fileTitle}”</legend>
      {chosen.length === 0 ? (
        <p>None yet.</p>
      ) : (
        <ul aria-label={`Suggested criteria for “${fileTitle}”`}>
          {chosen.map((id) => {
            const criterion = framework.criterionById.get(id);
            return (
              <li key={id}>
                {criterion ? criterionOptionLabel(criterion) : id}{' '}
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() =>
                    change(
                      chosen.filter((c) => c !== id),
                      `Took ${id} off.`,
                    )
                  }
                >
                  Take off <span className="visually-hidden">{id}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${ids}-search`}>Find a criterion to suggest</label>
        <p className="hint" id={`${ids}-hint`}>
          Type words from it, or its id, for example “reading” or “{framework.criteria[0]?.id ?? ''}”.
        </p>
        <input
          ref={search}
          id={`${ids}-search`}
          type="search"
          aria-describedby={`${ids}-hint`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setDone('');
          }}
        />
      </div>
      <p role="status" className="inline-status">
        {query.trim() === ''
          ? done
          : found.length === 0
            ? 'No criterion matches those words.'
            : `${found.length === 1 ? '1 criterion matches' : `${found.length} criteria match`}.`}
      </p>
      {found.length > 0 ? (
        <ul aria-label="Matching criteria">
          {found.map((criterion) => (
            <li key={criterion.id}>
              {criterionOptionLabel(criterion)}{' '}
              <button
                type="button"
                className="button button--secondary"
                onClick={() => change([...chosen, criterion.id], `Suggested ${criterion.id}.`)}
              >
                Suggest <span className="visually-hidden">{criterion.id}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
