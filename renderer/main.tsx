import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startLoadingImportedFrameworks, startLoadingShippedData } from './app/app-context';
import { startOpeningDatabase } from './app/DatabaseGate';
import { appRouter } from './app/hash-route';
import { AppDatabase } from './db/app-database';
import { readCriterionEarly, readEvaluationEarly } from './db/evaluation-queries';
import { readWorkspaceSubmissionStatesEarly } from './db/workspace-queue-reads';
import { readWorkspaceEarly } from './db/moderator-queries';
import { choosePlatform } from './platform/choose-platform';
import { applyReadingPreferences, loadReadingPreferences, readingFontReady } from './settings/reading-comfort/apply-reading-preferences';
import './settings/reading-comfort/reading-fonts';
import './styles/app.css';
import './styles/reading-comfort.css';

// Reading comfort (Settings) goes on before anything is drawn, and the first screen waits (briefly)
// for the chosen font, so nothing flashes in the standard look first.
const readingPreferences = loadReadingPreferences();
applyReadingPreferences(readingPreferences);

// The first screen's code and the shipped criteria start loading at once, beside the font; the app
// is drawn when the font is ready (opening the database meanwhile), and by the time the database
// and the criteria are ready the screen's code has usually arrived, so it draws at once. The
// other screens' code follows in the background once the first screen has had its turn, so it
// never competes with the first screen's start, and moving between screens later never waits.
const root = document.getElementById('root');
if (root) {
  performance.mark('app:entry');
  const route = appRouter.parseRoute(window.location.hash);
  const firstScreen = appRouter.preload(route).then(() => performance.mark('app:screen-code'));
  void startLoadingShippedData().then(
    () => performance.mark('app:criteria'),
    () => undefined, // the app's start shows the problem
  );
  // The database opens meanwhile too: the gate waits for this same opening.
  // The database declares the versions an older one passes through only if its look finds it older.
  const db = new AppDatabase(undefined, { declare: 'latest-until-settled' });
  const platform = choosePlatform();
  void startOpeningDatabase(db, platform).then((opened) => {
    if (!opened.ok) return;
    void startLoadingImportedFrameworks(db, platform.appVersion()).catch(() => undefined);
    // The first screen's own records, read before it is drawn (an evaluation's or a moderator workspace's screens).
    if (route.screen === 'criterion') void readCriterionEarly(db, route.evaluationId, route.criterionId);
    else if ('evaluationId' in route) void readEvaluationEarly(db, route.evaluationId);
    if ('workspaceId' in route) void readWorkspaceEarly(db, route.workspaceId);
    if (route.screen === 'moderation-queue') void readWorkspaceSubmissionStatesEarly(db, route.workspaceId);
  });
  void readingFontReady(readingPreferences, document.fonts).then(() => {
    performance.mark('app:render');
    createRoot(root).render(
      <StrictMode>
        <App db={db} platform={platform} />
      </StrictMode>,
    );
    void firstScreen.then(() => whenQuiet(BACKGROUND_LOAD_DELAY_MS)).then(() => appRouter.preloadAll());
  });
}

/** How long after the first screen's code has arrived the other screens' code starts loading. */
const BACKGROUND_LOAD_DELAY_MS = 1500;

/** The longest wait for an idle moment once that delay has passed. */
const IDLE_WAIT_MS = 1000;

/** Resolves after `delay`, at a moment the page is idle (waiting at most IDLE_WAIT_MS for one). */
function whenQuiet(delay: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: IDLE_WAIT_MS });
      else resolve();
    }, delay);
  });
}
