import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The screen's one h1. It sets the window title and takes focus when the screen opens, so a
 * screen reader user hears where they have arrived.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – SEN Accreditation`;
    ref.current?.focus({ preventScroll: false });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
