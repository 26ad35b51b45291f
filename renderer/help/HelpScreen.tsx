import { useState } from 'react';
import {
  acceleratorOn,
  formatAccelerator,
  KEYBOARD_SHORTCUTS,
  shortcutPlatform,
  type ShortcutGroup,
} from '../../shared/desktop/menu-commands';
import { useServices } from '../app/app-context';
import { href } from '../app/hash-route';
import { GettingStartedGuide } from './GettingStartedGuide';
import { useGuidePreference } from './guide-preference';
import { RoundDiagram } from './RoundDiagram';
import { StatusMessage } from '../ui/StatusMessage';
import { focusWhenShown } from './focus-when-shown';
import { FrameworkGlossaries } from './FrameworkGlossaries';
import { Layout } from '../ui/Layout';
import { PageHeading } from '../ui/PageHeading';

const GROUP_TITLES: Record<ShortcutGroup, string> = {
  File: 'File menu',
  Edit: 'Edit menu',
  View: 'View menu',
  Help: 'Help menu',
};

/** The keys that work everywhere in the app, whatever the platform. */
const PAGE_KEYS: readonly [string, string][] = [
  ['Tab, Shift+Tab', 'Move to the next or previous link, button or field'],
  ['Enter', 'Follow a link or press a button'],
  ['Space', 'Tick a checkbox, press a button, or open a “show more” section'],
  ['Arrow keys', 'Choose within a group of options, such as the judgement scale'],
  ['Tab, on a fresh screen', 'The first stop is “Skip to main content”, which jumps past the menus'],
  ['Escape', 'Close an open list of choices'],
];

/** Help: how to get started, the round of accreditation, every keyboard shortcut, and the glossaries. */
export function HelpScreen() {
  const { platform } = useServices();
  const [guidePreference, setGuidePreference] = useGuidePreference();
  const [justRequested, setJustRequested] = useState(false);
  const where = shortcutPlatform(typeof navigator === 'undefined' ? '' : navigator.platform);
  const groups = [...new Set(KEYBOARD_SHORTCUTS.map((s) => s.group))];
  return (
    <Layout>
      <PageHeading title="Help and keyboard shortcuts">Help and keyboard shortcuts</PageHeading>
      <GettingStartedGuide
        testId="help-getting-started"
        actions={
          guidePreference === 'requested' ? (
            <StatusMessage kind="success" testId="guide-requested">
              <p>
                The guide will be on the{' '}
                <a href={href.home()} ref={justRequested ? focusWhenShown : undefined}>
                  home screen
                </a>{' '}
                until you hide it there.
              </p>
            </StatusMessage>
          ) : (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setGuidePreference('requested');
                setJustRequested(true);
              }}
            >
              Show this guide on the home screen again
            </button>
          )
        }
      />

      <RoundDiagram />

      <h2>Keyboard</h2>
      <p>Everything in the app can be done with the keyboard alone. These keys work on every screen.</p>
      <table className="table shortcuts" data-testid="page-keys">
        <caption>Getting around</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">What they do</th>
          </tr>
        </thead>
        <tbody>
          {PAGE_KEYS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Menu shortcuts</h2>
      <p>
        {platform.kind === 'desktop'
          ? 'The desktop app’s menus have these shortcuts.'
          : 'In the desktop app, the menus have these shortcuts. In a web browser, use the buttons on each screen instead; the browser keeps its own shortcuts.'}
      </p>
      {groups.map((group) => (
        <table className="table shortcuts" key={group} data-testid={`shortcuts-${group.toLowerCase()}`}>
          <caption>{GROUP_TITLES[group]}</caption>
          <thead>
            <tr>
              <th scope="col">Keys</th>
              <th scope="col">What they do</th>
            </tr>
          </thead>
          <tbody>
            {KEYBOARD_SHORTCUTS.filter((s) => s.group === group).map((s) => (
              <tr key={s.action}>
                <th scope="row">
                  <kbd>{formatAccelerator(acceleratorOn(s, where), where)}</kbd>
                </th>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}

      <FrameworkGlossaries />

      <h2>About</h2>
      <p>
        SEN Accreditation, version {platform.appVersion()}. Everything you enter stays on this computer; the app makes no network requests.
      </p>
    </Layout>
  );
}
