import type { ReactNode } from 'react';
import { ErrorSummary, FieldError } from './ErrorSummary';
import { StatusMessage } from './StatusMessage';
import type { ValidatedForm } from './use-validated-form';

type Messages = Pick<ValidatedForm<Record<string, unknown>, string>, 'summary' | 'saveError'>;

/** The top of a validated form: the error summary, then why the last save failed. */
export function FormProblems({ of, title }: { of: Messages; title?: string }) {
  return (
    <>
      <ErrorSummary problems={of.summary.problems} focusKey={of.summary.focusKey} title={title} />
      {of.saveError ? <StatusMessage kind="error">{of.saveError}</StatusMessage> : null}
    </>
  );
}

/** The foot of a validated form: a live region, always present, that announces what the last save did. */
export function SavedAnnouncement({ text }: { text: string | null }) {
  return (
    <div role="status" aria-live="polite" className="inline-status">
      {text ? <p>{text}</p> : null}
    </div>
  );
}

/**
 * Several controls under one legend (checkboxes, radio buttons, a picker), GOV.UK style: the
 * legend, an optional hint (`${id}-hint`), the error when there is one (`${id}-error`), then the
 * controls. `id` is the field's id; give it to the first control so the error summary can link there.
 */
export function FieldGroup({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field${error ? ' field--error' : ''}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {children}
    </fieldset>
  );
}
