import { useLiveQuery } from 'dexie-react-hooks';
import { useServices } from '../app/app-context';

/**
 * The regions of the schools and moderators' workspaces on this computer, each once, followed live;
 * undefined while loading.
 */
export function useRegionsInUse(): string[] | undefined {
  const { db } = useServices();
  return useLiveQuery(async () => {
    const [schools, workspaces] = await Promise.all([db.schools.toArray(), db.moderatorWorkspaces.toArray()]);
    return [...new Set([...schools.map((s) => s.regionId), ...workspaces.map((w) => w.regionId)])];
  }, [db]);
}
