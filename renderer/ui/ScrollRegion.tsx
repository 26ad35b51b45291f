import type { ReactNode } from 'react';

/**
 * The box around a wide table. On a narrow window (or at high zoom) the table scrolls sideways in
 * here rather than the whole page (WCAG 1.4.10); the box is named and focusable so a keyboard user
 * can scroll it with the arrow keys.
 */
export function ScrollRegion({ label, className = 'table-scroll', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
