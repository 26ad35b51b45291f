import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { toCsv, type CsvCell } from '../../shared/partnership/csv';
import { rowKeys, sameCells, sortRows, type OverviewTable, type SortDirection } from '../../shared/partnership/regional-overview-tables';
import { useServices } from '../app/app-context';
import { describeStorageError } from '../db/storage-errors';
import { StatusMessage } from '../ui/StatusMessage';
import { usePaintedAfter } from '../ui/use-painted-after';
import { formatCount } from '../../shared/formats/en-gb-counts';

/** The rows a long table shows at first, and how many more each "Show more" adds. */
export const ROWS_AT_A_TIME = 100;

/**
 * The rows a long table draws in the screen's first frame (more than a tall window shows above the
 * fold); the rest of its first hundred follow once that frame is painted, so the overview's first
 * paint does not wait for the style and layout of rows below the window.
 */
export const FIRST_FRAME_ROWS = 30;

/** One table of the regional overview: a caption, headers that sort it, and its CSV download. */
export const OverviewTableView = memo(function OverviewTableView({ table }: { table: OverviewTable }) {
  const ids = useId();
  const { platform } = useServices();
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | null>(null);
  const [saved, setSaved] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  // Sorted once per table and order asked for, not on every render.
  const rows = useMemo(() => (sort ? sortRows(table.rows, sort.column, sort.direction) : table.rows), [table.rows, sort]);
  // A long table shows its first rows, and more on asking: a region's 2,000 schools are sorted,
  // filtered and downloaded whole, but drawn a hundred at a time.
  const [shown, setShown] = useState(ROWS_AT_A_TIME);
  const firstFramePainted = usePaintedAfter(true);
  const drawnUpTo = firstFramePainted ? shown : Math.min(shown, FIRST_FRAME_ROWS);
  const drawn = useMemo(() => (rows.length > drawnUpTo ? rows.slice(0, drawnUpTo) : rows), [rows, drawnUpTo]);
  const keys = useMemo(() => rowKeys(drawn), [drawn]);
  // What the caption, the hint and the buttons speak of: the rows shown once the first frame's are topped up.
  const shownCount = Math.min(shown, rows.length);
  const stillDrawing = drawn.length < shownCount;
  // When the last "Show more" draws every row its buttons go: focus moves to the table's heading, not to the page.
  const heading = useRef<HTMLHeadingElement>(null);
  const [showingMore, setShowingMore] = useState(false);
  const everyRowDrawn = shownCount >= rows.length;
  useEffect(() => {
    if (!showingMore) return;
    if (everyRowDrawn) heading.current?.focus();
    setShowingMore(false);
  }, [showingMore, everyRowDrawn]);
  const showMore = (count: number) => {
    setShowingMore(true);
    setShown(count);
  };

  const download = async () => {
    setSaved(null);
    try {
      const csv = toCsv(table.header, table.rows);
      const result = await platform.saveFile(table.fileName, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      setSaved({ kind: 'success', text: result === 'saved' ? `Saved ${table.fileName}.` : 'Not saved.' });
    } catch (error) {
      setSaved({ kind: 'error', text: describeStorageError(error, table.fileName) });
    }
  };

  const sortBy = (column: number) =>
    setSort((current) => ({
      column,
      direction: current?.column === column && current.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  return (
    <section aria-labelledby={`${ids}-heading`} className="regional-table">
      <h2 id={`${ids}-heading`} ref={heading} tabIndex={-1}>
        {table.caption}
      </h2>
      {table.rows.length === 0 ? (
        <p>{table.empty}</p>
      ) : (
        <div className="table-scroll">
          <table data-table={table.id} data-rows={rows.length} aria-busy={stillDrawing ? true : undefined}>
            <caption>
              {table.caption}
              {sort ? `, sorted by ${table.header[sort.column] ?? ''} (${sort.direction})` : ''}
              {shownCount < rows.length ? `, the first ${formatCount(shownCount)} of ${formatCount(rows.length)} rows` : ''}
            </caption>
            <thead>
              <tr>
                {table.header.map((label, column) => (
                  <th
                    key={label}
                    scope="col"
                    aria-sort={sort?.column === column ? sort.direction : 'none'}
                    className={table.numeric[column] ? 'numeric' : undefined}
                  >
                    <button type="button" className="sort-button" onClick={() => sortBy(column)}>
                      {label}
                      <span className="sort-button__indicator" aria-hidden="true">
                        {sort?.column === column ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {drawn.map((row, index) => (
                <OverviewRow key={keys[index]} row={row} numeric={table.numeric} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shownCount < rows.length ? (
        <div className="button-row">
          <p className="hint">
            Showing the first {formatCount(shownCount)} of {formatCount(rows.length)} rows. Sorting and the CSV file take in every row.
          </p>
          <button type="button" className="button button--secondary" onClick={() => showMore(shown + ROWS_AT_A_TIME)}>
            Show {formatCount(Math.min(ROWS_AT_A_TIME, rows.length - shownCount))} more rows
          </button>
          <button type="button" className="button button--secondary" onClick={() => showMore(rows.length)}>
            Show all {formatCount(rows.length)} rows
          </button>
        </div>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void download()}>
          Download “{table.caption}” as CSV
        </button>
      </div>
      {saved ? <StatusMessage kind={saved.kind}>{saved.text}</StatusMessage> : null}
    </section>
  );
});

/** One row: drawn again only when its cells change (a filter keeps the rows it still shows as they are). */
const OverviewRow = memo(
  function OverviewRow({ row, numeric }: { row: CsvCell[]; numeric: boolean[] }) {
    return (
      <tr>
        {row.map((cell, column) =>
          column === 0 ? (
            <th key={column} scope="row">
              {cell ?? ''}
            </th>
          ) : (
            <td key={column} className={numeric[column] ? 'numeric' : undefined}>
              {cell === null ? 'Not known' : cell}
            </td>
          ),
        )}
      </tr>
    );
  },
  (before, after) => sameCells(before.row, after.row) && sameCells(before.numeric, after.numeric),
);
