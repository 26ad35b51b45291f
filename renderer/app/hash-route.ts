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
  | { screen: 'settings' }
  | { screen: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [a, b, c, d] = parts;
  if (parts.length === 0) return { screen: 'home' };
  if (a === 'settings' && parts.length === 1) return { screen: 'settings' };
  if (a === 'schools' && b === 'new' && parts.length === 2) return { screen: 'new-school' };
  if (a === 'schools' && b && parts.length === 2) return { screen: 'school', schoolId: b };
  if (a === 'schools' && b && c === 'edit' && parts.length === 3) return { screen: 'edit-school', schoolId: b };
  if (a === 'evaluations' && b) {
    if (parts.length === 2) return { screen: 'dashboard', evaluationId: b };
    if (c === 'criteria' && d && parts.length === 4) return { screen: 'criterion', evaluationId: b, criterionId: d };
    if (c === 'evidence' && parts.length === 3) return { screen: 'evidence', evaluationId: b };
    if (c === 'actions' && parts.length === 3) return { screen: 'actions', evaluationId: b };
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
  settings: () => '#/settings',
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
