import { Fragment, memo, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { evidenceKindLabel, formatBytes, type EvidenceItem } from '../../../shared/evidence/evidence-records';
import { personalDataLabel, type EvidenceSort, type EvidenceSortKey } from '../../../shared/evidence/evidence-table';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { href } from '../../app/hash-route';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { useRowsInSteps } from '../../ui/use-rows-in-steps';

const COLUMNS: readonly { key: EvidenceSortKey; label: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'kind', label: 'Kind' },
  { key: 'date', label: 'Document date' },
  { key: 'added', label: 'Added' },
  { key: 'size', label: 'Size' },
  { key: 'criteria', label: 'Criteria linked' },
  { key: 'personalData', label: 'Personal data' },
];

/** The kind as shown: the kind, and the one the file's name suggests while it waits to be confirmed. */
export function kindText(item: EvidenceItem): string {
  return item.suggestedKind
    ? `${evidenceKindLabel(item.kind)} (suggested: ${evidenceKindLabel(item.suggestedKind)})`
    : evidenceKindLabel(item.kind);
}

const NO_CRITERIA: readonly string[] = [];

/**
 * The library as a compact table: one row per item, sortable by each column, a box on each row to
 * select it (and one to select all shown), and the item's title as the button that opens its details.
 * Every item of the library has its row; those the filters leave out are hidden rather than removed,
 * so a change of the search only shows or hides rows and never draws an unchanged row again. The
 * rows are drawn in steps (renderer/ui/use-rows-in-steps.ts): the first screenful of those shown,
 * then the rest after it is painted; the table is marked busy until then. Selecting all selects
 * every row shown, drawn yet or not.
 * `panel`, when given, is shown in a row of its own under the open item (narrow windows).
 */
export function EvidenceTable({
  items,
  shownIds,
  filterKey,
  evaluationId,
  linksByEvidence,
  sort,
  onSort,
  selected,
  onSelect,
  openId,
  onOpen,
  openButtonRef,
  panel,
}: {
  /** Every item, in the table's order. */
  items: readonly EvidenceItem[];
  /** The items the filters let through: the others' rows are hidden. */
  shownIds: ReadonlySet<string>;
  /** The filters as one text: when it changes, the rows shown start again from the first screenful. */
  filterKey: string;
  evaluationId: string;
  linksByEvidence: ReadonlyMap<string, readonly string[]>;
  sort: EvidenceSort;
  onSort: (key: EvidenceSortKey) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: readonly string[], selected: boolean) => void;
  openId: string | null;
  onOpen: (id: string) => void;
  openButtonRef: (id: string, button: HTMLButtonElement | null) => void;
  panel: ReactNode;
}) {
  const allRef = useRef<HTMLInputElement>(null);
  const shownItems = useMemo(() => items.filter((item) => shownIds.has(item.id)), [items, shownIds]);
  const selectedShown = shownItems.filter((item) => selected.has(item.id)).length;
  const all = shownItems.length > 0 && selectedShown === shownItems.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !all;
  }, [selectedShown, all]);
  const sortedBy = COLUMNS.find((c) => c.key === sort.key)?.label ?? '';
  const shownFlags = useMemo(() => items.map((item) => shownIds.has(item.id)), [items, shownIds]);
  const { drawnUpTo, visibleUpTo, complete } = useRowsInSteps(shownFlags, filterKey);

  return (
    <ScrollRegion label="Evidence table">
      <table className="table evidence-table" aria-busy={complete ? undefined : true}>
        <caption>
          Evidence, sorted by {sortedBy.toLowerCase()}, {sort.direction}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="evidence-table__select">
              <input
                ref={allRef}
                type="checkbox"
                aria-label={`Select all ${shownItems.length} shown`}
                checked={all}
                onChange={(e) =>
                  onSelect(
                    shownItems.map((item) => item.id),
                    e.target.checked,
                  )
                }
              />
            </th>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" aria-sort={sort.key === column.key ? sort.direction : 'none'}>
                <button type="button" className="sort-button" onClick={() => onSort(column.key)}>
                  {column.label}
                  <span className="sort-button__indicator" aria-hidden="true">
                    {sort.key === column.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.slice(0, drawnUpTo).map((item, index) => {
            const open = item.id === openId;
            // The open item is never left for a later step: its details under it would be closed and drawn again.
            const hidden = !shownIds.has(item.id) || (index >= visibleUpTo && !open);
            return (
              <Fragment key={item.id}>
                <tr className={open ? 'evidence-table__row--open' : undefined} aria-current={open ? 'true' : undefined} hidden={hidden}>
                  <EvidenceRowCells
                    item={item}
                    criteria={linksByEvidence.get(item.id) ?? NO_CRITERIA}
                    evaluationId={evaluationId}
                    checked={selected.has(item.id)}
                    open={open}
                    onSelect={onSelect}
                    onOpen={onOpen}
                    openButtonRef={openButtonRef}
                  />
                </tr>
                {open && panel && !hidden ? (
                  <tr className="evidence-table__panel-row">
                    <td colSpan={COLUMNS.length + 1}>{panel}</td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/**
 * One item's cells. Drawn again only when something it shows changes (the item, its links, its
 * box, whether it is open): the callbacks it is given must keep their identity between renders.
 */
const EvidenceRowCells = memo(function EvidenceRowCells({
  item,
  criteria,
  evaluationId,
  checked,
  open,
  onSelect,
  onOpen,
  openButtonRef,
}: {
  item: EvidenceItem;
  criteria: readonly string[];
  evaluationId: string;
  checked: boolean;
  open: boolean;
  onSelect: (ids: readonly string[], selected: boolean) => void;
  onOpen: (id: string) => void;
  openButtonRef: (id: string, button: HTMLButtonElement | null) => void;
}) {
  return (
    <>
      <td className="evidence-table__select">
        <input
          type="checkbox"
          aria-label={`Select ${item.title}`}
          checked={checked}
          onChange={(e) => onSelect([item.id], e.target.checked)}
        />
      </td>
      <th scope="row">
        <button
          ref={(button) => openButtonRef(item.id, button)}
          type="button"
          className="evidence-table__open"
          aria-expanded={open}
          aria-controls={open ? 'evidence-details' : undefined}
          onClick={() => onOpen(item.id)}
        >
          {item.title}
        </button>
        {item.file ? <span className="evidence-table__file">{item.file.name}</span> : <span className="evidence-table__file">No file</span>}
      </th>
      <td>{kindText(item)}</td>
      <td>{formatIsoDate(item.date, 'Not known')}</td>
      <td>{longDateOfTime(item.createdAt)}</td>
      <td>{item.file ? formatBytes(item.file.size) : 'No file'}</td>
      <td>
        {criteria.length === 0
          ? 'None'
          : criteria.map((criterionId, index) => (
              <Fragment key={criterionId}>
                {index > 0 ? ', ' : ''}
                <a href={href.criterion(evaluationId, criterionId)}>{criterionId}</a>
              </Fragment>
            ))}
      </td>
      <td>{personalDataLabel(item)}</td>
    </>
  );
});
