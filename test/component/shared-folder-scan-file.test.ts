import { describe, expect, it } from 'vitest';
import { portByteSource } from '../../renderer/export/byte-source-port';
import { runFileJob } from '../../renderer/export/file-jobs';
import type {
  FileJobRequest,
  FileJobResult,
  RangeFile,
  VerifyJobRequest,
  VerifyJobResult,
  VerifyRunner,
} from '../../renderer/export/verify-jobs';
import { desktopSharedFolder } from '../../renderer/platform/electron-platform';
import type { DesktopSharedFolderBridge } from '../../renderer/platform/platform-port';
import { readSourceRange } from '../../shared/formats/byte-source';
import { scanSharedFolder } from '../../renderer/moderation/folder/shared-folder-scan';
import type { SharedFolderPort } from '../../renderer/platform/platform-port';
import { summaryOfEntry } from '../../shared/partnership/regional-overview-summary';
import { freshDatabase } from './render-app';

/**
 * Where the folder gives its files (the web's File) and the runner takes them, the scan hands each
 * file to the worker unread: the page never reads a submission's bytes, the worker's answer gives
 * the file's SHA-256, and a file whose time changed is hashed there before anything is verified.
 */
const T = Date.parse('2026-11-20T10:00:00Z');
const shaOf = (text: string) => text.charCodeAt(0).toString(16).padStart(2, '0').repeat(32);

function folderOf(files: Record<string, string>, times: Record<string, number> = {}) {
  const reads: string[] = [];
  const port: SharedFolderPort = {
    current: async () => ({ state: 'ready', name: 'NE' }),
    choose: async () => 'cancelled',
    requestAccess: async () => ({ state: 'ready', name: 'NE' }),
    list: async () => Object.entries(files).map(([name, text]) => ({ name, size: text.length, lastModified: times[name] ?? T })),
    read: async (_key, name) => {
      reads.push(name);
      return new TextEncoder().encode(files[name] ?? '');
    },
    open: async (_key, name) => {
      const text = files[name];
      if (text === undefined || text === 'gone') throw new Error('not there');
      return new Blob([text]);
    },
    write: async () => 'written',
  };
  return { port, reads };
}

function runner() {
  const jobs: string[] = [];
  const textOf = async (file: Blob | RangeFile) => {
    if (file instanceof Blob) return new TextDecoder().decode(new Uint8Array(await file.arrayBuffer()));
    const source = portByteSource(file.port, file.size);
    try {
      return new TextDecoder().decode(await readSourceRange(source, 0, file.size, 4));
    } finally {
      source.close();
    }
  };
  const run: VerifyRunner = {
    async verify(job: VerifyJobRequest): Promise<VerifyJobResult> {
      jobs.push(`${job.kind}:${'bytes' in job ? new TextDecoder().decode(job.bytes) : ''}`);
      if (job.kind === 'report-alone')
        return { kind: 'report', verification: { ok: false, rejection: { code: 'data-invalid', message: 'A broken report.' } } };
      return { kind: 'failed', message: 'Not expected.' };
    },
    async verifyFile(job: FileJobRequest): Promise<FileJobResult> {
      const text = await textOf(job.file);
      jobs.push(`${job.kind}:${text}`);
      if (job.kind === 'file-sha256') return { kind: 'file-sha256', sha256: shaOf(text) };
      const code = text.startsWith('report') ? 'not-a-submission' : 'signature-mismatch';
      return { kind: 'submission', verification: { ok: false, rejection: { code, message: 'Refused.' } }, fileSha256: shaOf(text) };
    },
  };
  return { run, jobs };
}

describe('scanning a folder whose files go to the worker unread', () => {
  it('verifies each file in the worker, indexes it with the worker’s SHA-256, and reads only what is not a submission', async () => {
    const db = freshDatabase();
    const folder = folderOf({ 'a.pdf': 'a-submission', 'b.pdf': 'report-like', 'c.pdf': 'gone' });
    const { run, jobs } = runner();
    const outcome = await scanSharedFolder({ db, folder: folder.port, verifyJobs: run }, 'p1');
    expect(jobs).toEqual(['submission-file:a-submission', 'submission-file:report-like', 'report-alone:report-like']);
    expect(folder.reads).toEqual([]);
    expect(outcome.verified).toBe(2);
    expect(outcome.unreadable.map((u) => [u.name, u.message.includes('could not be read from the folder')])).toEqual([['c.pdf', true]]);
    const stored = await db.sharedFolderEntries.where('folderKey').equals('p1').sortBy('name');
    expect(stored.map((e) => [e.name, e.sha256, e.valid])).toEqual([
      ['a.pdf', shaOf('a'), false],
      ['b.pdf', shaOf('r'), false],
    ]);
  });

  it('hashes a file whose time changed in the worker, and keeps its entry when its bytes are the same', async () => {
    const db = freshDatabase();
    const files = { 'a.pdf': 'a-submission' };
    const first = runner();
    await scanSharedFolder({ db, folder: folderOf(files).port, verifyJobs: first.run }, 'p1');
    const again = runner();
    const touched = folderOf(files, { 'a.pdf': T + 60_000 });
    const outcome = await scanSharedFolder({ db, folder: touched.port, verifyJobs: again.run }, 'p1');
    expect(again.jobs).toEqual(['file-sha256:a-submission']);
    expect(outcome.confirmedSame).toBe(1);
    expect(touched.reads).toEqual([]);
    const stored = await db.sharedFolderEntries.where('folderKey').equals('p1').toArray();
    expect(stored.map((e) => e.lastModified)).toEqual([T + 60_000]);
  });

  it('on the desktop, serves each file to the worker a range at a time, and reads none whole in the page', async () => {
    const db = freshDatabase();
    const files: Record<string, string> = { 'a.pdf': 'a-submission', 'b.pdf': 'report-like' };
    const ranges: string[] = [];
    const wholeReads: string[] = [];
    const bridge: DesktopSharedFolderBridge = {
      current: async () => ({ name: 'NE' }),
      choose: async () => null,
      list: async () => Object.entries(files).map(([name, text]) => ({ name, size: text.length, lastModified: T })),
      read: async (_key, name) => {
        wholeReads.push(name);
        return new TextEncoder().encode(files[name] ?? '');
      },
      readRange: async (_key, name, offset, length) => {
        ranges.push(`${name}:${offset}+${length}`);
        return new TextEncoder().encode(files[name] ?? '').slice(offset, offset + length);
      },
      write: async () => 'written',
    };
    const { run, jobs } = runner();
    const outcome = await scanSharedFolder({ db, folder: desktopSharedFolder(bridge), verifyJobs: run }, 'p1');
    expect(jobs).toEqual(['submission-file:a-submission', 'submission-file:report-like', 'report-alone:report-like']);
    // Four bytes at a time (the test runner's slice), in order; only the report-like file is read whole, to check it as a report.
    expect(ranges.filter((r) => r.startsWith('a.pdf'))).toEqual(['a.pdf:0+4', 'a.pdf:4+4', 'a.pdf:8+4']);
    expect(wholeReads).toEqual(['b.pdf']);
    expect(outcome.verified).toBe(2);
    const stored = await db.sharedFolderEntries.where('folderKey').equals('p1').sortBy('name');
    expect(stored.map((e) => [e.name, e.sha256])).toEqual([
      ['a.pdf', shaOf('a')],
      ['b.pdf', shaOf('r')],
    ]);
  });

  it('on the desktop, says a file could not be read when the main process fails a range, and indexes nothing for it', async () => {
    const db = freshDatabase();
    const bridge: DesktopSharedFolderBridge = {
      current: async () => ({ name: 'NE' }),
      choose: async () => null,
      list: async () => [{ name: 'big.pdf', size: 40_000_000, lastModified: T }],
      read: async () => {
        throw new Error('not expected');
      },
      // The file's first bytes are read; the next range fails in the main process.
      readRange: async (_key, _name, offset, length) => {
        if (offset > 0) throw new Error('EIO: i/o error, read');
        return new TextEncoder().encode('%PDF-1.7').slice(0, length);
      },
      write: async () => 'written',
    };
    // The worker's own file jobs, run here: the failed range comes back over the port.
    const verifyJobs: VerifyRunner = {
      verify: async () => ({ kind: 'failed', message: 'Not expected.' }),
      verifyFile: (job) => runFileJob(job),
    };
    const outcome = await scanSharedFolder({ db, folder: desktopSharedFolder(bridge), verifyJobs }, 'p1');
    expect(outcome.verified).toBe(0);
    expect(outcome.unreadable).toEqual([
      {
        name: 'big.pdf',
        message: '“big.pdf” could not be read from the folder. If it is still being copied or synced, scan again in a few minutes.',
      },
    ]);
    expect(await db.sharedFolderEntries.count()).toBe(0);
  });

  it('writes each entry with its summary, and a file gone from the folder takes both with it', async () => {
    const db = freshDatabase();
    const files: Record<string, string> = { 'a.pdf': 'a-submission', 'b.pdf': 'b-submission' };
    await scanSharedFolder({ db, folder: folderOf(files).port, verifyJobs: runner().run }, 'p1');
    const entries = await db.sharedFolderEntries.where('folderKey').equals('p1').sortBy('name');
    expect(entries.map((e) => e.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(await db.sharedFolderSummaries.where('folderKey').equals('p1').sortBy('name')).toEqual(entries.map(summaryOfEntry));

    delete files['b.pdf'];
    const outcome = await scanSharedFolder({ db, folder: folderOf(files).port, verifyJobs: runner().run }, 'p1');
    expect(outcome.gone).toBe(1);
    expect((await db.sharedFolderEntries.toArray()).map((e) => e.name)).toEqual(['a.pdf']);
    expect((await db.sharedFolderSummaries.toArray()).map((e) => e.name)).toEqual(['a.pdf']);
  });
});
