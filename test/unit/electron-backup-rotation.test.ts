import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToDelete, defaultBackupFolder, isBackupDue, parseBackupFileName } from '../../electron/backup-rotation';

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

describe('rotating backups', () => {
  const name = (day: number, version = '0.1.0') => backupFileName(new Date(Date.UTC(2026, 10, day, 9, 30)), version);

  it('keeps the newest ten and deletes the rest, oldest first', () => {
    // Days 1 to 13 in a jumbled order (5 is coprime with 13, so each day comes once).
    const shuffled = Array.from({ length: 13 }, (_, index) => name(((index * 5) % 13) + 1));
    expect(backupsToDelete(shuffled)).toEqual([name(1), name(2), name(3)]);
  });

  it('orders by the time in the name, not the version or the text', () => {
    const files = [name(3, '0.9.0'), name(1, '2.0.0'), name(2, '10.0.0')];
    expect(backupsToDelete(files, 1)).toEqual([name(1, '2.0.0'), name(2, '10.0.0')]);
  });

  it('never touches any other file', () => {
    const others = [
      'notes.docx',
      'sen-accreditation-backup-important.senbackup',
      `${name(1)}.partial`,
      'Sen-Accreditation-Backup-2026-11-01T09-30-00Z-v0.1.0.senbackup',
      'desktop.ini',
    ];
    const ours = Array.from({ length: 3 }, (_, index) => name(index + 1));
    const toDelete = backupsToDelete([...others, ...ours], 1);
    expect(toDelete).toEqual([name(1), name(2)]);
    for (const other of others) expect(toDelete).not.toContain(other);
  });

  it('deletes nothing while there are no more than it keeps', () => {
    expect(backupsToDelete([])).toEqual([]);
    expect(backupsToDelete([name(1), name(2)], 2)).toEqual([]);
  });

  it('always keeps at least one', () => {
    expect(() => backupsToDelete([name(1)], 0)).toThrow(RangeError);
    expect(() => backupsToDelete([name(1)], 1.5)).toThrow(RangeError);
  });
});

describe('the backup folder', () => {
  it('is in Documents, where people can find it', () => {
    expect(defaultBackupFolder('/home/senco/Documents')).toBe(path.join('/home/senco/Documents', 'SEN Accreditation', 'Backups'));
  });
});
