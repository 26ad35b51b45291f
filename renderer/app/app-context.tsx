import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createCatalogue, type FrameworkCatalogue } from '../../shared/framework/framework-catalogue';
import type { LoadedFramework } from '../../shared/framework/framework-types';
import { loadShippedData } from '../../shared/framework/shipped-frameworks';
import type { Region } from '../../shared/regions/regions';
import type { AppDatabase } from '../db/app-database';
import { useImportedFrameworkRecords } from '../db/framework-queries';
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
  // Null until first read.
  const [imported, setImported] = useState<LoadedFramework[] | null>(null);
  useEffect(() => {
    if (importedRecords === undefined) return undefined; // not read yet
    let live = true;
    void (async () => {
      // Each checked (in full the first time this app version sees it), all at once rather than one after another.
      const checked = checkedFrameworksInStorage(globalThis.localStorage, platform.appVersion());
      const results = await Promise.all(importedRecords.map((record) => loadImportedFramework(record, checked)));
      const loaded = results.flatMap((result) => (result.ok ? [result.framework] : []));
      if (live) setImported(loaded);
    })();
    return () => {
      live = false;
    };
  }, [importedRecords, platform]);

  const services = useMemo<AppServices | null>(() => {
    if (shipped.state !== 'ready') return null;
    const importedFrameworks = imported ?? [];
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
