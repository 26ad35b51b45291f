import { useEffect, useId, useRef } from 'react';

export interface FieldProblem {
  /** The id of the control the problem is about. */
  fieldId: string;
  message: string;
}

/**
 * The GOV.UK error summary: a list at the top of the form that links to each field. It takes focus
 * when `focusKey` changes (a form counts its failed submits there), or, without one, when the
 * number of problems changes.
 */
export function ErrorSummary({
  problems,
  title = 'There is a problem',
  focusKey,
}: {
  problems: readonly FieldProblem[];
  title?: string;
  focusKey?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const count = problems.length;
  const trigger = focusKey ?? count;
  useEffect(() => {
    // Nothing is rendered (and the ref is empty) when there are no problems.
    ref.current?.focus();
  }, [trigger]);
  if (count === 0) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId}>{title}</h2>
      <ul>
        {problems.map((p) => (
          <li key={p.fieldId}>
            <a
              href={`#${p.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(p.fieldId)?.focus();
              }}
            >
              {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}
