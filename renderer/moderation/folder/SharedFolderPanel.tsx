import { useId } from 'react';
import type { SharedFolderPort } from '../../platform/platform-port';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSharedFolder, type Scan } from './use-shared-folder';

/** The words that differ between the screens that show a shared folder (the moderator's and the partnership's). */
export interface SharedFolderWording {
  /** The section's heading. */
  heading: string;
  /** Shown while the app looks up which folder is chosen. */
  looking: string;
  /** Shown when no folder is chosen yet. */
  noFolder: string;
  /** The scan button before anything is indexed. */
  scan: string;
  /** The scan button once the index holds something. */
  rescan: string;
}

/**
 * A workspace's shared folder (by `folderKey`): which folder it is, choosing another, allowing access
 * again, and a scan into the index with its progress and its outcome, announced in a live region.
 */
export function SharedFolderPanel({
  folder,
  folderKey,
  indexed,
  wording,
}: {
  folder: SharedFolderPort;
  folderKey: string;
  /** Whether the index already holds entries from this folder: the scan button then offers a rescan. */
  indexed: boolean;
  wording: SharedFolderWording;
}) {
  const ids = useId();
  const { state, problem, scan, scanning, runScan, choose, allow } = useSharedFolder(folder, folderKey);
  const status = scanStatus(scan);
  return (
    <section aria-labelledby={`${ids}-folder`}>
      <h2 id={`${ids}-folder`}>{wording.heading}</h2>
      {state === null ? (
        <p>{wording.looking}</p>
      ) : state.state === 'none' ? (
        <p>{wording.noFolder}</p>
      ) : (
        <p>
          Folder: <strong>{state.name}</strong>
        </p>
      )}
      {state?.state === 'needs-permission' ? (
        <StatusMessage kind="warning">
          The browser needs your permission again before the app can use “{state.name}”. Select “Allow access to the folder” and allow it
          when the browser asks.
        </StatusMessage>
      ) : null}
      <div className="button-row">
        {state?.state === 'needs-permission' ? (
          <button type="button" className="button" onClick={() => void allow()}>
            Allow access to the folder
          </button>
        ) : null}
        {state?.state === 'ready' ? (
          <button type="button" className="button" onClick={() => void runScan()} disabled={scanning}>
            {indexed ? wording.rescan : wording.scan}
          </button>
        ) : null}
        {state !== null ? (
          <button
            type="button"
            className={state.state === 'none' ? 'button' : 'button button--secondary'}
            onClick={() => void choose()}
            disabled={scanning}
          >
            {state.state === 'none' ? 'Choose the shared folder' : 'Choose a different folder'}
          </button>
        ) : null}
      </div>
      {problem ? <StatusMessage kind="error">{problem}</StatusMessage> : null}
      {scan.state === 'scanning' ? (
        <div className="import-progress">
          <label htmlFor={`${ids}-progress`}>Files checked</label>
          <progress id={`${ids}-progress`} max={Math.max(scan.progress.total, 1)} value={scan.progress.done}>
            {scan.progress.done} of {scan.progress.total}
          </progress>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="inline-status">
        {status ? <p>{status}</p> : null}
      </div>
      {scan.state === 'failed' ? <StatusMessage kind="error">{scan.message}</StatusMessage> : null}
      {scan.state === 'done' && scan.outcome.unreadable.length > 0 ? (
        <StatusMessage kind="warning" heading="Files not checked this time">
          <ul>
            {scan.outcome.unreadable.map((u) => (
              <li key={u.name}>{u.message}</li>
            ))}
          </ul>
        </StatusMessage>
      ) : null}
    </section>
  );
}

/** The scan's progress or outcome in words, for the live region; empty before a scan and after one that failed. */
export function scanStatus(scan: Scan): string {
  if (scan.state === 'scanning') {
    const { total, done, current } = scan.progress;
    if (total === 0) return 'Looking at the files in the folder…';
    return `Checking ${Math.min(done + 1, total)} of ${total}${current ? `: ${current}` : ''}`;
  }
  if (scan.state !== 'done') return '';
  const o = scan.outcome;
  const files = (n: number) => (n === 1 ? '1 file' : `${n} files`);
  const parts = [
    `${files(o.verified)} checked`,
    o.unchanged + o.confirmedSame > 0 ? `${files(o.unchanged + o.confirmedSame)} unchanged since the last scan` : null,
    o.gone > 0 ? `${files(o.gone)} no longer in the folder` : null,
    o.unreadable.length > 0 ? `${files(o.unreadable.length)} not checked this time` : null,
  ].filter((p) => p !== null);
  return `Scan finished: ${parts.join(', ')}.`;
}
