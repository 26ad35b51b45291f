import { useState } from 'react';
import type { ComponentType } from 'react';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RouteScreen } from '../../renderer/app/RouteScreen';
import { createRouter, route } from '../../renderer/app/router';
import { PageHeading } from '../../renderer/ui/PageHeading';

/** A screen whose code arrives only when the test says so, as a lazily loaded chunk does. */
function deferredScreen() {
  let arrive: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  function BookScreen({ bookId }: { bookId: string }) {
    return (
      <main>
        <PageHeading title={`Book ${bookId} in detail`}>Book {bookId}</PageHeading>
      </main>
    );
  }
  return { arrive, load: async () => (await arrived, BookScreen) };
}

function NotFound({ path }: { path: string }) {
  return <PageHeading title="Page not found">Nothing at {path}</PageHeading>;
}

function routerWith(load: () => Promise<ComponentType<{ bookId: string }>>) {
  return createRouter(
    {
      shelf: route('/', 'The shelf', async () => () => <PageHeading title="The shelf">The shelf</PageHeading>),
      book: route('/books/:bookId', 'A book', load),
    },
    { title: 'Page not found', render: (params, key) => <NotFound key={key} {...params} /> },
  );
}

describe('the screen for a route', () => {
  it('shows an accessible loading state and the table’s title while the screen loads, then the screen with its parameters', async () => {
    const { arrive, load } = deferredScreen();
    const router = routerWith(load);
    render(<RouteScreen router={router} route={router.parseRoute('#/books/b%201')} />);

    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(document.title).toBe('A book – SEN Accreditation');

    await act(async () => arrive());
    expect(await screen.findByRole('heading', { level: 1, name: 'Book b 1' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    // The heading, having the data, names the page more exactly than the table can.
    expect(document.title).toBe('Book b 1 in detail – SEN Accreditation');
  });

  it('gives the loaded screen’s heading focus after a navigation', async () => {
    const { arrive, load } = deferredScreen();
    const router = routerWith(load);
    const { rerender } = render(<RouteScreen router={router} route={router.parseRoute('#/')} />);
    await screen.findByRole('heading', { level: 1, name: 'The shelf' });

    act(() => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    rerender(<RouteScreen router={router} route={router.parseRoute('#/books/b2')} />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await act(async () => arrive());
    const heading = await screen.findByRole('heading', { level: 1, name: 'Book b2' });
    expect(document.activeElement).toBe(heading);
  });

  it('shows the not-found screen, with its title, for an address no entry matches', async () => {
    const router = routerWith(deferredScreen().load);
    render(<RouteScreen router={router} route={router.parseRoute('#/books/b1/pages')} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Nothing at /books/b1/pages' })).toBeTruthy();
    expect(document.title).toBe('Page not found – SEN Accreditation');
  });
});

describe('a screen that follows a parameter itself', () => {
  it('stays mounted, and its heading takes focus, when only that parameter changes', async () => {
    let mounts = 0;
    function PageScreen({ bookId, page }: { bookId: string; page: string }) {
      const [mountedAt] = useState(() => (mounts += 1));
      return (
        <main data-mount={mountedAt}>
          <PageHeading title={`Book ${bookId}, page ${page}`}>
            Book {bookId}, page {page}
          </PageHeading>
        </main>
      );
    }
    const router = createRouter(
      { page: route('/books/:bookId/pages/:page', 'A page', async () => PageScreen, { followsParams: ['page'] }) },
      { title: 'Page not found', render: (params, key) => <NotFound key={key} {...params} /> },
    );
    await router.preloadAll();
    const { rerender } = render(<RouteScreen router={router} route={router.parseRoute('#/books/b1/pages/1')} />);
    await screen.findByRole('heading', { level: 1, name: 'Book b1, page 1' });

    act(() => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    rerender(<RouteScreen router={router} route={router.parseRoute('#/books/b1/pages/2')} />);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Book b1, page 2' });
    expect(mounts).toBe(1);
    expect(document.activeElement).toBe(heading);
    expect(document.title).toBe('Book b1, page 2 – SEN Accreditation');

    act(() => void window.dispatchEvent(new HashChangeEvent('hashchange')));
    rerender(<RouteScreen router={router} route={router.parseRoute('#/books/b2/pages/2')} />);
    await screen.findByRole('heading', { level: 1, name: 'Book b2, page 2' });
    expect(mounts).toBe(2);
  });
});
