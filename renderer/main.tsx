import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppDatabase } from './db/app-database';
import { choosePlatform } from './platform/choose-platform';
import { applyReadingPreferences, loadReadingPreferences, readingFontReady } from './reading-comfort/apply-reading-preferences';
import './reading-comfort/reading-fonts';
import './styles/app.css';
import './styles/reading-comfort.css';

// Reading comfort (Settings) goes on before anything is drawn, and the first screen waits (briefly)
// for the chosen font, so nothing flashes in the standard look first.
const readingPreferences = loadReadingPreferences();
applyReadingPreferences(readingPreferences);

const root = document.getElementById('root');
if (root) {
  void readingFontReady(readingPreferences, document.fonts).then(() =>
    createRoot(root).render(
      <StrictMode>
        <App db={new AppDatabase()} platform={choosePlatform()} />
      </StrictMode>,
    ),
  );
}
