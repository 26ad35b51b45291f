import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsToDelete, defaultBackupFolder } from '../../electron/backup-rotation';
import { backupFileName } from '../../shared/backup/backup-file-name';

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
