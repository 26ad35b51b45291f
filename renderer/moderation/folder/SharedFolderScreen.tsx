import { useId, useState } from 'react';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { shortHash } from '../../../shared/formats/sha256';
import type { SharedFolderEntry } from '../../../shared/moderation/shared-folder-index';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { useImportedFileHashes, useSharedFolderIndex } from '../../db/shared-folder-queries';
import type { SharedFolderPort } from '../../platform/platform-port';
import { PageHeading } from '../../ui/PageHeading';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSubmissionImport } from '../queue/submission-import';
import { ModeratorWorkspaceLayout } from '../workspace/ModeratorWorkspaceLayout';
import { useModeratorWorkspace } from '../workspace/use-moderator-workspace';
import '../../styles/moderator.css';

/** The folder a region's moderators share: every submission and report in it, checked, without copying the evidence. */
export function SharedFolderScreen({ workspaceId }: { workspaceId: string }) {
  const context = useModeratorWorkspace(workspaceId);
  const { platform } = useServices();
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="moderator workspace" />;
  return (
    <ModeratorWorkspaceLayout workspace={context.workspace} current="folder">
      <PageHeading title="Shared folder">Shared folder</PageHeading>
      <p className="lead">
        Point this workspace at the folder your region’s moderators share (a network drive, or a folder that OneDrive, SharePoint or Google
        Drive keeps in step). The app checks every submission, moderation report and second moderation file in it, as it checks a file you
        import, and lists them here. Files stay in the folder: a submission is read from it when you import it.
      </p>
      {platform.sharedFolder ? (
        <SharedFolder workspaceId={workspaceId} folder={platform.sharedFolder} />
      ) : (
        <StatusMessage kind="information">
          This browser cannot open a folder. Use the desktop app, or Microsoft Edge or Google Chrome, to work from a shared folder; or copy
          the files out of the folder and import them on the Import submissions screen.
        </StatusMessage>
      )}
    </ModeratorWorkspaceLayout>
  );
}

import { folderProblem, useSharedFolder, type Scan } from './use-shared-folder';

export { folderProblem, type Scan };

function SharedFolder({ workspaceId, folder }: { workspaceId: string; folder: SharedFolderPort }) {
  const ids = useId();
  const { db } = useServices();
  const { state, problem, scan, scanning, runScan, choose, allow } = useSharedFolder(folder, workspaceId);
  const index = useSharedFolderIndex(db, workspaceId);
  const hasIndex = index !== undefined && index.submissions.length + index.reports.length + index.second.length + index.failed.length > 0;

  return (
    <>
      <section aria-labelledby={`${ids}-folder`}>
        <h2 id={`${ids}-folder`}>The folder</h2>
        {state === null ? (
          <p>Looking for this workspace’s folder…</p>
        ) : state.state === 'none' ? (
          <p>No folder is chosen for this workspace yet.</p>
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
              {hasIndex ? 'Rescan (new or changed files only)' : 'Scan the folder'}
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
      </section>

      {scan.state === 'scanning' ? (
        <div className="import-progress">
          <label htmlFor={`${ids}-progress`}>Files checked</label>
          <progress id={`${ids}-progress`} max={Math.max(scan.progress.total, 1)} value={scan.progress.done}>
            {scan.progress.done} of {scan.progress.total}
          </progress>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="inline-status">
        {scanStatus(scan) ? <p>{scanStatus(scan)}</p> : null}
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

      {index ? <FolderIndex workspaceId={workspaceId} folder={folder} entries={index} /> : null}
    </>
  );
}

function FolderIndex({
  workspaceId,
  folder,
  entries,
}: {
  workspaceId: string;
  folder: SharedFolderPort;
  entries: NonNullable<ReturnType<typeof useSharedFolderIndex>>;
}) {
  const ids = useId();
  const { db } = useServices();
  const imported = useImportedFileHashes(db, workspaceId);
  const { snapshot, session } = useSubmissionImport(workspaceId);
  const [importProblem, setImportProblem] = useState<string | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const sentToImport = new Set(snapshot.items.map((item) => item.fileName));

  const importFromFolder = async (entry: SharedFolderEntry) => {
    setImportProblem(null);
    setImporting(entry.name);
    try {
      const bytes = await folder.read(workspaceId, entry.name);
      session.add([new File([bytes], entry.name, { type: 'application/pdf', lastModified: entry.lastModified })]);
    } catch (error) {
      setImportProblem(`“${entry.name}” could not be read from the folder. ${folderProblem(error)}`);
    } finally {
      setImporting(null);
    }
  };

  return (
    <>
      <section aria-labelledby={`${ids}-submissions`}>
        <h2 id={`${ids}-submissions`}>Submissions in the folder ({entries.submissions.length})</h2>
        {entries.submissions.length === 0 ? (
          <p>No submission that passed the checks has been found in the folder yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">URN</th>
                <th scope="col">Version</th>
                <th scope="col">Exported</th>
                <th scope="col">File</th>
                <th scope="col">Checks</th>
                <th scope="col">This workspace</th>
              </tr>
            </thead>
            <tbody>
              {entries.submissions.map((entry) => {
                const s = entry.submission!;
                return (
                  <tr key={entry.key}>
                    <th scope="row">{s.schoolName}</th>
                    <td>{s.urn}</td>
                    <td>{s.version}</td>
                    <td>{longDateOfTime(s.exportedAt)}</td>
                    <td>
                      {entry.name}
                      <br />
                      <span className="hint">SHA-256 {shortHash(entry.sha256)}</span>
                    </td>
                    <td>
                      {entries.warnings[entry.key] ? (
                        <>
                          <strong>Warning:</strong> {entries.warnings[entry.key]}
                        </>
                      ) : (
                        signerCheckText(entry)
                      )}
                    </td>
                    <td>
                      {imported?.has(entry.sha256) ? (
                        'Imported'
                      ) : sentToImport.has(entry.name) ? (
                        <a href={href.moderationImport(workspaceId)}>See the import</a>
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={importing !== null}
                          onClick={() => void importFromFolder(entry)}
                        >
                          Import into this workspace<span className="visually-hidden">: “{entry.name}”</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {importProblem ? <StatusMessage kind="error">{importProblem}</StatusMessage> : null}
        {snapshot.items.some((item) => item.result.state === 'asking') ? (
          <StatusMessage kind="warning">
            A file from the folder is waiting for your decision about its signing key.{' '}
            <a href={href.moderationImport(workspaceId)}>Go to Import submissions to decide</a>.
          </StatusMessage>
        ) : null}
      </section>

      <section aria-labelledby={`${ids}-reports`}>
        <h2 id={`${ids}-reports`}>Moderation reports in the folder ({entries.reports.length})</h2>
        {entries.reports.length === 0 ? (
          <p>No moderation report that passed the checks has been found in the folder yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">URN</th>
                <th scope="col">Version</th>
                <th scope="col">Outcome</th>
                <th scope="col">Moderator</th>
                <th scope="col">Issued</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {entries.reports.map((entry) => {
                const r = entry.report!;
                return (
                  <tr key={entry.key}>
                    <th scope="row">{r.schoolName}</th>
                    <td>{r.urn}</td>
                    <td>{r.version}</td>
                    <td>{OUTCOME_LABEL[r.outcome]}</td>
                    <td>
                      {r.moderatorName}, {r.organisation}
                    </td>
                    <td>{longDateOfTime(r.issuedAt)}</td>
                    <td>{entry.name}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <SecondModerationFiles entries={entries.second} />

      <section aria-labelledby={`${ids}-failed`}>
        <h2 id={`${ids}-failed`}>Files that failed the checks ({entries.failed.length})</h2>
        {entries.failed.length === 0 ? (
          <p>None.</p>
        ) : (
          <>
            <p>
              These files are not indexed and cannot be imported from here. Ask whoever put each one in the folder to send it again, exactly
              as the app saved it.
            </p>
            <ul className="folder-failures" aria-label="Files that failed the checks">
              {entries.failed.map((entry) => (
                <li key={entry.key}>
                  <strong>{entry.name}</strong>: {entry.reason ?? 'It did not pass the checks.'}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

/** What the checks say of a submission that passed: and who certified its signer, when the workspace has pinned partnerships. */
export function signerCheckText(entry: SharedFolderEntry): string {
  const certifiedBy = entry.submission?.certifiedBy;
  if (certifiedBy) return `Passed every check. Certified by ${/^the /i.test(certifiedBy.name) ? '' : 'the '}${certifiedBy.name}.`;
  if (!entry.trustBasis) return 'Passed every check';
  return 'Passed every check. Not certified by a partnership you have pinned: compare its fingerprint with the school’s when you import it.';
}

/** Second moderation requests and the returns that answer them, each return after its request (as summariseIndex orders them). */
function SecondModerationFiles({ entries }: { entries: SharedFolderEntry[] }) {
  const ids = useId();
  return (
    <section aria-labelledby={`${ids}-second`}>
      <h2 id={`${ids}-second`}>Second moderation files in the folder ({entries.length})</h2>
      {entries.length === 0 ? (
        <p>No second moderation request or return that passed the checks has been found in the folder yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">School</th>
              <th scope="col">URN</th>
              <th scope="col">Version</th>
              <th scope="col">What it is</th>
              <th scope="col">Signed</th>
              <th scope="col">File</th>
              <th scope="col">Checks</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const d = entry.second!;
              return (
                <tr key={entry.key}>
                  <th scope="row">{d.schoolName}</th>
                  <td>{d.urn}</td>
                  <td>{d.version}</td>
                  <td>{secondModerationWhat(entry)}</td>
                  <td>{longDateOfTime(d.createdAt)}</td>
                  <td>{entry.name}</td>
                  <td>
                    {entry.kind === 'second-return' ? 'Passed every check, and answers the request in the folder' : 'Passed every check'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const criteriaCount = (n: number) => (n === 1 ? '1 criterion' : `${n} criteria`);

/** What a second moderation file is, in words: who asked whom about how many criteria. */
export function secondModerationWhat(entry: SharedFolderEntry): string {
  const d = entry.second;
  if (!d) return '';
  if (entry.kind === 'second-return')
    return `Return: ${d.secondModeratorName ?? 'the second moderator'}’s decisions on ${criteriaCount(d.criterionIds.length)}, for ${d.requesterName}`;
  return `Request: ${d.requesterName} (${d.requesterOrganisation}) asks for a second moderation of ${criteriaCount(d.criterionIds.length)}`;
}

const OUTCOME_LABEL: Record<NonNullable<SharedFolderEntry['report']>['outcome'], string> = {
  accredited: 'Accredited',
  'accredited-with-conditions': 'Accredited with conditions',
  'not-yet': 'Not yet',
  deferred: 'Deferred',
};

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
