import { describe, expect, it } from 'vitest';
import { compareAppVersions, isNewerAppVersion } from '../../shared/backup/app-version';
import { backupFileName, daysWithoutBackup, isBackupDue, parseBackupFileName } from '../../shared/backup/backup-file-name';

const at = (iso: string) => new Date(iso);

describe('backup file names', () => {
  it('names a backup by its UTC time and the app version', () => {
    expect(backupFileName(at('2026-11-24T09:30:00.456Z'), '0.1.0')).toBe('sen-accreditation-backup-2026-11-24T09-30-00Z-v0.1.0.senbackup');
    expect(backupFileName(at('2027-01-02T03:04:05+01:00'), '1.0.0-beta.2')).toBe(
      'sen-accreditation-backup-2027-01-02T02-04-05Z-v1.0.0-beta.2.senbackup',
    );
  });

  it('makes names Windows accepts, whatever the version says', () => {
    const name = backupFileName(at('2026-11-24T09:30:00Z'), '../1.0:0*?"<>|+build');
    expect(name).not.toMatch(/[\\/:*?"<>|]/);
    expect(name).toBe('sen-accreditation-backup-2026-11-24T09-30-00Z-v1.0-0-build.senbackup');
    expect(backupFileName(at('2026-11-24T09:30:00Z'), '')).toContain('-vunknown.');
    expect(() => backupFileName(new Date(Number.NaN), '0.1.0')).toThrow(RangeError);
  });

  it('reads back the time and version', () => {
    const date = at('2026-11-24T09:30:07Z');
    expect(parseBackupFileName(backupFileName(date, '0.1.0'))).toEqual({ takenAt: date, appVersion: '0.1.0' });
  });

  it.each([
    ['notes.txt'],
    ['sen-accreditation-backup-2026-11-24T09-30-00Z-v0.1.0.senbackup.partial'],
    ['SEN-ACCREDITATION-BACKUP-2026-11-24T09-30-00Z-v0.1.0.senbackup'],
    ['sen-accreditation-backup-2026-11-24T09:30:00Z-v0.1.0.senbackup'],
    ['sen-accreditation-backup-2026-02-30T09-30-00Z-v0.1.0.senbackup'],
    ['sen-accreditation-backup-2026-11-24T25-30-00Z-v0.1.0.senbackup'],
    ['sen-accreditation-backup-2026-11-24T09-30-00Z-v.senbackup'],
    ['copy of sen-accreditation-backup-2026-11-24T09-30-00Z-v0.1.0.senbackup'],
  ])('does not take %s for one of ours', (name) => {
    expect(parseBackupFileName(name)).toBeNull();
  });
});

describe('when a backup is due', () => {
  it('is due when there has been none', () => {
    expect(isBackupDue(null, new Date())).toBe(true);
    expect(isBackupDue(undefined, new Date())).toBe(true);
    expect(isBackupDue(new Date(Number.NaN), new Date())).toBe(true);
  });

  it('is due once per calendar day in local time', () => {
    const last = new Date(2026, 10, 24, 8, 0);
    expect(isBackupDue(last, new Date(2026, 10, 24, 23, 59))).toBe(false);
    expect(isBackupDue(new Date(2026, 10, 24, 23, 59), new Date(2026, 10, 25, 0, 1))).toBe(true);
    expect(isBackupDue(last, new Date(2026, 11, 24, 8, 0))).toBe(true);
    expect(isBackupDue(last, new Date(2027, 10, 24, 8, 0))).toBe(true);
  });

  it('is due when the last backup seems to be from a later day (a clock that was wrong)', () => {
    expect(isBackupDue(new Date(2026, 10, 30), new Date(2026, 10, 24))).toBe(true);
  });
});

describe('the reminder to back up', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 60 * 60 * 1000);

  it('says nothing when there is no data', () => {
    expect(daysWithoutBackup(null, null, now)).toBeNull();
    expect(daysWithoutBackup(daysAgo(30), null, now)).toBeNull();
  });

  it('says nothing within 7 days of the last backup', () => {
    expect(daysWithoutBackup(daysAgo(6.9), daysAgo(100), now)).toBeNull();
    expect(daysWithoutBackup(daysAgo(0), daysAgo(100), now)).toBeNull();
  });

  it('counts whole days from the last backup once there are 7', () => {
    expect(daysWithoutBackup(daysAgo(7), daysAgo(100), now)).toBe(7);
    expect(daysWithoutBackup(daysAgo(12.5), daysAgo(100), now)).toBe(12);
  });

  it('with no backup ever, counts from the oldest data', () => {
    expect(daysWithoutBackup(null, daysAgo(3), now)).toBeNull();
    expect(daysWithoutBackup(null, daysAgo(9), now)).toBe(9);
  });

  it('takes a backup dated in the future (a wrong clock) as recent', () => {
    expect(daysWithoutBackup(daysAgo(-5), daysAgo(100), now)).toBeNull();
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
