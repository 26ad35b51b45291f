import type { ReactNode } from 'react';

export type StatusKind = 'success' | 'information' | 'warning' | 'error';

const CLASS_BY_KIND: Record<StatusKind, string> = {
  success: 'notice notice--success',
  information: 'notice',
  warning: 'notice notice--warning',
  error: 'notice notice--error',
};

/**
 * Success and information are announced politely (a status); a warning that asks for a decision
 * and an error interrupt (an alert).
 */
export function statusRoleOf(kind: StatusKind): 'status' | 'alert' {
  return kind === 'success' || kind === 'information' ? 'status' : 'alert';
}

/**
 * A message about what just happened: a success, information, a warning or an error, announced as
 * its kind says. Plain text alone is one paragraph; anything else (paragraphs, a heading, actions) is
 * a block that holds it. Screen readers announce it when it appears: render it when there is something to say.
 */
export function StatusMessage({
  kind,
  heading,
  headingLevel = 2,
  actions,
  className,
  id,
  testId,
  children,
}: {
  kind: StatusKind;
  heading?: ReactNode;
  headingLevel?: 2 | 3;
  /** Buttons or links under the message. */
  actions?: ReactNode;
  /** More classes beside the kind's own. */
  className?: string;
  id?: string;
  testId?: string;
  /** Plain text, or paragraphs and other blocks. */
  children?: ReactNode;
}) {
  const role = statusRoleOf(kind);
  const classes = className ? `${CLASS_BY_KIND[kind]} ${className}` : CLASS_BY_KIND[kind];
  const live = role === 'status' ? 'polite' : undefined;
  if (heading === undefined && actions === undefined && typeof children === 'string') {
    return (
      <p className={classes} role={role} aria-live={live} id={id} data-testid={testId}>
        {children}
      </p>
    );
  }
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={classes} role={role} aria-live={live} id={id} data-testid={testId}>
      {heading === undefined ? null : <Heading>{heading}</Heading>}
      {children}
      {actions === undefined ? null : <div className="button-row">{actions}</div>}
    </div>
  );
}
