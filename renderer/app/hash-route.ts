import { createElement, lazy } from 'react';
import { createRouter, route, useHash, type RouteOf } from './router';

export { hashQuery, navigate, replaceHashQuery } from './router';

/**
 * The app's screens, addressed by the URL's hash so every target (app://, http, file) works. This
 * table is the one place a screen is added: its address, its title until its heading gives a more
 * exact one, and its screen, loaded the first time it is visited. Parsing, links (`href.school(id)`,
 * named after the screen), the Route type and the window title all follow from it; App shows the
 * screen with a loading state and its own error boundary, and its heading takes focus on arrival.
 *
 * Entries are tried in order: an address with a literal ('/schools/new') comes before one with a
 * parameter in the same place ('/schools/:schoolId').
 */
const routes = {
  home: route('/', 'Your schools', () => import('../home/HomeScreen').then((m) => m.HomeScreen)),
  settings: route('/settings', 'Settings', () => import('../settings/SettingsScreen').then((m) => m.SettingsScreen)),
  help: route('/help', 'Help and keyboard shortcuts', () => import('../help/HelpScreen').then((m) => m.HelpScreen)),
  colleague: route('/colleague', 'Contribute evidence to your SENCO', () =>
    import('../colleague/ColleagueScreen').then((m) => m.ColleagueScreen),
  ),
  'new-school': route('/schools/new', 'Add a school', () => import('../school/profile/SchoolFormScreen').then((m) => m.SchoolFormScreen)),
  school: route('/schools/:schoolId', 'School', () => import('../school/profile/SchoolScreen').then((m) => m.SchoolScreen)),
  'edit-school': route('/schools/:schoolId/edit', 'Change school details', () =>
    import('../school/profile/SchoolFormScreen').then((m) => m.SchoolFormScreen),
  ),
  'moderation-reports': route('/schools/:schoolId/moderation', 'Moderation reports', () =>
    import('../moderation/reports/ModerationReportsScreen').then((m) => m.ModerationReportsScreen),
  ),
  dashboard: route('/evaluations/:evaluationId', 'Evaluation dashboard', () =>
    import('../school/evaluation/DashboardScreen').then((m) => m.DashboardScreen),
  ),
  'criteria-overview': route('/evaluations/:evaluationId/overview', 'Criteria overview', () =>
    import('../school/evaluation/CriteriaOverviewScreen').then((m) => m.CriteriaOverviewScreen),
  ),
  // Moving between the criteria of one evaluation keeps the screen (its side list, the evaluation
  // it has read); the screen starts each criterion's own parts afresh.
  criterion: route(
    '/evaluations/:evaluationId/criteria/:criterionId',
    'Criterion',
    () => import('../school/evaluation/CriterionScreen').then((m) => m.CriterionScreen),
    { followsParams: ['criterionId'] },
  ),
  evidence: route('/evaluations/:evaluationId/evidence', 'Evidence library', () =>
    import('../school/evidence/EvidenceScreen').then((m) => m.EvidenceScreen),
  ),
  'evidence-pack-import': route('/evaluations/:evaluationId/evidence/import-pack', 'Import a colleague’s evidence pack', () =>
    import('../school/evidence/EvidencePackImportScreen').then((m) => m.EvidencePackImportScreen),
  ),
  actions: route('/evaluations/:evaluationId/actions', 'Action plan', () =>
    import('../school/actions/ActionPlanScreen').then((m) => m.ActionPlanScreen),
  ),
  submit: route('/evaluations/:evaluationId/submit', 'Export the signed submission', () =>
    import('../school/submission/SubmitScreen').then((m) => m.SubmitScreen),
  ),
  approval: route('/evaluations/:evaluationId/approval', 'Approve for submission', () =>
    import('../school/submission/ApprovalScreen').then((m) => m.ApprovalScreen),
  ),
  portfolio: route('/evaluations/:evaluationId/portfolio', 'Print the accreditation portfolio', () =>
    import('../school/portfolio/PortfolioScreen').then((m) => m.PortfolioScreen),
  ),
  submission: route('/evaluations/:evaluationId/submissions/:submissionId', 'Submission', () =>
    import('../school/submission/SubmissionScreen').then((m) => m.SubmissionScreen),
  ),
  'received-report': route('/evaluations/:evaluationId/moderation/:reportId', 'Moderation report', () =>
    import('../school/submission/ReceivedReportScreen').then((m) => m.ReceivedReportScreen),
  ),
  'new-moderator-workspace': route('/moderation/new', 'Set up a moderator workspace', () =>
    import('../moderation/workspace/ModeratorWorkspaceFormScreen').then((m) => m.ModeratorWorkspaceFormScreen),
  ),
  'moderation-queue': route('/moderation/:workspaceId', 'Submissions to moderate', () =>
    import('../moderation/queue/ModerationQueueScreen').then((m) => m.ModerationQueueScreen),
  ),
  'edit-moderator-workspace': route('/moderation/:workspaceId/edit', 'Change moderator workspace', () =>
    import('../moderation/workspace/ModeratorWorkspaceFormScreen').then((m) => m.ModeratorWorkspaceFormScreen),
  ),
  'moderation-import': route('/moderation/:workspaceId/import', 'Import submissions', () =>
    import('../moderation/queue/ModerationImportScreen').then((m) => m.ModerationImportScreen),
  ),
  'second-moderation-inbox': route('/moderation/:workspaceId/second-moderation', 'Second moderation requests', () =>
    import('../moderation/second/SecondModerationInboxScreen').then((m) => m.SecondModerationInboxScreen),
  ),
  'second-moderation-decide': route('/moderation/:workspaceId/second-moderation/:requestId', 'Decide a second moderation', () =>
    import('../moderation/second/SecondModerationDecideScreen').then((m) => m.SecondModerationDecideScreen),
  ),
  'moderation-folder': route('/moderation/:workspaceId/folder', 'Shared folder', () =>
    import('../moderation/folder/SharedFolderScreen').then((m) => m.SharedFolderScreen),
  ),
  'moderation-review': route('/moderation/:workspaceId/submissions/:submissionId', 'Moderate a submission', () =>
    import('../moderation/review/ModerationReviewScreen').then((m) => m.ModerationReviewScreen),
  ),
  'moderation-criterion': route('/moderation/:workspaceId/submissions/:submissionId/criteria/:criterionId', 'Moderate a criterion', () =>
    import('../moderation/review/ModerationCriterionScreen').then((m) => m.ModerationCriterionScreen),
  ),
  'moderation-visit': route('/moderation/:workspaceId/submissions/:submissionId/visit', 'Plan the visit', () =>
    import('../moderation/review/VisitPlanScreen').then((m) => m.VisitPlanScreen),
  ),
  'moderation-outcome': route('/moderation/:workspaceId/submissions/:submissionId/outcome', 'Outcome and moderation report', () =>
    import('../moderation/review/ModerationOutcomeScreen').then((m) => m.ModerationOutcomeScreen),
  ),
  'new-partnership': route('/partnerships/new', 'Set up a partnership workspace', () =>
    import('../partnership/PartnershipFormScreen').then((m) => m.PartnershipFormScreen),
  ),
  partnership: route('/partnerships/:partnershipId', 'Partnership', () =>
    import('../partnership/PartnershipScreen').then((m) => m.PartnershipScreen),
  ),
  'partnership-overview': route('/partnerships/:partnershipId/overview', 'Regional overview', () =>
    import('../partnership/RegionalOverviewScreen').then((m) => m.RegionalOverviewScreen),
  ),
  'second-moderation-request': route(
    '/moderation/:workspaceId/submissions/:submissionId/second-moderation',
    'Ask for a second moderation',
    () => import('../moderation/second/SecondModerationRequestScreen').then((m) => m.SecondModerationRequestScreen),
  ),
  'second-moderation-result': route(
    '/moderation/:workspaceId/submissions/:submissionId/second-moderation/:requestId',
    'Second moderation: agreement',
    () => import('../moderation/second/SecondModerationResultScreen').then((m) => m.SecondModerationResultScreen),
  ),
};

const NotFoundScreen = lazy(() => import('./NotFoundScreen').then((m) => ({ default: m.NotFoundScreen })));

/** The router for the table: every unknown or malformed address gives the not-found screen. */
export const appRouter = createRouter(routes, {
  title: 'Page not found',
  render: (params, key) => createElement(NotFoundScreen, { ...params, key }),
});

export type Route = RouteOf<typeof routes>;

/** The route a hash names. Total: any hash at all, however malformed, gives a route (at worst not-found). */
export const parseRoute = appRouter.parseRoute;

/** A link to each screen, named after it: href.moderationQueue(workspaceId). */
export const href = appRouter.href;

/** A link to the criteria overview showing what `query` asks for: `overviewSearchString` gives the query. */
export function criteriaOverviewHref(evaluationId: string, query = ''): string {
  return `${href.criteriaOverview(evaluationId)}${query === '' ? '' : `?${query}`}`;
}

/** The school page with its start form set to carry `evaluationId` forward (from a historic evaluation's screens). */
export function carryForwardHref(schoolId: string, evaluationId: string): string {
  return `${href.school(schoolId)}?${new URLSearchParams({ carryForward: evaluationId }).toString()}`;
}

/** The evaluation a school page's address asks to carry forward, or null. */
export function carryForwardOf(query: string): string | null {
  return new URLSearchParams(query).get('carryForward');
}

export function useHashRoute(): Route {
  return parseRoute(useHash());
}
