import { useEffect, useRef, useState } from 'react';
import { formatBytes } from '../../shared/evidence/evidence-records';
import { useServices } from '../app/app-context';
import { useBackupNow, useRestore } from './use-backup-restore';
import { useBackupDates } from '../db/backup-queries';
import { formatDateTime, KEYS_NOT_IN_BACKUPS, leftOutHeading, restoreQuestion } from './backup-text';
import { ErrorSummary, FieldError } from '../ui/ErrorSummary';
import { StatusMessage } from '../ui/StatusMessage';

const RESTORE_INPUT_ID = 'restore-backup';

/** Settings › Back up and restore. */
export function BackupAndRestore() {
  const { db, platform } = useServices();
  const dates = useBackupDates(db);
  const backup = useBackupNow();
  const restore = useRestore();
  const { state } = restore;
  const [safetyFirst, setSafetyFirst] = useState(true);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const busy = backup.state.kind === 'working' || state.kind === 'checking' || state.kind === 'restoring';

  useEffect(() => {
    if (state.kind === 'confirm') {
      setSafetyFirst(true);
      questionRef.current?.focus();
    }
  }, [state.kind]);

  const problem = state.kind === 'problem' ? state : null;
  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">Back up and restore</h2>
      <p>
        A backup is one file (its name ends in “.senbackup”) holding everything in the app: schools, evaluations, judgements, evidence and
        its files, action plans, imported frameworks and exported submissions. Keep copies away from this computer, for example on the
        school’s network drive or an encrypted USB stick. {KEYS_NOT_IN_BACKUPS}
      </p>
      <p data-testid="last-backup">
        {dates === undefined
          ? 'Checking when the last backup was made…'
          : dates.lastBackupAt
            ? `Last backup: ${formatDateTime(dates.lastBackupAt)}.`
            : 'No backup has been made on this computer yet.'}
      </p>
      {platform.kind === 'desktop' ? (
        <p className="hint">
          The desktop app also saves a backup automatically once a day, in Documents › SEN Accreditation › Backups, and keeps the newest 10.
          {dates?.lastAutomaticBackupAt ? ` The last automatic backup was on ${formatDateTime(dates.lastAutomaticBackupAt)}.` : ''}
        </p>
      ) : null}
      <p>
        <button type="button" className="button" disabled={busy} onClick={() => void backup.backUpNow()}>
          Back up now
        </button>
      </p>
      <div role="status" aria-live="polite">
        {backup.state.kind === 'working' ? <p>Making the backup…</p> : null}
        {backup.state.kind === 'done' ? <p className="notice notice--success">{backup.state.text}</p> : null}
      </div>
      {backup.state.kind === 'failed' ? <StatusMessage kind="error">{backup.state.text}</StatusMessage> : null}

      <div className="panel">
        <h3 id="restore-heading">Restore from a backup</h3>
        {problem ? (
          <ErrorSummary
            title={`“${problem.fileName}” was not restored`}
            problems={[{ fieldId: RESTORE_INPUT_ID, message: problem.message }]}
          />
        ) : null}
        <div className={`field${problem ? ' field--error' : ''}`}>
          <label htmlFor={RESTORE_INPUT_ID}>Restore from a backup…</label>
          <p className="hint" id={`${RESTORE_INPUT_ID}-hint`}>
            Choose a backup file. Every part of it is checked before anything changes, and you are asked before it replaces what is in the
            app.
          </p>
          <FieldError id={`${RESTORE_INPUT_ID}-error`} message={problem?.message} />
          <input
            id={RESTORE_INPUT_ID}
            type="file"
            accept=".senbackup"
            aria-describedby={`${RESTORE_INPUT_ID}-hint${problem ? ` ${RESTORE_INPUT_ID}-error` : ''}`}
            aria-invalid={problem ? true : undefined}
            disabled={busy || state.kind === 'confirm'}
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void restore.choose(file);
            }}
          />
        </div>
        <div role="status" aria-live="polite">
          {state.kind === 'checking' ? <p>{state.step ?? `Checking “${state.fileName}”…`}</p> : null}
          {state.kind === 'restoring' ? <p>{state.step}</p> : null}
          {state.kind === 'restored' ? <p className="notice notice--success">{state.text}</p> : null}
        </div>
        {state.kind === 'confirm' ? (
          <div className="notice notice--warning">
            <p ref={questionRef} tabIndex={-1} data-testid="restore-question">
              {restoreQuestion(state.backup.createdAt, state.backup.appVersion, state.counts)}
            </p>
            <p>
              “{state.fileName}” ({formatBytes(state.backup.fileBytes)}) has been checked in full: every part of it is as it was when it was
              made.
            </p>
            {state.leftOut.length > 0 ? (
              <div data-testid="restore-left-out">
                <p>
                  <strong>{leftOutHeading(state.leftOut.length)}</strong>
                </p>
                <ul>
                  {state.leftOut.map((record, index) => (
                    <li key={index}>
                      {record.what}: {record.why}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {state.hasData ? (
              <div className="checkbox">
                <input
                  id="restore-safety-backup"
                  type="checkbox"
                  checked={safetyFirst}
                  aria-describedby="restore-safety-backup-hint"
                  onChange={(event) => setSafetyFirst(event.target.checked)}
                />
                <label htmlFor="restore-safety-backup">Save a backup of what is in the app now, before restoring</label>
                <p className="hint" id="restore-safety-backup-hint">
                  Recommended: if this turns out to be the wrong backup, you can restore that one to get back to where you are now.
                </p>
              </div>
            ) : null}
            <div className="button-row">
              <button type="button" className="button button--warning" onClick={() => void restore.confirm(state.hasData && safetyFirst)}>
                Replace everything with this backup
              </button>
              <button type="button" className="button button--secondary" onClick={restore.cancel}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
