import { useCallback, useRef, useState } from 'react';
import { backupFileName } from '../../shared/backup/backup-file-name';
import type { BackupCounts } from '../db/backup-store';
import type { LeftOutRecord, ReverifiedBackup } from '../db/backup-reverify';
import { UserFacingError } from '../db/storage-errors';
import { backupSavedText, restoredText } from './backup-text';
import { useServices } from '../app/app-context';

// The backup code (and, through a restore's checks, the certificate code) is loaded when a backup
// is made or a file chosen, not with the home screen and Settings that offer it: each step shows
// it is working meanwhile.
const loadBackupStore = () => import('../db/backup-store');

export type BackupNowState = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; text: string } | { kind: 'failed'; text: string };

function messageOf(error: unknown): string {
  if (error instanceof UserFacingError) return error.message;
  return `Something went wrong: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`;
}

/** "Back up now": makes the backup file, saves it (a save dialog or a download) and records the date. */
export function useBackupNow() {
  const { db, platform } = useServices();
  const [state, setState] = useState<BackupNowState>({ kind: 'idle' });
  const backUpNow = useCallback(async () => {
    setState({ kind: 'working' });
    try {
      const { makeBackup, recordBackupSaved } = await loadBackupStore();
      const made = await makeBackup(db, platform.appVersion());
      const saved = await platform.saveFile(made.fileName, made.file);
      if (saved === 'cancelled') {
        setState({ kind: 'idle' });
        return;
      }
      await recordBackupSaved(db, made.createdAt);
      setState({ kind: 'done', text: backupSavedText(made) });
    } catch (error) {
      setState({ kind: 'failed', text: messageOf(error) });
    }
  }, [db, platform]);
  return { state, backUpNow };
}

export type RestoreState =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string; step?: string }
  | {
      kind: 'confirm';
      fileName: string;
      backup: ReverifiedBackup;
      counts: BackupCounts;
      hasData: boolean;
      /** Records the restore will leave out because they did not verify again, and why. */
      leftOut: LeftOutRecord[];
    }
  | { kind: 'restoring'; fileName: string; step: string }
  | { kind: 'restored'; text: string }
  | { kind: 'problem'; fileName: string; message: string };

/**
 * Restore, in steps: check the whole file and verify every signed file in it again (nothing
 * changes), ask (saying what will be left out and why), optionally save a safety backup of what is
 * there now, then replace everything in one transaction.
 */
export function useRestore() {
  const { db, platform, verifyJobs } = useServices();
  const [state, setState] = useState<RestoreState>({ kind: 'idle' });
  const busy = useRef(false);

  const choose = useCallback(
    async (file: File) => {
      if (busy.current) return;
      busy.current = true;
      setState({ kind: 'checking', fileName: file.name });
      try {
        const { checkBackupFile, hasSchoolData } = await loadBackupStore();
        const checked = await checkBackupFile(db, file, platform.appVersion(), verifyJobs, (done, total) => {
          if (total > 0)
            setState({
              kind: 'checking',
              fileName: file.name,
              step: `Checking the signed files in the backup again: ${done} of ${total}…`,
            });
        });
        if (!checked.ok) setState({ kind: 'problem', fileName: file.name, message: checked.message });
        else
          setState({
            kind: 'confirm',
            fileName: file.name,
            backup: checked.backup,
            counts: checked.counts,
            hasData: await hasSchoolData(db),
            leftOut: checked.leftOut,
          });
      } catch (error) {
        setState({ kind: 'problem', fileName: file.name, message: messageOf(error) });
      } finally {
        busy.current = false;
      }
    },
    [db, platform, verifyJobs],
  );

  const confirm = useCallback(
    async (safetyBackupFirst: boolean) => {
      if (state.kind !== 'confirm' || busy.current) return;
      busy.current = true;
      const { fileName, backup } = state;
      try {
        const { makeBackup, recordBackupSaved, restoreBackup } = await loadBackupStore();
        if (safetyBackupFirst) {
          setState({ kind: 'restoring', fileName, step: 'Saving a backup of what is in the app now…' });
          const safety = await makeBackup(db, platform.appVersion());
          const name = backupFileName(new Date(safety.createdAt), platform.appVersion());
          if ((await platform.saveFile(name, safety.file)) === 'cancelled') {
            setState({
              kind: 'problem',
              fileName,
              message:
                'The restore was stopped because the backup of what is in the app now was not saved. Nothing in the app has been changed.',
            });
            return;
          }
          await recordBackupSaved(db, safety.createdAt);
        }
        setState({ kind: 'restoring', fileName, step: 'Restoring the backup…' });
        const outcome = await restoreBackup(db, backup, platform.appVersion());
        setState({ kind: 'restored', text: restoredText(outcome) });
      } catch (error) {
        setState({ kind: 'problem', fileName, message: messageOf(error) });
      } finally {
        busy.current = false;
      }
    },
    [db, platform, state],
  );

  const cancel = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, choose, confirm, cancel };
}
