import { formatBytes } from '../../shared/evidence/evidence-records';
import { dateAndTimeOfTime } from '../../shared/formats/en-gb-dates';
import type { BackupCounts, MadeBackup, RestoreOutcome } from '../db/backup-store';

/** What people read about backups, in one place so Settings, the reminder and the tests agree. */

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "24 November 2026 at 09:30", in this computer's time zone. */
export const formatDateTime: (iso: string) => string = dateAndTimeOfTime;

export function countsText(counts: BackupCounts): string {
  return [
    plural(counts.schools, 'school', 'schools'),
    plural(counts.evaluations, 'evaluation', 'evaluations'),
    plural(counts.evidence, 'item of evidence', 'items of evidence'),
    plural(counts.files, 'stored file', 'stored files'),
    plural(counts.submissions, 'exported submission', 'exported submissions'),
  ].join(', ');
}

export const KEYS_NOT_IN_BACKUPS = 'Signing keys are not in backups: they never leave the computer they were made on.';

export function backupSavedText(made: MadeBackup): string {
  return `Backup saved as “${made.fileName}” (${formatBytes(made.file.size)}): ${countsText(made.counts)}. ${KEYS_NOT_IN_BACKUPS}`;
}

export function restoreQuestion(createdAt: string, appVersion: string, counts: BackupCounts): string {
  return `Restoring replaces everything in the app with the backup from ${formatDateTime(createdAt)} (made by version ${appVersion}): ${countsText(counts)}. Anything added or changed since that backup was made will be gone. This cannot be undone.`;
}

export function restoredText(outcome: RestoreOutcome): string {
  const missing = outcome.workspacesWithoutKey;
  const keys =
    missing.length === 0
      ? ''
      : ` Signing keys are never in a backup, and ${listText(missing)} ${missing.length === 1 ? 'has' : 'have'} no signing key on this computer: a new key is made at the next export, with a new fingerprint. Tell whoever checks your signed files that the key has changed.`;
  const left = outcome.leftOut;
  const leftOut =
    left.length === 0
      ? ''
      : ` Left out, because ${left.length === 1 ? 'it' : 'they'} did not verify again: ${listText(left.map((r) => r.what))}. To have ${left.length === 1 ? 'it' : 'them'} back, import the signed ${left.length === 1 ? 'file' : 'files'} again from what the sender sent.`;
  return `Restored the backup from ${formatDateTime(outcome.backupCreatedAt)}: ${countsText(outcome.counts)}.${keys}${leftOut}`;
}

/** Above the list of what a restore will leave out. */
export function leftOutHeading(count: number): string {
  return count === 1
    ? 'One thing in this backup will not be restored, because it could not be verified again:'
    : `${count} things in this backup will not be restored, because they could not be verified again:`;
}

function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function daysWithoutBackupText(days: number): string {
  return `You have not backed up for ${plural(days, 'day', 'days')}`;
}
