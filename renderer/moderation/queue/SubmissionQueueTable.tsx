import { memo, useState } from 'react';
import { submissionStateLabel } from '../../../shared/moderation/submission-state';
import {
  QUEUE_COLUMNS,
  type QueueGroup,
  type QueueRow,
  type QueueSort,
  type QueueSortKey,
} from '../../../shared/moderation/submission-queue';
import { href } from '../../app/hash-route';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { VersionChanges } from './VersionChanges';

const day = (iso: string) => longDateOfTime(iso);

/**
 * The queue: one row group per school (URN), newest version first, each later version with a
 * "Changes since" disclosure whose content is worked out only when it is opened. `complete` is
 * false while only the first groups are drawn (the table says it is busy until the rest follow).
 */
export function SubmissionQueueTable({
  workspaceId,
  groups,
  previous,
  sort,
  onSort,
  complete = true,
}: {
  workspaceId: string;
  groups: readonly QueueGroup[];
  previous: ReadonlyMap<string, QueueRow>;
  sort: QueueSort;
  onSort: (key: QueueSortKey) => void;
  complete?: boolean;
}) {
  const sortedBy = QUEUE_COLUMNS.find((c) => c.key === sort.key)?.label ?? '';
  return (
    <ScrollRegion label="Submissions table">
      <table className="table queue-table" data-testid="queue-table" aria-busy={complete ? undefined : true}>
        <caption className="visually-hidden">
          Submissions, grouped by school with the newest version first, sorted by {sortedBy}, {sort.direction}
        </caption>
        <thead>
          <tr>
            {QUEUE_COLUMNS.map((column) => {
              const direction = sort.key === column.key ? sort.direction : 'none';
              return (
                <th key={column.key} scope="col" aria-sort={direction}>
                  <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                    {column.label}
                    <span className="sort-button__indicator" aria-hidden="true">
                      {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ↕'}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.urn} className="queue-group" data-urn={group.urn}>
            {group.rows.map((row, index) => (
              <QueueRowView key={row.key} workspaceId={workspaceId} row={row} earlier={index > 0} before={previous.get(row.key)} />
            ))}
          </tbody>
        ))}
      </table>
    </ScrollRegion>
  );
}

/**
 * One submission's row (and its "Changes since" row). Its props are the row as worked out from the
 * records, so a filter or sort that keeps it leaves it as it is and only rows that come or go are drawn.
 */
const QueueRowView = memo(function QueueRowView({
  workspaceId,
  row,
  earlier,
  before,
}: {
  workspaceId: string;
  row: QueueRow;
  /** Not the newest of its school's versions. */
  earlier: boolean;
  before: QueueRow | undefined;
}) {
  return (
    <>
      <tr className={earlier ? 'queue-row queue-row--earlier' : 'queue-row'}>
        <th scope="row">
          <a href={href.moderationReview(workspaceId, row.submissionId)}>
            {row.schoolName}
            <span className="visually-hidden">, submission v{row.version}</span>
          </a>
        </th>
        <td>{row.urn}</td>
        <td>{row.regionName}</td>
        <td>
          {row.frameworkTitle} <span className="queue-table__version">{row.frameworkVersion}</span>
        </td>
        <td>{day(row.exportedAt)}</td>
        <td>
          v{row.version}
          {earlier ? <span className="queue-table__earlier"> (earlier)</span> : null}
        </td>
        <td>
          <span className={`status-tag status-tag--${row.status}`}>{submissionStateLabel(row.state)}</span>
        </td>
      </tr>
      {before ? (
        <tr className="queue-changes">
          <td colSpan={QUEUE_COLUMNS.length}>
            <ChangesDisclosure row={row} before={before} />
          </td>
        </tr>
      ) : null}
    </>
  );
});

function ChangesDisclosure({ row, before }: { row: QueueRow; before: QueueRow }) {
  const [open, setOpen] = useState(false);
  // The same version number again means a new evaluation (another year): the date tells them apart.
  const since = before.version < row.version ? `v${before.version}` : `v${before.version} of ${day(before.exportedAt)}`;
  return (
    <details className="queue-changes__details" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Changes since {since}{' '}
        <span className="visually-hidden">
          in {row.schoolName} v{row.version}
        </span>
      </summary>
      {open ? <VersionChanges submissionKey={row.key} previousKey={before.key} /> : null}
    </details>
  );
}
