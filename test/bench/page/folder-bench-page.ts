import { AppDatabase } from '../../../renderer/db/app-database';
import { openAppDatabase } from '../../../renderer/db/database-guard';
import { clearFolderIndex, putFolderEntries, storedFolderEntries } from '../../../renderer/db/shared-folder-store';
import type { FolderHandleStore } from '../../../renderer/db/folder-handle-store';
import { workerVerifyRunner } from '../../../renderer/export/verify-jobs';
import { scanSharedFolder } from '../../../renderer/moderation/folder/shared-folder-scan';
import { createWebSharedFolder, type FolderDirectoryHandle } from '../../../renderer/platform/web-shared-folder';
import type { SharedFolderPort } from '../../../renderer/platform/platform-port';
import { sharedFolderEntryKey, summariseIndex, type SharedFolderEntry } from '../../../shared/moderation/shared-folder-index';
import type { FolderScanResult } from '../bench-api';
import { BENCH_FOLDER_PATH } from '../bench-server-paths';

/**
 * The shared folder at scale (issue 19): the folder is a folder of the origin's private file system,
 * a real FileSystemDirectoryHandle as the shared-folder e2e uses, read through the app's web adapter
 * (createWebSharedFolder), scanned by the app's scan (scanSharedFolder) into the app's IndexedDB, each
 * file verified in the app's verify worker: the path a moderator's browser takes, end to end.
 */
declare const __APP_VERSION__: string;

const now = () => performance.now();

let db: AppDatabase | null = null;
let verifyRunner: ReturnType<typeof workerVerifyRunner> | null = null;
const ports = new Map<string, SharedFolderPort>();

async function database(): Promise<AppDatabase> {
  if (db) return db;
  const opened = new AppDatabase();
  const result = await openAppDatabase(opened, __APP_VERSION__);
  if (!result.ok) throw new Error(result.message);
  db = opened;
  return opened;
}

async function directory(folder: string): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(folder, { create: true });
}

/** The app's web adapter over the private folder, remembered as the workspace's folder (its key is the folder's name). */
async function portFor(folder: string): Promise<SharedFolderPort> {
  const known = ports.get(folder);
  if (known) return known;
  const handle = (await directory(folder)) as unknown as FolderDirectoryHandle;
  const remembered = new Map<string, FolderDirectoryHandle>();
  const handles: FolderHandleStore = {
    get: async (key) => remembered.get(key),
    put: async (key, value) => {
      remembered.set(key, value);
    },
  };
  const port = createWebSharedFolder(async () => handle, handles);
  const chosen = await port.choose(folder);
  if (chosen === 'cancelled' || chosen.state !== 'ready') throw new Error(`the private folder ${folder} could not be chosen`);
  ports.set(folder, port);
  return port;
}

export async function folderCopy(folder: string, names: readonly string[]): Promise<{ files: number; bytes: number; ms: number }> {
  const started = now();
  const dir = await directory(folder);
  let bytes = 0;
  for (const name of names) {
    // The bench's own local server: the runner's generated folder, copied into the private folder.
    // eslint-disable-next-line no-restricted-syntax
    const response = await fetch(`${BENCH_FOLDER_PATH}${encodeURIComponent(name)}`);
    if (!response.ok || !response.body) throw new Error(`${name}: ${response.status}`);
    const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
    await response.body.pipeTo(writable);
    bytes += Number(response.headers.get('content-length') ?? 0);
  }
  return { files: names.length, bytes, ms: now() - started };
}

export async function folderScan(folder: string): Promise<FolderScanResult> {
  const appDb = await database();
  const folderPort = await portFor(folder);
  verifyRunner ??= workerVerifyRunner();
  const started = now();
  const outcome = await scanSharedFolder({ db: appDb, folder: folderPort, verifyJobs: verifyRunner }, folder);
  const ms = now() - started;
  const summary = summariseIndex(await storedFolderEntries(appDb, folder));
  return {
    ms,
    verified: outcome.verified,
    confirmedSame: outcome.confirmedSame,
    unchanged: outcome.unchanged,
    unreadable: outcome.unreadable.length,
    unreadableMessages: outcome.unreadable.map((u) => `${u.name}: ${u.message}`),
    indexedSubmissions: summary.submissions.length,
    failed: summary.failed.length,
  };
}

export async function folderVerifyAlone(folder: string, names: readonly string[]): Promise<{ files: number; ms: number; valid: number }> {
  const dir = await directory(folder);
  verifyRunner ??= workerVerifyRunner();
  let valid = 0;
  const started = now();
  for (const name of names) {
    const file = await (await dir.getFileHandle(name)).getFile();
    const result = await verifyRunner.verify({ kind: 'submission', bytes: new Uint8Array(await file.arrayBuffer()) });
    if (result.kind === 'submission' && result.verification.ok) valid += 1;
  }
  return { files: names.length, ms: now() - started, valid };
}

/**
 * A partnership workspace whose folder key is the folder's name, so the app's Regional overview
 * (#/partnerships/<folder>/overview) reads the folder's index; its root is never used here.
 */
export async function folderPartnership(folder: string): Promise<{ submissions: number; localAuthorities: string[]; phases: string[] }> {
  const appDb = await database();
  await appDb.partnerships.put({
    id: folder,
    name: 'Bench Regional Partnership',
    region: 'Bench region',
    rootFingerprint: '0'.repeat(64),
    createdAt: new Date().toISOString(),
    revocationListNumber: 0,
  });
  const entries = await storedFolderEntries(appDb, folder);
  const details = entries.flatMap((e) => (e.valid && e.submission?.detail ? [e.submission.detail] : []));
  return {
    submissions: details.length,
    localAuthorities: [...new Set(details.map((d) => d.localAuthority))].sort(),
    phases: [...new Set(details.map((d) => d.phase))].sort(),
  };
}

/**
 * For BENCH_ONLY=overview only: the folder's indexed submissions copied until the index holds
 * `total`, each copy its own file, hash, school and URN (the local authorities in turn), so the
 * overview can be worked on without the 2,000-file scan. The full section 7 scans real files.
 */
export async function folderMultiply(folder: string, total: number): Promise<{ entries: number }> {
  const appDb = await database();
  const entries = (await storedFolderEntries(appDb, folder)).filter((e) => e.valid && e.submission?.detail);
  const las = [...new Set(entries.map((e) => e.submission?.detail?.localAuthority ?? ''))];
  const copies: SharedFolderEntry[] = [];
  for (let i = entries.length; i < total; i += 1) {
    const from = entries[i % entries.length];
    const submission = from?.submission;
    const detail = submission?.detail;
    if (!from || !submission || !detail) continue;
    const name = `copy-${String(i).padStart(4, '0')}-${from.name}`;
    const la = las[i % las.length] ?? detail.localAuthority;
    copies.push({
      ...from,
      key: sharedFolderEntryKey(folder, name),
      name,
      sha256: `${i.toString(16).padStart(8, '0')}${from.sha256.slice(8)}`,
      submission: {
        ...submission,
        submissionId: `${submission.submissionId}-copy-${i}`,
        schoolName: `School ${String(i + 1).padStart(4, '0')} ${la}`,
        urn: String(200000 + i),
        detail: { ...detail, localAuthority: la },
      },
    });
  }
  await putFolderEntries(appDb, copies);
  return { entries: (await storedFolderEntries(appDb, folder)).length };
}

/** For BENCH_ONLY=folder-memory: the folder's index forgotten, so the next scan reads and checks every file again. */
export async function folderForget(folder: string): Promise<void> {
  await clearFolderIndex(await database(), folder);
}

export function folderRelease(): void {
  verifyRunner?.close();
  verifyRunner = null;
}
