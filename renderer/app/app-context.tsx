import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createCatalogue, type FrameworkCatalogue } from '../../shared/framework/framework-catalogue';
import type { LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { Region } from '../../shared/regions/regions';
import type { AppDatabase, ImportedFrameworkRecord } from '../db/app-database';
import { readImportedFrameworkRecords, useImportedFrameworkRecords } from '../db/framework-queries';
import { workerPdfJobRunner, type PdfJobRunner } from '../export/pdf-jobs';
import { workerVerifyRunner, type VerifyRunner } from '../export/verify-jobs';
import type { PlatformPort } from '../platform/platform-port';
import { checkedFrameworksInStorage, loadImportedFramework } from './imported-frameworks';

export interface AppServices {
  db: AppDatabase;
  platform: PlatformPort;
  /** Makes PDFs (submission, portfolio) in a web worker. */
  pdfJobs: PdfJobRunner;
  /** Checks submissions and moderation reports from outside, and reads their embedded files, in a web worker. */
  verifyJobs: VerifyRunner;
  catalogue: FrameworkCatalogue;
  shipped: readonly LoadedFramework[];
  imported: readonly LoadedFramework[];
  /**
   * False until the frameworks imported into this app have been read and checked for the first
   * time: until then a framework the catalogue lacks may still be one of them, not missing.
   */
  importedLoaded: boolean;
  regions: readonly Region[];
}

const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices is used outside <ServicesProvider>');
  return services;
}

type ShippedState =
  { state: 'loading' } | { state: 'ready'; frameworks: LoadedFramework[]; regions: Region[] } | { state: 'broken'; message: string };

let shippedLoad: ReturnType<typeof loadShippedData> | null = null;

/**
 * Starts loading the criteria that come with the app, once for the page: the app's start calls it
 * beside loading the first screen's code and opening the database, so none waits for another.
 */
export function startLoadingShippedData(): ReturnType<typeof loadShippedData> {
  return (shippedLoad ??= loadShippedData({ checkedAtBuild: true }));
}

/** The imported frameworks, checked, with the content hashes of the records they came from. */
interface ImportedLoad {
  hashes: string;
  frameworks: LoadedFramework[];
}

const hashesOf = (records: readonly ImportedFrameworkRecord[]) => records.map((record) => record.contentHash).join(' ');

/** Each checked (in full the first time this app version sees it), all at once rather than one after another. */
async function loadImportedRecords(records: readonly ImportedFrameworkRecord[], appVersion: string): Promise<ImportedLoad> {
  const checked = checkedFrameworksInStorage(globalThis.localStorage, appVersion);
  const results = await Promise.all(records.map((record) => loadImportedFramework(record, checked)));
  return { hashes: hashesOf(records), frameworks: results.flatMap((result) => (result.ok ? [result.framework] : [])) };
}

const importedAtStart = new WeakMap<AppDatabase, Promise<ImportedLoad>>();

/**
 * Reads and checks the imported frameworks once the database is open, before anything is drawn:
 * the app's start calls it, so a screen whose framework is an imported one does not wait for the
 * services' own read of them. The services take this first answer, then follow the records live.
 */
export function startLoadingImportedFrameworks(db: AppDatabase, appVersion: string): Promise<ImportedLoad> {
  let started = importedAtStart.get(db);
  if (!started) {
    started = readImportedFrameworkRecords(db).then((records) => loadImportedRecords(records, appVersion));
    importedAtStart.set(db, started);
  }
  return started;
}

/** Loads the shipped criteria once, then follows imported frameworks live from the database. */
const defaultPdfJobs = workerPdfJobRunner();
const defaultVerifyJobs = workerVerifyRunner();

export function ServicesProvider({
  db,
  platform,
  pdfJobs = defaultPdfJobs,
  verifyJobs = defaultVerifyJobs,
  children,
}: {
  db: AppDatabase;
  platform: PlatformPort;
  pdfJobs?: PdfJobRunner;
  verifyJobs?: VerifyRunner;
  children: ReactNode;
}) {
  const [shipped, setShipped] = useState<ShippedState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    startLoadingShippedData().then(
      (data) => live && setShipped({ state: 'ready', ...data }),
      (error: unknown) => live && setShipped({ state: 'broken', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);

  const importedRecords = useImportedFrameworkRecords(db);
  // Null until first read. The same object while the records' content hashes are the same, so the
  // catalogue (and every framework worked out from it) keeps its identity.
  const [imported, setImported] = useState<ImportedLoad | null>(null);
  useEffect(() => {
    // The app's start may already have read them (a failed read is left to the live one below).
    let live = true;
    importedAtStart.get(db)?.then(
      (first) => live && setImported((current) => current ?? first),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [db]);
  useEffect(() => {
    if (importedRecords === undefined) return undefined; // not read yet
    let live = true;
    void (async () => {
      const early = await importedAtStart.get(db)?.catch(() => null);
      const load = early?.hashes === hashesOf(importedRecords) ? early : await loadImportedRecords(importedRecords, platform.appVersion());
      if (live) setImported((current) => (current?.hashes === load.hashes ? current : load));
    })();
    return () => {
      live = false;
    };
  }, [db, importedRecords, platform]);

  const services = useMemo<AppServices | null>(() => {
    if (shipped.state !== 'ready') return null;
    const importedFrameworks = imported?.frameworks ?? [];
    return {
      db,
      platform,
      pdfJobs,
      verifyJobs,
      shipped: shipped.frameworks,
      imported: importedFrameworks,
      importedLoaded: imported !== null,
      regions: shipped.regions,
      catalogue: createCatalogue([...shipped.frameworks, ...importedFrameworks], shipped.regions),
    };
  }, [db, platform, pdfJobs, verifyJobs, shipped, imported]);

  if (shipped.state === 'broken') {
    return (
      <main className="startup-problem">
        <h1>The app cannot start</h1>
        <p>The accreditation criteria that come with the app are damaged. Reinstall the app; your own data has not been touched.</p>
        <pre>{shipped.message}</pre>
      </main>
    );
  }
  if (!services) {
    return (
      <main className="startup" aria-busy="true">
        <p role="status">Loading the accreditation criteria…</p>
      </main>
    );
  }
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}
