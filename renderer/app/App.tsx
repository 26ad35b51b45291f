import type { AppDatabase } from '../db/app-database';
import type { PlatformPort } from '../platform/platform-port';
import { ServicesProvider } from './app-context';
import { DatabaseGate } from './DatabaseGate';
import { appRouter, useHashRoute } from './hash-route';
import { MenuCommandRouter } from './MenuCommandRouter';
import { RouteScreen } from './RouteScreen';

export function App({ db, platform }: { db: AppDatabase; platform: PlatformPort }) {
  // The gate opens the database first, and refuses data written by a newer version.
  return (
    <DatabaseGate db={db} platform={platform}>
      <ServicesProvider db={db} platform={platform}>
        <MenuCommandRouter />
        <Screens />
      </ServicesProvider>
    </DatabaseGate>
  );
}

function Screens() {
  return <RouteScreen router={appRouter} route={useHashRoute()} />;
}
