import { useEffect, useId, useRef } from 'react';

export interface FieldProblem {
  /** The id of the control the problem is about. */
  fieldId: string;
  message: string;
}

/** The GOV.UK error summary: a list at the top of the form that links to each field. */
export function ErrorSummary({ problems, title = 'There is a problem' }: { problems: readonly FieldProblem[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const count = problems.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [count]);
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
