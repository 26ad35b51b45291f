import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { headingTakesFocus } from '../app/router';

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
    // Once per in-app navigation (never on a fresh load), or again if focus was lost with the
    // heading this one replaced (a loading screen's).
    if (headingTakesFocus(focusIsLost())) ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
