import { Suspense, useLayoutEffect } from 'react';
import { Layout } from '../ui/Layout';
import { ScreenErrorBoundary } from '../ui/ScreenErrorBoundary';
import type { RouteOf, RouteTable, Router } from './router';

/**
 * The screen for a route, as the route table describes it: loaded on first visit behind a loading
 * state, inside its own error boundary, with the route's title in the window until the screen's
 * heading gives a more exact one.
 */
export function RouteScreen<Table extends RouteTable>({ router, route }: { router: Router<Table>; route: RouteOf<Table> }) {
  const key = JSON.stringify(route);
  const title = router.titleOf(route);
  // Before the screen's own effects run, so its heading's more exact title, when it has one, wins.
  useLayoutEffect(() => {
    document.title = `${title} – SEN Accreditation`;
  }, [key, title]);
  // One screen failing shows in place of that screen only; going to another screen clears it.
  return (
    <ScreenErrorBoundary resetKey={key}>
      <Suspense fallback={<ScreenLoading />}>{router.screenFor(route)}</Suspense>
    </ScreenErrorBoundary>
  );
}

/** Shown while a screen's code loads: the header and navigation stay, and a status says why the page is empty. */
function ScreenLoading() {
  return (
    <Layout>
      <p role="status">Loading…</p>
    </Layout>
  );
}
