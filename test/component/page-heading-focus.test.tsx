import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageHeading } from '../../renderer/ui/PageHeading';

/**
 * After in-app navigation the new screen's heading takes focus, once: a screen reader user hears
 * where they have arrived, and a heading that re-renders afterwards never pulls focus back from
 * where the user has moved it. (Module state carries from one test to the next, as in the app.)
 */
function Screen({ title, heading = 'Submissions to moderate' }: { title: string; heading?: string }) {
  return (
    <main>
      <PageHeading title={title}>{heading}</PageHeading>
      <button type="button">Import submissions</button>
    </main>
  );
}

const navigate = () => act(() => void window.dispatchEvent(new HashChangeEvent('hashchange')));
const headingNamed = (name: string) => screen.getByRole('heading', { level: 1, name });

describe('the page heading and keyboard focus', () => {
  it('leaves focus alone on a fresh load, so the first Tab still reaches the skip link', () => {
    render(<Screen title="Your schools" heading="Your schools" />);
    expect(document.activeElement).toBe(document.body);
    expect(document.title).toBe('Your schools – SEN Accreditation');
  });

  it('takes focus after navigation, and does not take it back when the screen re-renders', () => {
    navigate();
    const { rerender } = render(<Screen title="Submissions – Kim" />);
    expect(document.activeElement).toBe(headingNamed('Submissions to moderate'));

    // The user tabs on; the screen's data then changes its title.
    screen.getByRole('button', { name: 'Import submissions' }).focus();
    rerender(<Screen title="Submissions – Kim Keys" />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import submissions' }));
    expect(document.title).toBe('Submissions – Kim Keys – SEN Accreditation');
  });

  it('gives focus to a heading that replaces one focus was lost with (a loading screen’s)', () => {
    navigate();
    const { rerender } = render(<PageHeading title="Loading">Loading…</PageHeading>);
    expect(document.activeElement).toBe(headingNamed('Loading…'));
    // The loading heading goes, and focus with it; the loaded screen's heading takes it.
    rerender(<Screen title="Submissions – Kim" />);
    expect(document.activeElement).toBe(headingNamed('Submissions to moderate'));
  });

  it('moves focus again on the next navigation, even when the same heading stays mounted', () => {
    navigate();
    const { rerender } = render(<Screen title="Criterion 1.1" heading="1.1 Identifying needs early" />);
    screen.getByRole('button', { name: 'Import submissions' }).focus();
    navigate();
    rerender(<Screen title="Criterion 1.2" heading="1.2 Hearing the child's views" />);
    expect(document.activeElement).toBe(headingNamed("1.2 Hearing the child's views"));
  });
});
