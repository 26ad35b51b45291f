import { Fragment, useState } from 'react';
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
 * "Changes since" disclosure whose content is worked out only when it is opened.
 */
export function SubmissionQueueTable({
  workspaceId,
  groups,
  previous,
  sort,
  onSort,
}: {
  workspaceId: string;
  groups: readonly QueueGroup[];
  previous: ReadonlyMap<string, QueueRow>;
  sort: QueueSort;
  onSort: (key: QueueSortKey) => void;
}) {
  const sortedBy = QUEUE_COLUMNS.find((c) => c.key === sort.key)?.label ?? '';
  return (
    <ScrollRegion label="Submissions table">
      <table className="table queue-table" data-testid="queue-table">
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
            {group.rows.map((row, index) => {
              const before = previous.get(row.key);
              return (
                <Fragment key={row.key}>
                  <tr className={index === 0 ? 'queue-row' : 'queue-row queue-row--earlier'}>
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
                      {index > 0 ? <span className="queue-table__earlier"> (earlier)</span> : null}
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
                </Fragment>
              );
            })}
          </tbody>
        ))}
      </table>
    </ScrollRegion>
  );
}

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
