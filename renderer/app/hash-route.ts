import { useSyncExternalStore } from 'react';

/** The screens of the app, addressed by the URL's hash so every target (app://, http, file) works. */
export type Route =
  | { screen: 'home' }
  | { screen: 'new-school' }
  | { screen: 'school'; schoolId: string }
  | { screen: 'edit-school'; schoolId: string }
  | { screen: 'dashboard'; evaluationId: string }
  | { screen: 'criterion'; evaluationId: string; criterionId: string }
  | { screen: 'evidence'; evaluationId: string }
  | { screen: 'actions'; evaluationId: string }
  | { screen: 'submit'; evaluationId: string }
  | { screen: 'submission'; evaluationId: string; submissionId: string }
  | { screen: 'portfolio'; evaluationId: string }
  | { screen: 'settings' }
  | { screen: 'help' }
  | { screen: 'new-moderator-workspace' }
  | { screen: 'edit-moderator-workspace'; workspaceId: string }
  | { screen: 'moderation-queue'; workspaceId: string }
  | { screen: 'moderation-import'; workspaceId: string }
  | { screen: 'moderation-review'; workspaceId: string; submissionId: string }
  | { screen: 'moderation-criterion'; workspaceId: string; submissionId: string; criterionId: string }
  | { screen: 'moderation-visit'; workspaceId: string; submissionId: string }
  | { screen: 'moderation-outcome'; workspaceId: string; submissionId: string }
  | { screen: 'moderation-reports'; schoolId: string }
  | { screen: 'received-report'; evaluationId: string; reportId: string }
  | { screen: 'not-found'; path: string };

/** A path segment with its %-escapes decoded, or null when an escape is malformed (a lone %, %ZZ, %E0). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The route a hash names. Total: any hash at all, however malformed, gives a route (at worst not-found). */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const decoded = path.split('/').filter(Boolean).map(decodeSegment);
  if (decoded.some((part) => part === null)) return { screen: 'not-found', path };
  const parts = decoded.filter((part): part is string => part !== null);
  const [a, b, c, d] = parts;
  if (parts.length === 0) return { screen: 'home' };
  if (a === 'settings' && parts.length === 1) return { screen: 'settings' };
  if (a === 'help' && parts.length === 1) return { screen: 'help' };
  if (a === 'schools' && b === 'new' && parts.length === 2) return { screen: 'new-school' };
  if (a === 'schools' && b && parts.length === 2) return { screen: 'school', schoolId: b };
  if (a === 'schools' && b && c === 'edit' && parts.length === 3) return { screen: 'edit-school', schoolId: b };
  if (a === 'schools' && b && c === 'moderation' && parts.length === 3) return { screen: 'moderation-reports', schoolId: b };
  if (a === 'evaluations' && b) {
    if (parts.length === 2) return { screen: 'dashboard', evaluationId: b };
    if (c === 'criteria' && d && parts.length === 4) return { screen: 'criterion', evaluationId: b, criterionId: d };
    if (c === 'evidence' && parts.length === 3) return { screen: 'evidence', evaluationId: b };
    if (c === 'actions' && parts.length === 3) return { screen: 'actions', evaluationId: b };
    if (c === 'submit' && parts.length === 3) return { screen: 'submit', evaluationId: b };
    if (c === 'portfolio' && parts.length === 3) return { screen: 'portfolio', evaluationId: b };
    if (c === 'submissions' && d && parts.length === 4) return { screen: 'submission', evaluationId: b, submissionId: d };
    if (c === 'moderation' && d && parts.length === 4) return { screen: 'received-report', evaluationId: b, reportId: d };
  }
  if (a === 'moderation' && b === 'new' && parts.length === 2) return { screen: 'new-moderator-workspace' };
  if (a === 'moderation' && b) {
    if (parts.length === 2) return { screen: 'moderation-queue', workspaceId: b };
    if (c === 'edit' && parts.length === 3) return { screen: 'edit-moderator-workspace', workspaceId: b };
    if (c === 'import' && parts.length === 3) return { screen: 'moderation-import', workspaceId: b };
    if (c === 'submissions' && d && parts.length === 4) return { screen: 'moderation-review', workspaceId: b, submissionId: d };
    if (c === 'submissions' && d && parts[4] === 'criteria' && parts[5] && parts.length === 6) {
      return { screen: 'moderation-criterion', workspaceId: b, submissionId: d, criterionId: parts[5] };
    }
    if (c === 'submissions' && d && parts[4] === 'visit' && parts.length === 5) {
      return { screen: 'moderation-visit', workspaceId: b, submissionId: d };
    }
    if (c === 'submissions' && d && parts[4] === 'outcome' && parts.length === 5) {
      return { screen: 'moderation-outcome', workspaceId: b, submissionId: d };
    }
  }
  return { screen: 'not-found', path };
}

export const href = {
  home: () => '#/',
  newSchool: () => '#/schools/new',
  school: (schoolId: string) => `#/schools/${encodeURIComponent(schoolId)}`,
  editSchool: (schoolId: string) => `#/schools/${encodeURIComponent(schoolId)}/edit`,
  dashboard: (evaluationId: string) => `#/evaluations/${encodeURIComponent(evaluationId)}`,
  criterion: (evaluationId: string, criterionId: string) =>
    `#/evaluations/${encodeURIComponent(evaluationId)}/criteria/${encodeURIComponent(criterionId)}`,
  evidence: (evaluationId: string) => `#/evaluations/${encodeURIComponent(evaluationId)}/evidence`,
  actions: (evaluationId: string) => `#/evaluations/${encodeURIComponent(evaluationId)}/actions`,
  submit: (evaluationId: string) => `#/evaluations/${encodeURIComponent(evaluationId)}/submit`,
  portfolio: (evaluationId: string) => `#/evaluations/${encodeURIComponent(evaluationId)}/portfolio`,
  submission: (evaluationId: string, submissionId: string) =>
    `#/evaluations/${encodeURIComponent(evaluationId)}/submissions/${encodeURIComponent(submissionId)}`,
  settings: () => '#/settings',
  help: () => '#/help',
  newModeratorWorkspace: () => '#/moderation/new',
  editModeratorWorkspace: (workspaceId: string) => `#/moderation/${encodeURIComponent(workspaceId)}/edit`,
  moderationQueue: (workspaceId: string) => `#/moderation/${encodeURIComponent(workspaceId)}`,
  moderationImport: (workspaceId: string) => `#/moderation/${encodeURIComponent(workspaceId)}/import`,
  moderationReview: (workspaceId: string, submissionId: string) =>
    `#/moderation/${encodeURIComponent(workspaceId)}/submissions/${encodeURIComponent(submissionId)}`,
  moderationCriterion: (workspaceId: string, submissionId: string, criterionId: string) =>
    `#/moderation/${encodeURIComponent(workspaceId)}/submissions/${encodeURIComponent(submissionId)}/criteria/${encodeURIComponent(criterionId)}`,
  moderationVisit: (workspaceId: string, submissionId: string) =>
    `#/moderation/${encodeURIComponent(workspaceId)}/submissions/${encodeURIComponent(submissionId)}/visit`,
  moderationOutcome: (workspaceId: string, submissionId: string) =>
    `#/moderation/${encodeURIComponent(workspaceId)}/submissions/${encodeURIComponent(submissionId)}/outcome`,
  moderationReports: (schoolId: string) => `#/schools/${encodeURIComponent(schoolId)}/moderation`,
  receivedReport: (evaluationId: string, reportId: string) =>
    `#/evaluations/${encodeURIComponent(evaluationId)}/moderation/${encodeURIComponent(reportId)}`,
};

export function navigate(to: string): void {
  window.location.hash = to.replace(/^#/, '');
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
