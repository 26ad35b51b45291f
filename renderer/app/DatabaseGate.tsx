import { useEffect, useState, type ReactNode } from 'react';
import type { AppDatabase } from '../db/app-database';
import { openAppDatabase, watchForNewerVersion, type OpenOutcome } from '../db/database-guard';
import { describeStorageError, UserFacingError } from '../db/storage-errors';
import { requestPersistentStorage } from '../db/storage-status';
import type { PlatformPort } from '../platform/platform-port';
import { useMenuCommands } from '../platform/use-menu-commands';
import { dismissNotice, reportNotice, useAppNotices } from './app-notices';
import { href, navigate } from './hash-route';

// The backup code (and, through a restore's checks, the certificate code) is loaded only when a
// backup is made: no first screen needs it, and the web app never backs up by itself.
const loadAutomaticBackup = () => import('../settings/automatic-backup');

/** Names of what IndexedDB and Dexie throw when a read or write fails. */
const STORAGE_ERROR_NAMES = new Set([
  'AbortError',
  'BulkError',
  'ConstraintError',
  'DataCloneError',
  'DataError',
  'DatabaseClosedError',
  'InvalidStateError',
  'ModifyError',
  'OpenFailedError',
  'PrematureCommitError',
  'QuotaExceededError',
  'ReadOnlyError',
  'TransactionInactiveError',
  'UnknownError',
  'VersionError',
]);

function isStorageError(reason: unknown): boolean {
  const name = (reason as { name?: unknown } | null)?.name;
  return typeof name === 'string' && STORAGE_ERROR_NAMES.has(name);
}

interface Opening {
  outcome: Promise<OpenOutcome>;
  /** Whether the upgrade is waiting for another window that has the older data open. */
  blocked: boolean;
  onBlocked: Set<() => void>;
}

const openings = new WeakMap<AppDatabase, Opening>();

function openingOf(db: AppDatabase, platform: PlatformPort): Opening {
  const known = openings.get(db);
  if (known) return known;
  const backUpFirst = platform.writeAutomaticBackup
    ? async (storedSchema: number) => {
        const { backUpBeforeMigration } = await loadAutomaticBackup();
        await backUpBeforeMigration(db.name, storedSchema, platform);
      }
    : undefined;
  const opening: Opening = { outcome: Promise.resolve({ ok: true }), blocked: false, onBlocked: new Set() };
  const blocked = () => {
    opening.blocked = true;
    for (const listener of opening.onBlocked) listener();
  };
  opening.outcome = openAppDatabase(db, platform.appVersion(), globalThis.indexedDB, backUpFirst, blocked).then((result) => {
    if (result.ok && result.warning) reportNotice('problem', result.warning);
    return result;
  });
  openings.set(db, opening);
  return opening;
}

/**
 * Starts opening the app's database, once per database object: the app's start calls it before
 * anything is drawn (beside loading the first screen's code and the font), and the gate then
 * waits for the same opening rather than starting its own.
 */
export function startOpeningDatabase(db: AppDatabase, platform: PlatformPort): Promise<OpenOutcome> {
  return openingOf(db, platform).outcome;
}

/**
 * Opens the database before anything else touches it, and refuses (full screen, writing nothing)
 * data from a newer version. Then: asks for persistent storage, makes the desktop's daily backup,
 * and shows any storage failure that no screen caught.
 */
export function DatabaseGate({ db, platform, children }: { db: AppDatabase; platform: PlatformPort; children: ReactNode }) {
  const [outcome, setOutcome] = useState<OpenOutcome | null>(null);
  const [blocked, setBlocked] = useState(false);
  const appVersion = platform.appVersion();

  useEffect(() => {
    let live = true;
    const opening = openingOf(db, platform);
    const showBlocked = () => setBlocked(true);
    if (opening.blocked) showBlocked();
    opening.onBlocked.add(showBlocked);
    void opening.outcome.then((result) => {
      if (live) setOutcome(result);
    });
    return () => {
      live = false;
      opening.onBlocked.delete(showBlocked);
    };
  }, [db, platform]);

  const open = outcome?.ok === true;
  useEffect(() => {
    if (!open) return undefined;
    void requestPersistentStorage();
    const stopWatching = watchForNewerVersion(db, appVersion, setOutcome);
    const onRejection = (event: PromiseRejectionEvent) => {
      if (isStorageError(event.reason)) reportNotice('problem', describeStorageError(event.reason, 'your latest change'));
    };
    window.addEventListener('unhandledrejection', onRejection);
    if (platform.writeAutomaticBackup) {
      loadAutomaticBackup()
        .then(({ runAutomaticBackupIfDue }) => runAutomaticBackupIfDue(db, platform))
        .catch((error: unknown) => {
          reportNotice('problem', error instanceof Error ? error.message : String(error));
        });
    }
    return () => {
      stopWatching();
      window.removeEventListener('unhandledrejection', onRejection);
    };
  }, [open, db, appVersion, platform]);

  useMenuCommands(platform, {
    'back-up': () => {
      if (!open) return;
      void backUpFromMenu(db, platform);
    },
    restore: () => {
      if (!open) return;
      navigate(href.settings());
      focusWhenShown('restore-backup');
    },
  });

  if (outcome === null) {
    return (
      <main className="startup" aria-busy="true">
        <p role="status">
          {blocked
            ? 'Close SEN Accreditation in your other windows or browser tabs to carry on: your data is being updated to this version.'
            : 'Opening your data…'}
        </p>
      </main>
    );
  }
  if (!outcome.ok) {
    return (
      <main className="startup-problem">
        {outcome.kind === 'newer' ? <h1>This data was written by a newer version of the app</h1> : <h1>The app cannot open its data</h1>}
        <p role="alert">{outcome.message}</p>
      </main>
    );
  }
  return (
    <>
      {children}
      <AppNotices />
    </>
  );
}

async function backUpFromMenu(db: AppDatabase, platform: PlatformPort): Promise<void> {
  try {
    const [{ makeBackup, recordBackupSaved }, { backupSavedText }] = await Promise.all([
      import('../db/backup-store'),
      import('../settings/backup-text'),
    ]);
    const made = await makeBackup(db, platform.appVersion());
    if ((await platform.saveFile(made.fileName, made.file)) === 'cancelled') return;
    await recordBackupSaved(db, made.createdAt);
    reportNotice('info', backupSavedText(made));
  } catch (error) {
    reportNotice('problem', error instanceof UserFacingError || error instanceof Error ? error.message : String(error));
  }
}

/** Focuses an element once the screen that holds it has rendered (a menu command navigated there). */
function focusWhenShown(id: string, triesLeft = 50): void {
  const element = document.getElementById(id);
  if (element) element.focus();
  else if (triesLeft > 0) setTimeout(() => focusWhenShown(id, triesLeft - 1), 50);
}

/** Problems and news from outside the current screen: problems as alerts, news as a status. */
function AppNotices() {
  const notices = useAppNotices();
  const problems = notices.filter((n) => n.kind === 'problem');
  const news = notices.filter((n) => n.kind === 'info');
  return (
    <div className="app-notices">
      <div role="alert">
        {problems.map((n) => (
          <NoticeLine key={n.id} id={n.id} text={n.text} className="notice notice--error" />
        ))}
      </div>
      <div role="status" aria-live="polite">
        {news.map((n) => (
          <NoticeLine key={n.id} id={n.id} text={n.text} className="notice notice--success" />
        ))}
      </div>
    </div>
  );
}

function NoticeLine({ id, text, className }: { id: number; text: string; className: string }) {
  return (
    <div className={className}>
      <p>{text}</p>
      <button type="button" className="button button--secondary" onClick={() => dismissNotice(id)}>
        Dismiss <span className="visually-hidden">this message</span>
      </button>
    </div>
  );
}
