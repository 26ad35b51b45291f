import { useId, type ReactNode } from 'react';
import { MODERATOR_LINE, SENCO_STEPS } from '../../shared/help/getting-started';
import './help-guide.css';

/**
 * The getting-started guide: numbered steps for a school's SENCO and one line for a moderator.
 * The home screen shows it on first run with a button to hide it; the Help screen always shows it.
 */
export function GettingStartedGuide({
  headingLevel = 2,
  actions,
  testId = 'getting-started',
}: {
  headingLevel?: 2 | 3;
  /** Buttons under the guide (the home screen's "Hide this guide"). */
  actions?: ReactNode;
  testId?: string;
}) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={headingId} className="panel getting-started" data-testid={testId}>
      <Heading id={headingId}>Getting started</Heading>
      <p>If you are a school’s SENCO, these are the steps from setting up to receiving your moderator’s report.</p>
      <ol className="getting-started__steps">
        {SENCO_STEPS.map((step) => (
          <li key={step.title}>
            <strong>{step.title}.</strong> {step.detail}
          </li>
        ))}
      </ol>
      <p>{MODERATOR_LINE}</p>
      {actions ? <div className="getting-started__actions">{actions}</div> : null}
    </section>
  );
}
