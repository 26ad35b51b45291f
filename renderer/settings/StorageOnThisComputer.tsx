import { useEffect, useState } from 'react';
import { formatBytes } from '../../shared/evidence/evidence-records';
import { persistenceState, storageUse, type PersistenceState, type StorageUse } from '../db/storage-status';

const PERSISTENCE_TEXT: Record<PersistenceState, string> = {
  granted: 'Kept safe: the browser will not clear the app’s data to make space.',
  'not-granted':
    'Not guaranteed: if this computer runs short of space, the browser may clear the app’s data. Back up regularly, and keep the backups somewhere else.',
  unknown: 'Not known: this browser does not say whether it may clear the app’s data. Back up regularly.',
};

/** Settings › Storage on this computer: how much space the app uses and has left, and whether the data is kept safe. */
export function StorageOnThisComputer() {
  const [use, setUse] = useState<StorageUse | null | undefined>(undefined);
  const [persistence, setPersistence] = useState<PersistenceState | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void Promise.all([storageUse(), persistenceState()]).then(([u, p]) => {
      if (!live) return;
      setUse(u);
      setPersistence(p);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <section aria-labelledby="storage-heading">
      <h2 id="storage-heading">Storage on this computer</h2>
      {use === undefined || persistence === undefined ? (
        <p role="status">Checking the storage…</p>
      ) : (
        <>
          {use?.nearlyFull ? (
            <div className="notice notice--warning" data-testid="storage-warning">
              <p>
                <strong>
                  <span className="visually-hidden">Warning: </span>The app has used {Math.round(use.fractionUsed * 100)}% of the space it
                  may use on this computer.
                </strong>{' '}
                When it is full, nothing more can be saved. Back up now, then free some space: remove large evidence files you no longer
                need, or free space on the computer’s disk.
              </p>
            </div>
          ) : null}
          <dl className="summary-list">
            <div>
              <dt>Space used</dt>
              <dd data-testid="storage-use">
                {use
                  ? `${formatBytes(use.usedBytes)} of ${formatBytes(use.quotaBytes)} available to the app (${Math.round(use.fractionUsed * 100)}%)`
                  : 'Not known: this browser does not say.'}
              </dd>
            </div>
            <div>
              <dt>Persistent storage</dt>
              <dd data-testid="storage-persistence">{PERSISTENCE_TEXT[persistence]}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
