import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
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

// The first screen's code loads beside the font, so the first render draws it at once instead of a
// loading state; the other screens' code follows in the background, so moving between screens
// never waits for it either.
const root = document.getElementById('root');
if (root) {
  const firstScreen = appRouter.preload(appRouter.parseRoute(window.location.hash));
  void Promise.all([readingFontReady(readingPreferences, document.fonts), firstScreen]).then(() => {
    createRoot(root).render(
      <StrictMode>
        <App db={new AppDatabase()} platform={choosePlatform()} />
      </StrictMode>,
    );
    setTimeout(() => void appRouter.preloadAll(), 0);
  });
}
