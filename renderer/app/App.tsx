import type { AppDatabase } from '../db/app-database';
import type { PlatformPort } from '../platform/platform-port';
import { ActionPlanScreen } from '../screens/ActionPlanScreen';
import { CriterionScreen } from '../screens/CriterionScreen';
import { DashboardScreen } from '../screens/DashboardScreen';
import { EvidenceScreen } from '../screens/EvidenceScreen';
import { HomeScreen } from '../screens/HomeScreen';
import { NotFoundScreen } from '../screens/NotFoundScreen';
import { SchoolFormScreen } from '../screens/SchoolFormScreen';
import { SchoolScreen } from '../screens/SchoolScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { ServicesProvider } from './app-context';
import { useHashRoute, type Route } from './hash-route';

export function App({ db, platform }: { db: AppDatabase; platform: PlatformPort }) {
  return (
    <ServicesProvider db={db} platform={platform}>
      <Screens />
    </ServicesProvider>
  );
}

function Screens() {
  const route = useHashRoute();
  return <ScreenFor route={route} />;
}

function ScreenFor({ route }: { route: Route }) {
  switch (route.screen) {
    case 'home':
      return <HomeScreen />;
    case 'new-school':
      return <SchoolFormScreen />;
    case 'edit-school':
      return <SchoolFormScreen key={route.schoolId} schoolId={route.schoolId} />;
    case 'school':
      return <SchoolScreen key={route.schoolId} schoolId={route.schoolId} />;
    case 'dashboard':
      return <DashboardScreen key={route.evaluationId} evaluationId={route.evaluationId} />;
    case 'criterion':
      return (
        <CriterionScreen
          key={`${route.evaluationId}|${route.criterionId}`}
          evaluationId={route.evaluationId}
          criterionId={route.criterionId}
        />
      );
    case 'evidence':
      return <EvidenceScreen key={route.evaluationId} evaluationId={route.evaluationId} />;
    case 'actions':
      return <ActionPlanScreen key={route.evaluationId} evaluationId={route.evaluationId} />;
    case 'settings':
      return <SettingsScreen />;
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
  }
}
