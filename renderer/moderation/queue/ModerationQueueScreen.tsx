import { useId, useMemo, useState } from 'react';
import { shortHash } from '../../../shared/formats/sha256';
import type { ModeratorWorkspace } from '../../../shared/moderation/moderation-records';
import { SUBMISSION_STATES, type SubmissionStateKind } from '../../../shared/moderation/submission-state';
import {
  firstGroups,
  previousVersions,
  queueGroups,
  queueRow,
  type QueueFilter,
  type QueueSort,
  type QueueSortKey,
} from '../../../shared/moderation/submission-queue';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { importCounts, useSubmissionImport } from './submission-import';
import { useModeratorWorkspace } from '../workspace/use-moderator-workspace';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { ModeratorWorkspaceLayout } from '../workspace/ModeratorWorkspaceLayout';
import { PageHeading } from '../../ui/PageHeading';
import { CertificateReissueNote } from '../../settings/SigningCertificates';
import { SubmissionQueueTable } from './SubmissionQueueTable';
import { useWorkspaceSubmissionStates } from '../../db/moderation-queries';
import { useSigningKey } from '../../db/signing-key-queries';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { usePaintedAfter } from '../../ui/use-painted-after';
import '../../styles/moderator.css';

/** Rows drawn in the queue's first draw, about a screenful; the rest follow once it is on screen. */
export const QUEUE_FIRST_ROWS = 30;

/** A moderator workspace's home: the submissions it holds, filtered, sorted and grouped by school. */
export function ModerationQueueScreen({ workspaceId }: { workspaceId: string }) {
  const context = useModeratorWorkspace(workspaceId);
  const { db } = useServices();
  // Read beside the workspace, not after it: the queue's rows do not wait for the workspace's record to arrive first.
  const workspaceRecords = useWorkspaceSubmissionStates(db, workspaceId);
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="moderator workspace" />;
  const { workspace } = context;
  return (
    <ModeratorWorkspaceLayout workspace={workspace} current="queue">
      <PageHeading title={`Submissions – ${workspace.moderatorName}`}>Submissions to moderate</PageHeading>
      <WorkspaceSummary workspace={workspace} />
      <ImportBanner workspaceId={workspaceId} />
      <Queue workspaceId={workspaceId} workspaceRecords={workspaceRecords} />
    </ModeratorWorkspaceLayout>
  );
}

function WorkspaceSummary({ workspace }: { workspace: ModeratorWorkspace }) {
  const { db, regions } = useServices();
  const key = useSigningKey(db, workspace.id);
  return (
    <dl className="summary-list workspace-summary">
      <div>
        <dt>Moderator</dt>
        <dd>
          {workspace.moderatorName}, {workspace.organisation}
        </dd>
      </div>
      <div>
        <dt>Region</dt>
        <dd>{regions.find((r) => r.id === workspace.regionId)?.name ?? workspace.regionId}</dd>
      </div>
      <div>
        <dt>Signing certificate</dt>
        <dd>
          {key === undefined ? (
            '…'
          ) : key ? (
            <>
              SHA-256 fingerprint <code className="hash">{shortHash(key.fingerprint, 16)}</code>, made {longDateOfTime(key.createdAt)}
              <CertificateReissueNote record={key} signer="moderator" />
            </>
          ) : (
            'No key yet: it is made when you first sign a moderation report.'
          )}
        </dd>
      </div>
    </dl>
  );
}

/** While files are being imported (or wait for a decision), the queue says so and links back to them. */
function ImportBanner({ workspaceId }: { workspaceId: string }) {
  const { snapshot } = useSubmissionImport(workspaceId);
  const { asking } = importCounts(snapshot.items);
  if (!snapshot.running && asking === 0) return null;
  return (
    <div className="notice notice--warning">
      {snapshot.running ? (
        <p>
          Importing submissions: {snapshot.done} of {snapshot.total} checked. They appear below as they are imported.
        </p>
      ) : null}
      {asking > 0 ? (
        <p>
          {asking === 1
            ? 'One file is waiting for your decision about its signing key.'
            : `${asking} files are waiting for your decision about their signing key.`}
        </p>
      ) : null}
      <p>
        <a href={href.moderationImport(workspaceId)}>See the files being imported</a>
      </p>
    </div>
  );
}

function Queue({
  workspaceId,
  workspaceRecords,
}: {
  workspaceId: string;
  /** The workspace's submissions and their states (undefined until read). */
  workspaceRecords: ReturnType<typeof useWorkspaceSubmissionStates>;
}) {
  const ids = useId();
  const { regions } = useServices();
  // Rows carry no submission data, so sorting and filtering hundreds of them costs nothing. Each
  // row's state is derived from the workspace's decisions, visits and outcomes as of today.
  const rows = useMemo(() => {
    if (!workspaceRecords) return undefined;
    const names = new Map(regions.map((r) => [r.id, r.name]));
    const { submissions, states } = workspaceRecords;
    return submissions.map((s) => queueRow(s, (id) => names.get(id) ?? id, states.get(s.key)));
  }, [workspaceRecords, regions]);
  const [filter, setFilter] = useState<QueueFilter>({ status: '', text: '' });
  const [sort, setSort] = useState<QueueSort>({ key: 'school', direction: 'ascending' });
  const previous = useMemo(() => previousVersions(rows ?? []), [rows]);
  const groups = useMemo(() => queueGroups(rows ?? [], filter, sort), [rows, filter, sort]);
  // The first screenful of rows is drawn first and the rest once it is on screen; the count, the
  // filter and the sort always go by every row.
  const complete = usePaintedAfter(rows !== undefined && rows.length > 0);
  const drawn = useMemo(() => (complete ? groups : firstGroups(groups, QUEUE_FIRST_ROWS)), [complete, groups]);

  if (!rows) return <p role="status">Loading the submissions…</p>;
  if (rows.length === 0) {
    return (
      <section aria-labelledby={`${ids}-empty`} className="panel">
        <h2 id={`${ids}-empty`}>No submissions yet</h2>
        <p>Import the signed submission PDFs that schools sent you. Each one is checked before it is kept.</p>
        <p>
          <a className="button" href={href.moderationImport(workspaceId)}>
            Import submissions
          </a>
        </p>
      </section>
    );
  }

  const shown = groups.reduce((n, g) => n + g.rows.length, 0);
  const filtered = filter.status !== '' || filter.text.trim() !== '';
  const sortBy = (key: QueueSortKey) =>
    setSort((current) => ({ key, direction: current.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Submissions</h2>
      <form className="queue-filter" role="search" aria-label="Filter the submissions" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${ids}-text`}>School name or URN</label>
          <input
            id={`${ids}-text`}
            type="search"
            value={filter.text}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setFilter((f) => ({ ...f, text: e.target.value }))}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-status`}>Status</label>
          <select
            id={`${ids}-status`}
            value={filter.status}
            onChange={(e) => setFilter((f) => ({ ...f, status: e.target.value as SubmissionStateKind | '' }))}
          >
            <option value="">All statuses</option>
            {SUBMISSION_STATES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        {filtered ? (
          <button type="button" className="button button--secondary" onClick={() => setFilter({ status: '', text: '' })}>
            Clear the filter
          </button>
        ) : null}
      </form>
      <p role="status" className="queue-count">
        {filtered
          ? `Showing ${shown} of ${rows.length} ${rows.length === 1 ? 'submission' : 'submissions'}.`
          : `${rows.length} ${rows.length === 1 ? 'submission' : 'submissions'} from ${groups.length} ${groups.length === 1 ? 'school' : 'schools'}.`}
      </p>
      {shown === 0 ? (
        <p>No submissions match. Change the filter, or clear it to see every submission.</p>
      ) : (
        <SubmissionQueueTable
          workspaceId={workspaceId}
          groups={drawn}
          previous={previous}
          sort={sort}
          onSort={sortBy}
          complete={drawn === groups}
        />
      )}
    </section>
  );
}
