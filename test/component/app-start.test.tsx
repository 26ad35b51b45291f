import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearNotices } from '../../renderer/app/app-notices';
import { DatabaseGate, startOpeningDatabase } from '../../renderer/app/DatabaseGate';
import { AppDatabase, DATABASE_SCHEMA_VERSION } from '../../renderer/db/app-database';
import { META, openAppDatabase } from '../../renderer/db/database-guard';
import { freshDatabase, recordingPlatform } from './render-app';

afterEach(() => {
  vi.restoreAllMocks();
  clearNotices();
});

/** Counts the IndexedDB opens of one database from here on. */
function countOpens(name: string): { count: () => number } {
  const factory = globalThis.indexedDB;
  const original = factory.open.bind(factory);
  let opens = 0;
  vi.spyOn(factory, 'open').mockImplementation((opened: string, version?: number) => {
    if (opened === name) opens += 1;
    return original(opened, version);
  });
  return { count: () => opens };
}

describe('the database guard at start-up', () => {
  it('writes nothing when the data already names this build, and opens the data as it is', async () => {
    const first = freshDatabase();
    expect(await openAppDatabase(first, '0.3.0-test')).toEqual({ ok: true });
    await first.schools.put({ id: 'kept' } as never);
    first.close();

    const again = new AppDatabase(first.name);
    const transaction = vi.spyOn(again, 'transaction');
    expect(await openAppDatabase(again, '0.3.0-test')).toEqual({ ok: true });
    expect(transaction).not.toHaveBeenCalled();
    expect(await again.meta.bulkGet([META.schemaVersion, META.appVersion])).toEqual([
      { key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION },
      { key: META.appVersion, value: '0.3.0-test' },
    ]);
    expect(await again.schools.get('kept')).toEqual({ id: 'kept' });
    again.close();
  });

  it('records another app version that opens the data', async () => {
    const first = freshDatabase();
    await openAppDatabase(first, '0.3.0-test');
    first.close();
    const later = new AppDatabase(first.name);
    expect(await openAppDatabase(later, '0.4.0-test')).toEqual({ ok: true });
    expect(await later.meta.get(META.appVersion)).toEqual({ key: META.appVersion, value: '0.4.0-test' });
    later.close();
  });
});

describe('the start-up gate', () => {
  it('waits for the opening the app’s start began, so the database is opened once', async () => {
    const db = freshDatabase();
    const opens = countOpens(db.name);
    const platform = recordingPlatform();
    const opening = startOpeningDatabase(db, platform);
    render(
      <DatabaseGate db={db} platform={platform}>
        <main>
          <h1>The app</h1>
        </main>
      </DatabaseGate>,
    );
    await screen.findByRole('heading', { level: 1, name: 'The app' });
    expect(await opening).toEqual({ ok: true });
    expect(startOpeningDatabase(db, platform)).toBe(opening);
    // One look at the data as it is on disk, and Dexie's own open.
    expect(opens.count()).toBe(2);
    db.close();
  });

  it('shows a failed open in plain words, full screen, and draws nothing of the app', async () => {
    const db = freshDatabase();
    const factory = globalThis.indexedDB;
    const original = factory.open.bind(factory);
    vi.spyOn(factory, 'open').mockImplementation((name: string, version?: number) => {
      if (name === db.name) throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
      return original(name, version);
    });
    const child = vi.fn(() => <p>The app</p>);
    const Child = child;
    render(
      <DatabaseGate db={db} platform={recordingPlatform()}>
        <Child />
      </DatabaseGate>,
    );
    await screen.findByRole('heading', { level: 1, name: 'The app cannot open its data' });
    expect(screen.getByRole('alert').textContent).toBe(
      'The app could not open its storage on this computer. Close every window of the app and start it again; if that does not help, restart the computer. Your data has not been changed.',
    );
    expect(child).not.toHaveBeenCalled();
  });

  it('waits while another window holds the older data open, and opens once it lets go', async () => {
    const name = freshDatabase().name;
    // An older version's window: its database at schema 17, kept open, not closing when asked.
    const older = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = globalThis.indexedDB.open(name, 170);
      request.onupgradeneeded = () => request.result.createObjectStore('meta', { keyPath: 'key' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('open failed'));
    });
    const db = new AppDatabase(name);
    render(
      <DatabaseGate db={db} platform={recordingPlatform()}>
        <main>
          <h1>The app</h1>
        </main>
      </DatabaseGate>,
    );
    await screen.findByText(
      'Close SEN Accreditation in your other windows or browser tabs to carry on: your data is being updated to this version.',
    );
    expect(screen.queryByRole('heading', { name: 'The app' })).toBeNull();
    older.close();
    await screen.findByRole('heading', { level: 1, name: 'The app' });
    expect(db.verno).toBe(DATABASE_SCHEMA_VERSION);
    expect(await db.meta.get(META.schemaVersion)).toEqual({ key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION });
    db.close();
  });
});
