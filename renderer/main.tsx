import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppDatabase } from './db/app-database';
import { choosePlatform } from './platform/choose-platform';
import './styles/app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App db={new AppDatabase()} platform={choosePlatform()} />
    </StrictMode>,
  );
}
