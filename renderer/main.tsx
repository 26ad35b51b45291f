import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { startLoadingShippedData } from './app/app-context';
import { appRouter } from './app/hash-route';
import { AppDatabase } from './db/app-database';
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
// other screens' code follows in the background, so moving between screens never waits for it.
const root = document.getElementById('root');
if (root) {
  void appRouter.preload(appRouter.parseRoute(window.location.hash));
  void startLoadingShippedData().catch(() => undefined); // the app's start shows the problem
  void readingFontReady(readingPreferences, document.fonts).then(() => {
    createRoot(root).render(
      <StrictMode>
        <App db={new AppDatabase()} platform={choosePlatform()} />
      </StrictMode>,
    );
    setTimeout(() => void appRouter.preloadAll(), 0);
  });
}
