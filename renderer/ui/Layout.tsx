import type { MouseEvent, ReactNode } from 'react';
import { href } from '../app/hash-route';

export interface SectionLink {
  label: string;
  href: string;
  current: boolean;
}

/** Banner, navigation and main landmarks, with a skip link first in the tab order. */
export function Layout({
  children,
  workspaceName,
  sectionLinks,
  sectionLabel = 'Evaluation',
}: {
  children: ReactNode;
  workspaceName?: string;
  sectionLinks?: SectionLink[];
  /** The name of the section navigation, e.g. "Evaluation" or "Moderator workspace". */
  sectionLabel?: string;
}) {
  return (
    <>
      <a className="skip-link" href="#main-content" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="app-header">
        <a className="app-name" href={href.home()}>
          SEN Accreditation
        </a>
        {workspaceName ? (
          // A long name is cut short with an ellipsis on screen; the title shows it whole on hover, and screen readers read it all.
          <span className="workspace-name" title={workspaceName}>
            {workspaceName}
          </span>
        ) : null}
        <nav aria-label="Main" className="main-nav">
          <ul>
            <li>
              <a href={href.home()}>Home</a>
            </li>
            <li>
              <a href={href.settings()}>Settings</a>
            </li>
            <li>
              <a href={href.help()}>Help</a>
            </li>
          </ul>
        </nav>
      </header>
      {sectionLinks && sectionLinks.length > 0 ? (
        <nav aria-label={sectionLabel} className="section-nav">
          <ul>
            {sectionLinks.map((link) => (
              <li key={link.href}>
                <a href={link.href} aria-current={link.current ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <main id="main-content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // The hash is the router's, so move focus without changing it.
  event.preventDefault();
  const main = document.getElementById('main-content');
  const heading = main?.querySelector<HTMLElement>('h1');
  (heading ?? main)?.focus();
}
