import { Component, useState, type ErrorInfo, type ReactNode } from 'react';
import { href } from '../app/hash-route';
import { Layout } from './Layout';
import { PageHeading } from './PageHeading';

/** How much of an error's detail is offered for support: enough for a stack, never a whole record. */
const MAX_DETAIL_CHARACTERS = 8000;

interface Caught {
  error: unknown;
  componentStack: string;
}

interface BoundaryState {
  caught: Caught | null;
  /** The resetKey the error was caught under: a new one (another screen) clears the error. */
  caughtUnder: string | null;
}

/**
 * Keeps one screen's failure to that screen: if it throws while rendering, the app still shows its
 * header and navigation, says in plain words that the screen could not be shown and that nothing
 * saved was lost, and offers a way back. It touches no data. A new `resetKey` (the user went to
 * another screen) or "Try again" shows the screen afresh.
 */
export class ScreenErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { caught: null, caughtUnder: null };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { caught: { error, componentStack: '' } };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: BoundaryState): Partial<BoundaryState> | null {
    if (state.caught === null) return null;
    if (state.caughtUnder === null) return { caughtUnder: props.resetKey };
    return state.caughtUnder === props.resetKey ? null : { caught: null, caughtUnder: null };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    this.setState((state) => (state.caught ? { caught: { error, componentStack: info.componentStack ?? '' } } : null));
  }

  private readonly tryAgain = () => this.setState({ caught: null, caughtUnder: null });

  override render(): ReactNode {
    const { caught } = this.state;
    if (caught === null) return this.props.children;
    return <ScreenFailed detail={errorDetail(caught)} onTryAgain={this.tryAgain} />;
  }
}

/** What support needs to know: the error's name, message and where it happened, within a bound. */
export function errorDetail({ error, componentStack }: Caught): string {
  const described =
    error instanceof Error
      ? `${error.name}: ${error.message}\n${error.stack ?? ''}`
      : `Thrown value: ${typeof error === 'string' ? error : safeString(error)}`;
  const text = `${described}\n\nWhere in the app:${componentStack}`.trim();
  return text.length > MAX_DETAIL_CHARACTERS ? `${text.slice(0, MAX_DETAIL_CHARACTERS)}\n…` : text;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

function ScreenFailed({ detail, onTryAgain }: { detail: string; onTryAgain: () => void }) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(detail);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Layout>
      <PageHeading title="This screen could not be shown">This screen could not be shown</PageHeading>
      <p>
        Something went wrong in the app while showing this screen. Nothing you have saved has been lost: your schools, evaluations, evidence
        and submissions are still stored on this computer.
      </p>
      <p>
        Try again, or go back to your schools and carry on from there. If it happens again, copy the details below and send them to support.
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={onTryAgain}>
          Try again
        </button>
        <a className="button button--secondary" href={href.home()}>
          Go to your schools
        </a>
      </div>
      <details className="error-details">
        <summary>Details for support</summary>
        <pre tabIndex={0} aria-label="Details of the error">
          {detail}
        </pre>
        <button type="button" className="button button--secondary" onClick={() => void copy()}>
          Copy the details
        </button>
        <div role="status" className="inline-status">
          {copied === 'copied' ? <p>The details are copied. Paste them into your message to support.</p> : null}
          {copied === 'failed' ? <p>The details could not be copied. Select the text above and copy it instead.</p> : null}
        </div>
      </details>
    </Layout>
  );
}
