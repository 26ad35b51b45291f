import { href } from './hash-route';
import { Layout } from '../ui/Layout';
import { PageHeading } from '../ui/PageHeading';

/** How much of an unknown address the screen repeats back. */
const SHOWN_PATH_CHARACTERS = 120;

/** The address as the user may be shown it: no control characters, and cut short when long. */
export function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const printable = path.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  // Whole code points, so a cut never splits a surrogate pair.
  const head = Array.from(printable.slice(0, SHOWN_PATH_CHARACTERS * 2))
    .slice(0, SHOWN_PATH_CHARACTERS)
    .join('');
  return head.length < printable.length ? `${head}…` : printable;
}

export function NotFoundScreen({ path }: { path: string }) {
  return (
    <Layout>
      <PageHeading title="Page not found">Page not found</PageHeading>
      <p>There is nothing at “{shownPath(path)}”. The link may be mistyped or out of date, or what it pointed to may have been deleted.</p>
      <p>
        <a href={href.home()}>Go to your schools</a>
      </p>
    </Layout>
  );
}

/** Shown while an evaluation or school loads, or when it no longer exists. */
export function LoadingOrMissing({ state, what }: { state: 'loading' | 'missing' | 'no-framework'; what: string }) {
  if (state === 'loading') {
    return (
      <Layout>
        <p role="status">Loading…</p>
      </Layout>
    );
  }
  const heading = state === 'missing' ? `This ${what} was not found` : 'The framework for this evaluation is not installed';
  return (
    <Layout>
      <PageHeading title={heading}>{heading}</PageHeading>
      {state === 'missing' ? (
        <p>It may have been deleted, or the link is out of date.</p>
      ) : (
        <p>
          This evaluation was made against a framework version that is no longer installed. Import that framework file in Settings to open
          it.
        </p>
      )}
      <p>
        <a href={href.home()}>Go to your schools</a>
      </p>
    </Layout>
  );
}
