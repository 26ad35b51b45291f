import type { AppDatabase } from '../db/app-database';
import { ScreenErrorBoundary } from '../components/ScreenErrorBoundary';
import type { PlatformPort } from '../platform/platform-port';
import { ActionPlanScreen } from '../screens/ActionPlanScreen';
import { CriterionScreen } from '../screens/CriterionScreen';
import { DashboardScreen } from '../screens/DashboardScreen';
import { EvidenceScreen } from '../screens/EvidenceScreen';
import { HelpScreen } from '../screens/HelpScreen';
import { HomeScreen } from '../screens/HomeScreen';
import { ModerationImportScreen } from '../screens/ModerationImportScreen';
import { ModerationQueueScreen } from '../screens/ModerationQueueScreen';
import { ModerationCriterionScreen } from '../screens/ModerationCriterionScreen';
import { ModerationOutcomeScreen } from '../screens/ModerationOutcomeScreen';
import { ModerationReportsScreen } from '../screens/ModerationReportsScreen';
import { ModerationReviewScreen } from '../screens/ModerationReviewScreen';
import { ModeratorWorkspaceFormScreen } from '../screens/ModeratorWorkspaceFormScreen';
import { NotFoundScreen } from '../screens/NotFoundScreen';
import { PortfolioScreen } from '../screens/PortfolioScreen';
import { ReceivedReportScreen } from '../screens/ReceivedReportScreen';
import { SchoolFormScreen } from '../screens/SchoolFormScreen';
import { SchoolScreen } from '../screens/SchoolScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { SubmissionScreen } from '../screens/SubmissionScreen';
import { SubmitScreen } from '../screens/SubmitScreen';
import { VisitPlanScreen } from '../screens/VisitPlanScreen';
import { ServicesProvider } from './app-context';
import { DatabaseGate } from './DatabaseGate';
import { MenuCommandRouter } from './MenuCommandRouter';
import { useHashRoute, type Route } from './hash-route';

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
  const route = useHashRoute();
  // One screen failing shows in place of that screen only; going to another screen clears it.
  return (
    <ScreenErrorBoundary resetKey={JSON.stringify(route)}>
      <ScreenFor route={route} />
    </ScreenErrorBoundary>
  );
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
    case 'submit':
      return <SubmitScreen key={route.evaluationId} evaluationId={route.evaluationId} />;
    case 'submission':
      return (
        <SubmissionScreen
          key={`${route.evaluationId}|${route.submissionId}`}
          evaluationId={route.evaluationId}
          submissionId={route.submissionId}
        />
      );
    case 'portfolio':
      return <PortfolioScreen key={route.evaluationId} evaluationId={route.evaluationId} />;
    case 'settings':
      return <SettingsScreen />;
    case 'help':
      return <HelpScreen />;
    case 'new-moderator-workspace':
      return <ModeratorWorkspaceFormScreen />;
    case 'edit-moderator-workspace':
      return <ModeratorWorkspaceFormScreen key={route.workspaceId} workspaceId={route.workspaceId} />;
    case 'moderation-queue':
      return <ModerationQueueScreen key={route.workspaceId} workspaceId={route.workspaceId} />;
    case 'moderation-import':
      return <ModerationImportScreen key={route.workspaceId} workspaceId={route.workspaceId} />;
    case 'moderation-review':
      return (
        <ModerationReviewScreen
          key={`${route.workspaceId}|${route.submissionId}`}
          workspaceId={route.workspaceId}
          submissionId={route.submissionId}
        />
      );
    case 'moderation-criterion':
      return (
        <ModerationCriterionScreen
          key={`${route.workspaceId}|${route.submissionId}|${route.criterionId}`}
          workspaceId={route.workspaceId}
          submissionId={route.submissionId}
          criterionId={route.criterionId}
        />
      );
    case 'moderation-visit':
      return (
        <VisitPlanScreen
          key={`${route.workspaceId}|${route.submissionId}`}
          workspaceId={route.workspaceId}
          submissionId={route.submissionId}
        />
      );
    case 'moderation-outcome':
      return (
        <ModerationOutcomeScreen
          key={`${route.workspaceId}|${route.submissionId}`}
          workspaceId={route.workspaceId}
          submissionId={route.submissionId}
        />
      );
    case 'moderation-reports':
      return <ModerationReportsScreen key={route.schoolId} schoolId={route.schoolId} />;
    case 'received-report':
      return (
        <ReceivedReportScreen key={`${route.evaluationId}|${route.reportId}`} evaluationId={route.evaluationId} reportId={route.reportId} />
      );
    case 'not-found':
      return <NotFoundScreen path={route.path} />;
  }
}
