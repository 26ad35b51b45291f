import { useEffect, useRef, type ReactNode } from 'react';

// Focus moves to the new heading only after the user navigates inside the app. On a fresh load
// the browser's own order applies, so the first Tab still reaches the skip link.
let navigatedSinceLoad = false;
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    navigatedSinceLoad = true;
  });
}

/**
 * The screen's one h1. It sets the window title and, after in-app navigation, takes focus, so a
 * screen reader user hears where they have arrived.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – SEN Accreditation`;
    if (navigatedSinceLoad) ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
