import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearNotices } from '../../renderer/app/app-notices';
import { runAutomaticBackupIfDue } from '../../renderer/settings/automatic-backup';
import { DatabaseGate } from '../../renderer/app/DatabaseGate';
import { AppDatabase, DATABASE_SCHEMA_VERSION } from '../../renderer/db/app-database';
import { backupDates } from '../../renderer/db/backup-store';
import { META, openAppDatabase } from '../../renderer/db/database-guard';
import { requestPersistentStorage, storageUse, type StorageManagerLike } from '../../renderer/db/storage-status';
import type { PlatformPort } from '../../renderer/platform/platform-port';
import { HomeScreen } from '../../renderer/home/HomeScreen';
import { SettingsScreen } from '../../renderer/settings/SettingsScreen';
import { readBackup } from '../../shared/backup/backup-format';
import { freshDatabase, recordingPlatform, renderWithServices, seedSchoolAndEvaluation } from './render-app';

const DAY = 24 * 60 * 60 * 1000;

function stubStorage(storage: StorageManagerLike | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
}

afterEach(() => {
  stubStorage(undefined);
  clearNotices();
  vi.restoreAllMocks();
});

describe('the reminder to back up (web version, home screen)', () => {
  it('appears after 7 days without a backup, and its button backs up at once', async () => {
    const user = userEvent.setup();
    const db = freshDatabase();
    await openAppDatabase(db, '0.0.0-test');
    const { school } = await seedSchoolAndEvaluation(db);
    await db.schools.update(school.id, { createdAt: new Date(Date.now() - 30 * DAY).toISOString() });
    await db.meta.put({ key: META.lastBackupAt, value: new Date(Date.now() - 10.5 * DAY).toISOString() });
    const platform = recordingPlatform();
    await renderWithServices(<HomeScreen />, { db, platform });

    const reminder = await screen.findByRole('region', { name: 'You have not backed up for 10 days' }, { timeout: 10_000 });
    await user.click(within(reminder).getByRole('button', { name: 'Back up now' }));
    await screen.findByRole('region', { name: 'Backed up' });
    expect(platform.saved.map((s) => s.name)).toEqual([expect.stringMatching(/^sen-accreditation-backup-.*-v0\.0\.0-test\.senbackup$/)]);
    expect(screen.getByRole('status').textContent).toMatch(/^Backup saved as “sen-accreditation-backup-/);
    const { lastBackupAt } = await backupDates(db);
    expect(Date.now() - Date.parse(lastBackupAt ?? '')).toBeLessThan(60_000);
  });

  it('counts from when the school was set up when there has never been a backup', async () => {
    const db = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(db);
    await db.schools.update(school.id, { createdAt: new Date(Date.now() - 8.2 * DAY).toISOString() });
    await renderWithServices(<HomeScreen />, { db });
    await screen.findByRole('region', { name: 'You have not backed up for 8 days' }, { timeout: 10_000 });
  });

  it('is not shown with a recent backup, with no data, or on the desktop (which backs up by itself)', async () => {
    const recent = freshDatabase();
    await seedSchoolAndEvaluation(recent);
    await recent.meta.put({ key: META.lastBackupAt, value: new Date(Date.now() - 2 * DAY).toISOString() });
    const first = await renderWithServices(<HomeScreen />, { db: recent });
    await screen.findByRole('list', { name: 'Schools' }, { timeout: 10_000 });
    expect(screen.queryByRole('region', { name: /backed up/ })).toBeNull();
    first.unmount();

    const empty = await renderWithServices(<HomeScreen />, { db: freshDatabase() });
    await screen.findByText(/No school has been set up yet/, undefined, { timeout: 10_000 });
    expect(screen.queryByRole('region', { name: /backed up/ })).toBeNull();
    empty.unmount();

    const old = freshDatabase();
    const { school } = await seedSchoolAndEvaluation(old);
    await old.schools.update(school.id, { createdAt: new Date(Date.now() - 30 * DAY).toISOString() });
    const desktop: PlatformPort = { ...recordingPlatform(), kind: 'desktop' };
    await renderWithServices(<HomeScreen />, { db: old, platform: desktop });
    await screen.findByRole('list', { name: 'Schools' }, { timeout: 10_000 });
    expect(screen.queryByRole('region', { name: /backed up/ })).toBeNull();
  });
});

describe('Settings › Storage on this computer', () => {
  it('shows the space used and available, warns at 80%, and says whether storage is persistent', async () => {
    stubStorage({ estimate: async () => ({ usage: 850 * 1024 * 1024, quota: 1000 * 1024 * 1024 }), persisted: async () => true });
    await renderWithServices(<SettingsScreen />);
    const section = await screen.findByRole('region', { name: 'Storage on this computer' }, { timeout: 10_000 });
    await within(section).findByText('850.0 MB of 1000.0 MB available to the app (85%)');
    expect(within(section).getByTestId('storage-warning').textContent).toMatch(
      /^Warning: The app has used 85% of the space it may use on this computer\. When it is full, nothing more can be saved\. Back up now/,
    );
    expect(within(section).getByTestId('storage-persistence').textContent).toBe(
      'Kept safe: the browser will not clear the app’s data to make space.',
    );
  });

  it('gives no warning below 80%, and says plainly when storage is not persistent', async () => {
    stubStorage({ estimate: async () => ({ usage: 79, quota: 100 }), persisted: async () => false });
    await renderWithServices(<SettingsScreen />);
    const section = await screen.findByRole('region', { name: 'Storage on this computer' }, { timeout: 10_000 });
    await within(section).findByText('79 bytes of 100 bytes available to the app (79%)');
    expect(within(section).queryByTestId('storage-warning')).toBeNull();
    expect(within(section).getByTestId('storage-persistence').textContent).toMatch(/^Not guaranteed: if this computer runs short of space/);
  });

  it('copes with a browser that says nothing', async () => {
    stubStorage(undefined);
    expect(await storageUse()).toBeNull();
    expect(await requestPersistentStorage()).toBe('unknown');
    await renderWithServices(<SettingsScreen />);
    const section = await screen.findByRole('region', { name: 'Storage on this computer' }, { timeout: 10_000 });
    await within(section).findByText('Not known: this browser does not say.');
  });

  it('asks for persistent storage only when it is not already granted', async () => {
    const persist = vi.fn(async () => true);
    expect(await requestPersistentStorage({ persisted: async () => true, persist })).toBe('granted');
    expect(persist).not.toHaveBeenCalled();
    expect(await requestPersistentStorage({ persisted: async () => false, persist })).toBe('granted');
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe('not-granted');
  });
});

describe('the desktop’s daily automatic backup', () => {
  function desktopPlatform() {
    const written: { name: string; data: Blob }[] = [];
    const platform: PlatformPort & { written: typeof written } = {
      ...recordingPlatform(),
      kind: 'desktop',
      written,
      writeAutomaticBackup: async (name, data) => {
        written.push({ name, data });
      },
    };
    return platform;
  }

  it('writes one backup a day when there is data, and records it', async () => {
    const db = freshDatabase();
    await openAppDatabase(db, '0.0.0-test');
    const platform = desktopPlatform();
    expect(await runAutomaticBackupIfDue(db, platform)).toBe('no-data');
    await seedSchoolAndEvaluation(db);
    const morning = new Date(2026, 10, 24, 9, 0);
    expect(await runAutomaticBackupIfDue(db, platform, morning)).toEqual({ saved: platform.written[0]?.name });
    expect(await runAutomaticBackupIfDue(db, platform, new Date(2026, 10, 24, 17, 0))).toBe('not-due');
    expect(await runAutomaticBackupIfDue(db, platform, new Date(2026, 10, 25, 8, 0))).toEqual({ saved: platform.written[1]?.name });
    expect(platform.written).toHaveLength(2);
    const read = await readBackup(platform.written[0]!.data, { appVersion: '0.0.0-test', schemaVersion: DATABASE_SCHEMA_VERSION });
    expect(read.ok).toBe(true);
    expect(await backupDates(db)).toEqual({
      lastBackupAt: expect.any(String),
      lastAutomaticBackupAt: new Date(2026, 10, 25, 8, 0).toISOString(),
    });
    expect(await runAutomaticBackupIfDue(db, recordingPlatform())).toBe('unsupported');
  });

  it('says so when the backup cannot be written, and does not record it', async () => {
    const db = freshDatabase();
    await seedSchoolAndEvaluation(db);
    const platform: PlatformPort = {
      ...recordingPlatform(),
      kind: 'desktop',
      writeAutomaticBackup: async () => {
        throw new Error('the disk is full');
      },
    };
    await expect(runAutomaticBackupIfDue(db, platform)).rejects.toThrow(
      'Today’s automatic backup could not be saved in Documents › SEN Accreditation › Backups (the disk is full). Your work in the app is safe; use Settings › Back up now to save a backup somewhere else.',
    );
    expect((await backupDates(db)).lastAutomaticBackupAt).toBeNull();
  });
});

describe('the start-up gate', () => {
  it('shows a full-screen message instead of the app for data from a newer version', async () => {
    const name = `gate-newer-${Date.now()}`;
    const newer = new AppDatabase(name);
    await openAppDatabase(newer, '5.0.0');
    await newer.meta.bulkPut([
      { key: META.schemaVersion, value: DATABASE_SCHEMA_VERSION + 2 },
      { key: META.appVersion, value: '5.0.0' },
    ]);
    newer.close();
    const child = vi.fn(() => <p>The app</p>);
    const Child = child;
    render(
      <DatabaseGate db={new AppDatabase(name)} platform={{ ...recordingPlatform(), appVersion: () => '0.1.0' }}>
        <Child />
      </DatabaseGate>,
    );
    await screen.findByRole('heading', { level: 1, name: 'This data was written by a newer version of the app' });
    expect(screen.getByRole('alert').textContent).toMatch(
      /^This data was written by a newer version \(5\.0\.0\) of SEN Accreditation than this one \(version 0\.1\.0\)\./,
    );
    expect(child).not.toHaveBeenCalled();
  });

  it('opens the app, and shows a storage failure that no screen caught', async () => {
    const db = freshDatabase();
    render(
      <DatabaseGate db={db} platform={recordingPlatform()}>
        <main>
          <h1>The app</h1>
        </main>
      </DatabaseGate>,
    );
    await screen.findByRole('heading', { level: 1, name: 'The app' });
    await waitFor(async () => expect(await db.meta.get(META.appVersion)).toEqual({ key: META.appVersion, value: '0.0.0-test' }));
    act(() => {
      const event = Object.assign(new Event('unhandledrejection'), {
        reason: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      });
      window.dispatchEvent(event);
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /^There is not enough storage space on this computer to save your latest change\. Nothing was changed\./,
    );
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Dismiss this message' }));
    expect(screen.getByRole('alert').textContent).toBe('');
  });
});
