import { describe, expect, it } from 'vitest';
import * as electronRotation from '../../electron/backup-rotation';
import { compareAppVersions, isNewerAppVersion } from '../../shared/backup/app-version';
import * as shared from '../../shared/backup/backup-file-name';

describe('backup names are the same on both sides', () => {
  // electron/ cannot load shared/ at run time, so it keeps a copy: these hold the two together.
  const dates = [
    new Date('2026-11-24T09:30:00.456Z'),
    new Date('2027-01-02T03:04:05+01:00'),
    new Date('1999-12-31T23:59:59Z'),
    new Date(Date.UTC(2026, 1, 28, 0, 0, 0)),
  ];
  const versions = ['0.1.0', '1.0.0-beta.2', '', '../1.0:0*?"<>|+build', 'x'.repeat(100)];

  it('gives the same names, and reads them back the same', () => {
    for (const date of dates)
      for (const version of versions) {
        const name = shared.backupFileName(date, version);
        expect(name).toBe(electronRotation.backupFileName(date, version));
        expect(shared.parseBackupFileName(name)).toEqual(electronRotation.parseBackupFileName(name));
      }
    expect(shared.BACKUP_PREFIX).toBe(electronRotation.BACKUP_PREFIX);
    expect(shared.BACKUP_EXTENSION).toBe(electronRotation.BACKUP_EXTENSION);
  });

  it('agrees on when a backup is due', () => {
    const now = new Date(2026, 10, 24, 12, 0);
    for (const last of [null, new Date(2026, 10, 24, 0, 1), new Date(2026, 10, 23, 23, 59), new Date(2026, 10, 30), new Date(Number.NaN)])
      expect(shared.isBackupDue(last, now)).toBe(electronRotation.isBackupDue(last, now));
  });
});

describe('the reminder to back up', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

  it('says nothing when there is no data', () => {
    expect(shared.daysWithoutBackup(null, null, now)).toBeNull();
    expect(shared.daysWithoutBackup(daysAgo(30), null, now)).toBeNull();
  });

  it('says nothing within 7 days of the last backup', () => {
    expect(shared.daysWithoutBackup(daysAgo(6.9), daysAgo(100), now)).toBeNull();
    expect(shared.daysWithoutBackup(daysAgo(0), daysAgo(100), now)).toBeNull();
  });

  it('counts whole days from the last backup once there are 7', () => {
    expect(shared.daysWithoutBackup(daysAgo(7), daysAgo(100), now)).toBe(7);
    expect(shared.daysWithoutBackup(daysAgo(12.5), daysAgo(100), now)).toBe(12);
  });

  it('with no backup ever, counts from the oldest data', () => {
    expect(shared.daysWithoutBackup(null, daysAgo(3), now)).toBeNull();
    expect(shared.daysWithoutBackup(null, daysAgo(9), now)).toBe(9);
  });

  it('takes a backup dated in the future (a wrong clock) as recent', () => {
    expect(shared.daysWithoutBackup(daysAgo(-5), daysAgo(100), now)).toBeNull();
  });
});

describe('app versions', () => {
  it.each([
    ['0.1.0', '0.1.0', 0],
    ['0.2.0', '0.1.9', 1],
    ['0.10.0', '0.9.0', 1],
    ['1.0.0', '1.0.0-beta.2', 1],
    ['1.0.0-beta.2', '1.0.0-beta.10', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-1', '1.0.0-alpha', -1],
    ['1.0.0+build.5', '1.0.0', 0],
  ])('%s against %s: %i', (a, b, order) => {
    expect(compareAppVersions(a, b)).toBe(order);
    expect(compareAppVersions(b, a)).toBe(order === 0 ? 0 : -order);
  });

  it('does not guess about text that is not a version, and counts it as newer when asked', () => {
    expect(compareAppVersions('latest', '0.1.0')).toBeNull();
    expect(isNewerAppVersion('latest', '0.1.0')).toBe(true);
    expect(isNewerAppVersion('0.0.1', 'dev')).toBe(false);
    expect(isNewerAppVersion('0.1.1', '0.1.0')).toBe(true);
    expect(isNewerAppVersion('0.1.0', '0.1.0')).toBe(false);
  });
});
