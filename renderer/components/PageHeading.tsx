import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

// Focus moves to the new heading only after the user navigates inside the app. On a fresh load
// the browser's own order applies, so the first Tab still reaches the skip link.
let navigations = 0;
// The navigation whose heading last took focus: each navigation moves focus once, so a heading
// that re-renders, or is replaced once its data has loaded, never pulls focus back from where
// the user has since moved it.
let focusedForNavigation = 0;
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    navigations += 1;
  });
}

function focusIsLost(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}

/**
 * The screen's one h1. It sets the window title and, after in-app navigation, takes focus, so a
 * screen reader user hears where they have arrived.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – SEN Accreditation`;
  }, [title]);
  // Before the screen is painted, so the heading has focus by the time anyone can see it.
  useLayoutEffect(() => {
    if (navigations === 0) return;
    // A heading that replaced a loading screen's takes focus again only if it was lost with it.
    if (focusedForNavigation === navigations && !focusIsLost()) return;
    focusedForNavigation = navigations;
    ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
