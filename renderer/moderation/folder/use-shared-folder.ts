import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../../app/app-context';
import { clearFolderIndex } from '../../db/shared-folder-store';
import type { SharedFolderPort, SharedFolderState } from '../../platform/platform-port';
import type { ScanOutcome, ScanProgress } from './shared-folder-scan';

export type Scan =
  | { state: 'idle' }
  | { state: 'scanning'; progress: ScanProgress }
  | { state: 'done'; outcome: ScanOutcome }
  | { state: 'failed'; message: string };

/** What went wrong with the folder, in words a person can act on. */
export function folderProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (message.startsWith('No shared folder') || message.startsWith('The app may not use')) return message;
  return 'The folder could not be read. Check that it is still there and that you can open it (a network drive must be connected), then try again.';
}

/**
 * A workspace's shared folder (the moderator's or the partnership's, by `folderKey`): which folder it
 * is and whether the app may use it, choosing another (which empties the index, rebuilt by the next
 * scan), asking for access again, and a scan with its progress.
 */
export function useSharedFolder(folder: SharedFolderPort, folderKey: string) {
  const { db, verifyJobs } = useServices();
  const [state, setState] = useState<SharedFolderState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [scan, setScan] = useState<Scan>({ state: 'idle' });

  useEffect(() => {
    let live = true;
    folder.current(folderKey).then(
      (next) => live && setState(next),
      () => live && setState({ state: 'none' }),
    );
    return () => {
      live = false;
    };
  }, [folder, folderKey]);

  const runScan = useCallback(async () => {
    setProblem(null);
    setScan({ state: 'scanning', progress: { total: 0, done: 0, current: null } });
    try {
      // The scan's code (and through it the certificate code) loads when a scan starts, not with the screen.
      const { scanSharedFolder } = await import('./shared-folder-scan');
      const outcome = await scanSharedFolder({ db, folder, verifyJobs }, folderKey, (progress) => setScan({ state: 'scanning', progress }));
      setScan({ state: 'done', outcome });
    } catch (error) {
      setScan({ state: 'failed', message: folderProblem(error) });
    }
  }, [db, folder, verifyJobs, folderKey]);

  const choose = useCallback(async () => {
    setProblem(null);
    try {
      const chosen = await folder.choose(folderKey);
      if (chosen === 'cancelled') return;
      // The index was about the folder chosen before: the next scan builds it afresh.
      await clearFolderIndex(db, folderKey);
      setState(chosen);
      setScan({ state: 'idle' });
    } catch (error) {
      setProblem(folderProblem(error));
    }
  }, [db, folder, folderKey]);

  const allow = useCallback(async () => {
    setProblem(null);
    try {
      const next = await folder.requestAccess(folderKey);
      setState(next);
      if (next.state === 'needs-permission')
        setProblem(
          'The browser did not allow the app to use the folder. Select “Allow access to the folder” again and choose to allow it.',
        );
    } catch (error) {
      setProblem(folderProblem(error));
    }
  }, [folder, folderKey]);

  return { state, problem, scan, scanning: scan.state === 'scanning', runScan, choose, allow };
}
