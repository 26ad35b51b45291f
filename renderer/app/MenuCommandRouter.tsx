import { MENU_COMMANDS, type MenuCommand } from '../../shared/desktop/menu-commands';
import { findEvaluation } from '../db/evaluation-queries';
import { allModeratorWorkspaces } from '../db/moderator-queries';
import { useMenuCommands, type MenuCommandHandlers } from '../platform/use-menu-commands';
import { useServices } from './app-context';
import { reportNotice } from './app-notices';
import { navigate, useHashRoute } from './hash-route';
import { menuCommandTarget } from './menu-command-targets';

/** Follows the desktop's native menu commands (Back up and Restore are the database gate's). */
export function MenuCommandRouter() {
  const { db, platform } = useServices();
  const route = useHashRoute();
  const run = async (command: MenuCommand) => {
    const evaluationId = 'evaluationId' in route ? route.evaluationId : null;
    const evaluation = evaluationId ? await findEvaluation(db, evaluationId) : undefined;
    const workspaces = await allModeratorWorkspaces(db);
    const target = menuCommandTarget(command, route, {
      schoolId: evaluation?.schoolId ?? null,
      onlyModeratorWorkspaceId: workspaces.length === 1 ? (workspaces[0]?.id ?? null) : null,
    });
    if (target.kind === 'go') navigate(target.to);
    else if (target.kind === 'explain') reportNotice('info', target.message);
  };
  const handlers: MenuCommandHandlers = {};
  for (const command of MENU_COMMANDS) {
    if (command !== 'back-up' && command !== 'restore') handlers[command] = () => void run(command);
  }
  useMenuCommands(platform, handlers);
  return null;
}
