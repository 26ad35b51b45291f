import { daysWithoutBackup } from '../../shared/backup/backup-file-name';
import { useServices } from '../app/app-context';
import { useBackupNow } from './use-backup-restore';
import { useBackupAge } from '../db/backup-queries';
import { daysWithoutBackupText } from './backup-text';
import { StatusMessage } from '../ui/StatusMessage';

/**
 * The web version's reminder on the home screen: after 7 days without a backup (with data to lose),
 * a notice with a button that backs up at once. The desktop app backs up by itself every day.
 */
export function BackupReminder({ now = () => new Date() }: { now?: () => Date }) {
  const { db, platform } = useServices();
  const { state, backUpNow } = useBackupNow();
  const known = useBackupAge(db);
  const days = known
    ? daysWithoutBackup(known.lastBackupAt ? new Date(known.lastBackupAt) : null, known.oldest ? new Date(known.oldest) : null, now())
    : null;
  if (platform.kind !== 'web') return null;
  if (days === null && state.kind !== 'done') return null;
  return (
    <div className="notice notice--warning" role="region" aria-labelledby="backup-reminder-heading">
      {days ? (
        <>
          <h2 id="backup-reminder-heading">{daysWithoutBackupText(days)}</h2>
          <p>
            Everything you enter is kept in this browser on this computer only. A backup file keeps it safe if the computer fails or the
            browser’s data is cleared.
          </p>
          <p>
            <button type="button" className="button" disabled={state.kind === 'working'} onClick={() => void backUpNow()}>
              Back up now
            </button>
          </p>
        </>
      ) : (
        <h2 id="backup-reminder-heading">Backed up</h2>
      )}
      <div role="status" aria-live="polite">
        {state.kind === 'working' ? <p>Making the backup…</p> : null}
        {state.kind === 'done' ? <p>{state.text}</p> : null}
      </div>
      {state.kind === 'failed' ? <StatusMessage kind="error">{state.text}</StatusMessage> : null}
    </div>
  );
}
