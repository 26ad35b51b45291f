import type { MenuCommand } from '../../shared/desktop/menu-commands';
import { href, type Route } from './hash-route';

/**
 * Where a native menu command takes the user, given the screen they are on. Commands about an
 * evaluation need one open; commands about a moderator's workspace need one; otherwise the user
 * is told plainly what to open first. Back up and Restore are handled where the database is.
 */
export type MenuTarget = { kind: 'go'; to: string } | { kind: 'explain'; message: string } | { kind: 'elsewhere' };

export interface MenuContext {
  /** The school of the evaluation on screen, when there is one. */
  schoolId: string | null;
  /** The only moderator workspace on this computer, if there is exactly one. */
  onlyModeratorWorkspaceId: string | null;
}

export function menuCommandTarget(command: MenuCommand, route: Route, context: MenuContext): MenuTarget {
  const evaluationId = 'evaluationId' in route ? route.evaluationId : null;
  const schoolId = route.screen === 'school' || route.screen === 'moderation-reports' ? route.schoolId : context.schoolId;
  const workspaceId = 'workspaceId' in route ? route.workspaceId : context.onlyModeratorWorkspaceId;
  switch (command) {
    case 'new-evaluation':
      return schoolId ? { kind: 'go', to: href.school(schoolId) } : { kind: 'go', to: href.home() };
    case 'export-submission':
      return evaluationId
        ? { kind: 'go', to: href.submit(evaluationId) }
        : { kind: 'explain', message: 'Open an evaluation first, then choose Export the submission.' };
    case 'print-portfolio':
      return evaluationId
        ? { kind: 'go', to: href.portfolio(evaluationId) }
        : { kind: 'explain', message: 'Open an evaluation first, then choose Print the portfolio.' };
    case 'import-submission':
      return workspaceId
        ? { kind: 'go', to: href.moderationImport(workspaceId) }
        : {
            kind: 'explain',
            message: 'Open a moderator workspace first (or set one up on the home screen), then import submissions into it.',
          };
    case 'import-moderation-report':
      return schoolId
        ? { kind: 'go', to: href.moderationReports(schoolId) }
        : { kind: 'explain', message: 'Open the school first, then import the moderation report it was sent.' };
    case 'show-keyboard-shortcuts':
      return { kind: 'go', to: href.help() };
    case 'back-up':
    case 'restore':
      return { kind: 'elsewhere' };
  }
}
