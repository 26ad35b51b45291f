import { useId, useState, type ReactNode } from 'react';
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
import { SharedFolderPanel, type SharedFolderWording } from './SharedFolderPanel';
import { folderProblem } from './use-shared-folder';
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

const FOLDER_WORDING: SharedFolderWording = {
  heading: 'The folder',
  looking: 'Looking for this workspace’s folder…',
  noFolder: 'No folder is chosen for this workspace yet.',
  scan: 'Scan the folder',
  rescan: 'Rescan (new or changed files only)',
};

function SharedFolder({ workspaceId, folder }: { workspaceId: string; folder: SharedFolderPort }) {
  const { db } = useServices();
  const index = useSharedFolderIndex(db, workspaceId);
  const hasIndex = index !== undefined && index.submissions.length + index.reports.length + index.second.length + index.failed.length > 0;

  return (
    <>
      <SharedFolderPanel folder={folder} folderKey={workspaceId} indexed={hasIndex} wording={FOLDER_WORDING} />
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
      <IndexSection
        title="Submissions in the folder"
        count={entries.submissions.length}
        empty="No submission that passed the checks has been found in the folder yet."
        after={
          <>
            {importProblem ? <StatusMessage kind="error">{importProblem}</StatusMessage> : null}
            {snapshot.items.some((item) => item.result.state === 'asking') ? (
              <StatusMessage kind="warning">
                A file from the folder is waiting for your decision about its signing key.{' '}
                <a href={href.moderationImport(workspaceId)}>Go to Import submissions to decide</a>.
              </StatusMessage>
            ) : null}
          </>
        }
      >
        <SchoolRowsTable
          columns={['Exported', 'File', 'Checks', 'This workspace']}
          rows={entries.submissions.map((entry) => {
            const s = entry.submission!;
            return {
              key: entry.key,
              school: s,
              cells: [
                longDateOfTime(s.exportedAt),
                <>
                  {entry.name}
                  <br />
                  <span className="hint">SHA-256 {shortHash(entry.sha256)}</span>
                </>,
                entries.warnings[entry.key] ? (
                  <>
                    <strong>Warning:</strong> {entries.warnings[entry.key]}
                  </>
                ) : (
                  signerCheckText(entry)
                ),
                imported?.has(entry.sha256) ? (
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
                ),
              ],
            };
          })}
        />
      </IndexSection>

      <IndexSection
        title="Moderation reports in the folder"
        count={entries.reports.length}
        empty="No moderation report that passed the checks has been found in the folder yet."
      >
        <SchoolRowsTable
          columns={['Outcome', 'Moderator', 'Issued', 'File']}
          rows={entries.reports.map((entry) => {
            const r = entry.report!;
            return {
              key: entry.key,
              school: r,
              cells: [
                OUTCOME_LABEL[r.outcome],
                <>
                  {r.moderatorName}, {r.organisation}
                </>,
                longDateOfTime(r.issuedAt),
                entry.name,
              ],
            };
          })}
        />
      </IndexSection>

      <SecondModerationFiles entries={entries.second} />

      <IndexSection title="Files that failed the checks" count={entries.failed.length} empty="None.">
        <p>
          These files are not indexed and cannot be imported from here. Ask whoever put each one in the folder to send it again, exactly as
          the app saved it.
        </p>
        <ul className="folder-failures" aria-label="Files that failed the checks">
          {entries.failed.map((entry) => (
            <li key={entry.key}>
              <strong>{entry.name}</strong>: {entry.reason ?? 'It did not pass the checks.'}
            </li>
          ))}
        </ul>
      </IndexSection>
    </>
  );
}

/** One part of the folder's index: a heading with how many it holds, what it says when it holds none, and what follows. */
function IndexSection({
  title,
  count,
  empty,
  after,
  children,
}: {
  title: string;
  count: number;
  empty: string;
  after?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{`${title} (${count})`}</h2>
      {count === 0 ? <p>{empty}</p> : children}
      {after}
    </section>
  );
}

/** A table of indexed files, one row a file, headed by its school (name, URN and version) and then its own columns. */
function SchoolRowsTable({
  columns,
  rows,
}: {
  columns: string[];
  rows: { key: string; school: { schoolName: string; urn: string; version: number }; cells: ReactNode[] }[];
}) {
  return (
    <table className="table">
      <thead>
        <tr>
          {['School', 'URN', 'Version', ...columns].map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.school.schoolName}</th>
            <td>{row.school.urn}</td>
            <td>{row.school.version}</td>
            {row.cells.map((cell, i) => (
              <td key={columns[i]}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
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
  return (
    <IndexSection
      title="Second moderation files in the folder"
      count={entries.length}
      empty="No second moderation request or return that passed the checks has been found in the folder yet."
    >
      <SchoolRowsTable
        columns={['What it is', 'Signed', 'File', 'Checks']}
        rows={entries.map((entry) => {
          const d = entry.second!;
          return {
            key: entry.key,
            school: d,
            cells: [
              secondModerationWhat(entry),
              longDateOfTime(d.createdAt),
              entry.name,
              entry.kind === 'second-return' ? 'Passed every check, and answers the request in the folder' : 'Passed every check',
            ],
          };
        })}
      />
    </IndexSection>
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
