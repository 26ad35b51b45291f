import { memo, useId, useMemo, useState } from 'react';
import { toCsv, type CsvCell } from '../../shared/partnership/csv';
import { rowKeys, sameCells, sortRows, type OverviewTable, type SortDirection } from '../../shared/partnership/regional-overview-tables';
import { useServices } from '../app/app-context';
import { describeStorageError } from '../db/storage-errors';
import { StatusMessage } from '../ui/StatusMessage';

/** One table of the regional overview: a caption, headers that sort it, and its CSV download. */
export const OverviewTableView = memo(function OverviewTableView({ table }: { table: OverviewTable }) {
  const ids = useId();
  const { platform } = useServices();
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | null>(null);
  const [saved, setSaved] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  // Sorted once per table and order asked for, not on every render.
  const rows = useMemo(() => (sort ? sortRows(table.rows, sort.column, sort.direction) : table.rows), [table.rows, sort]);
  const keys = useMemo(() => rowKeys(rows), [rows]);

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
      <h2 id={`${ids}-heading`}>{table.caption}</h2>
      {table.rows.length === 0 ? (
        <p>{table.empty}</p>
      ) : (
        <div className="table-scroll">
          <table data-table={table.id}>
            <caption>
              {table.caption}
              {sort ? `, sorted by ${table.header[sort.column] ?? ''} (${sort.direction})` : ''}
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
              {rows.map((row, index) => (
                <OverviewRow key={keys[index]} row={row} numeric={table.numeric} />
              ))}
            </tbody>
          </table>
        </div>
      )}
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
