import { memo, useMemo, useState } from 'react';
import {
  EMPTY_OVERVIEW_QUERY,
  JUDGEMENT_FILTERS,
  SORT_LABELS,
  filterAndSort,
  isFiltered,
  overviewRows,
  overviewSearchString,
  readOverviewQuery,
  showingText,
  type OverviewQuery,
  type OverviewRow,
  type OverviewSortKey,
  type ReadQuery,
} from '../../../shared/evaluation/criteria-overview';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';
import type { School } from '../../../shared/school/school-records';
import { hashQuery, href, replaceHashQuery } from '../../app/hash-route';
import { useHash } from '../../app/router';
import { evaluationSections, useEvaluation } from './use-evaluation';
import { useCriteriaOverviewRecords, type CriteriaOverviewRecords } from '../../db/criteria-overview-records';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { useRowsInSteps } from '../../ui/use-rows-in-steps';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

/**
 * Every criterion of the evaluation in one table: filter, sort and search it, and open any
 * criterion from its id. The filters live in the address, so a link (the dashboard's) can carry
 * them and the address bar can be copied.
 */
export function CriteriaOverviewScreen({ evaluationId }: { evaluationId: string }) {
  const context = useEvaluation(evaluationId);
  // Read beside the evaluation, not after it is shown.
  const records = useCriteriaOverviewRecords(evaluationId);
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school, framework } = context;
  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'criteria', framework.criteria[0]?.id)}>
      <p className="breadcrumb">
        <a href={href.dashboard(evaluationId)}>{evaluation.title}</a>
      </p>
      <PageHeading title={`Criteria overview ${evaluation.title}`}>Criteria overview</PageHeading>
      <Overview
        evaluation={evaluation}
        school={school}
        framework={framework}
        records={records?.schoolId === school.id ? records : undefined}
      />
    </Layout>
  );
}

function Overview({
  evaluation,
  school,
  framework,
  records,
}: {
  evaluation: Evaluation;
  school: School;
  framework: AppliedFramework;
  /** The evaluation's records, once read. */
  records: CriteriaOverviewRecords | undefined;
}) {
  const addressQuery = hashQuery(useHash());
  const [state, setState] = useState<{ address: string; read: ReadQuery }>(() => ({
    address: addressQuery,
    read: readOverviewQuery(framework, addressQuery),
  }));
  // A link to this same screen with other filters (the address changed, not by us): follow it.
  if (state.address !== addressQuery) setState({ address: addressQuery, read: readOverviewQuery(framework, addressQuery) });
  const { query, problems } = state.read;

  const change = (next: Partial<OverviewQuery>) => {
    const updated = { ...query, ...next };
    const address = overviewSearchString(updated);
    replaceHashQuery(address);
    setState({ address, read: { query: updated, problems: [] } });
  };

  const rows = useMemo(() => (records ? overviewRows(overviewInput(framework, school, records)) : null), [framework, school, records]);
  // Not deferred (useDeferredValue): the query is also set while rendering when a link changes the
  // address, and a deferred copy of it was then left behind, showing the rows of the previous link.
  const shown = useMemo(() => (rows ? filterAndSort(framework, rows, query) : []), [framework, rows, query]);
  const shownIds = useMemo(() => new Set(shown.map((row) => row.id)), [shown]);
  // Every row in the table's order, those the filters leave out hidden rather than removed: a search
  // then only shows or hides rows, and never draws an unchanged one again.
  const ordered = useMemo(
    () => (rows ? filterAndSort(framework, rows, { ...EMPTY_OVERVIEW_QUERY, sort: query.sort, direction: query.direction }) : []),
    [framework, rows, query.sort, query.direction],
  );
  // Drawn in steps: the first screenful of the rows shown, the rest after it is painted (the table busy till then).
  // A change of the filters, not of the order, starts the visible rows again from the first screenful.
  const shownFlags = useMemo(() => ordered.map((row) => shownIds.has(row.id)), [ordered, shownIds]);
  const filterKey = overviewSearchString({ ...query, sort: EMPTY_OVERVIEW_QUERY.sort, direction: EMPTY_OVERVIEW_QUERY.direction });
  const { drawnUpTo, visibleUpTo, complete } = useRowsInSteps(shownFlags, filterKey);
  const firstUnjudged = rows?.find((r) => r.applies === 'applies' && r.judgement === null);
  const firstId = framework.criteria[0]?.id;
  const withModeration = records?.moderation != null;

  return (
    <>
      <p className="button-row">
        {firstId ? (
          <a className="button button--secondary" href={href.criterion(evaluation.id, firstId)}>
            Go to the first criterion, {firstId}
          </a>
        ) : null}
        {firstUnjudged && firstUnjudged.id !== firstId ? (
          <a className="button button--secondary" href={href.criterion(evaluation.id, firstUnjudged.id)}>
            Continue with {firstUnjudged.id}, the first not judged
          </a>
        ) : null}
      </p>
      {problems.length > 0 ? (
        <div className="notice notice--warning" data-testid="overview-link-problems">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      ) : null}
      <OverviewFilters framework={framework} query={query} onChange={change} />
      <div role="status" aria-live="polite" className="inline-status" data-testid="overview-count">
        {rows ? <p>{showingText(shown.length, rows.length)}</p> : null}
      </div>
      {query.ids !== null ? (
        <p className="notice">
          Only the {query.ids.length === 1 ? 'criterion' : `${query.ids.length} criteria`} the link named{' '}
          {query.ids.length === 1 ? 'is' : 'are'} shown: {query.ids.join(', ')}.{' '}
          <button type="button" className="button button--link" onClick={() => change({ ids: null })}>
            Show them among all the criteria
          </button>
        </p>
      ) : null}
      {!rows ? (
        <p>Loading…</p>
      ) : (
        <>
          {shown.length === 0 ? <p>No criteria match. Change the search or the filters, or show every criterion.</p> : null}
          {/* Kept while nothing matches, hidden, so the next search does not draw every row again. */}
          <div hidden={shown.length === 0}>
            <ScrollRegion label="Criteria table" className="table-wrapper">
              <table className="table overview-table" aria-busy={complete ? undefined : true}>
                <caption>
                  Criteria of {framework.title}
                  {query.sort !== 'id' || query.direction !== 'ascending'
                    ? `, sorted by ${SORT_LABELS[query.sort].toLowerCase()}, ${query.direction}`
                    : ''}
                  {withModeration && records.moderatedAt
                    ? `, with the moderator’s decisions of ${longDateOfTime(records.moderatedAt)}`
                    : ''}
                </caption>
                <thead>
                  <tr>
                    <SortableHeader sortKey="id" query={query} onChange={change} />
                    <th scope="col">Title</th>
                    <th scope="col">Strand</th>
                    <SortableHeader sortKey="level" query={query} onChange={change} />
                    <SortableHeader sortKey="judgement" query={query} onChange={change} />
                    <SortableHeader sortKey="evidence" query={query} onChange={change} />
                    <th scope="col">Next step</th>
                    {withModeration ? <th scope="col">Moderator’s decision</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {ordered.slice(0, drawnUpTo).map((row, index) => (
                    <tr
                      key={row.id}
                      className={row.applies === 'applies' ? undefined : 'overview-table__not-counted'}
                      hidden={!shownIds.has(row.id) || index >= visibleUpTo}
                    >
                      <OverviewRowCells row={row} evaluationId={evaluation.id} withModeration={withModeration} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </div>
        </>
      )}
    </>
  );
}

function overviewInput(framework: AppliedFramework, school: School, records: CriteriaOverviewRecords) {
  return {
    framework,
    profile: school,
    responses: records.responses,
    links: records.links,
    evidenceTitles: records.evidenceTitles,
    actions: records.actions,
    moderation: records.moderation,
  };
}

function OverviewFilters({
  framework,
  query,
  onChange,
}: {
  framework: AppliedFramework;
  query: OverviewQuery;
  onChange: (next: Partial<OverviewQuery>) => void;
}) {
  return (
    <form className="form overview-filters" role="search" aria-label="Filter the criteria" onSubmit={(e) => e.preventDefault()}>
      <div className="field overview-filters__search">
        <label htmlFor="overview-search">Search the criteria</label>
        <p className="hint" id="overview-search-hint">
          Words from a criterion’s statement, the school’s narrative or the titles of its evidence. Every word must match.
        </p>
        <input
          id="overview-search"
          type="search"
          autoComplete="off"
          aria-describedby="overview-search-hint"
          value={query.search}
          onChange={(e) => onChange({ search: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="overview-strand">Strand</label>
        <select id="overview-strand" value={query.strand ?? ''} onChange={(e) => onChange({ strand: e.target.value || null })}>
          <option value="">All strands</option>
          {framework.strands.map((s) => (
            <option key={s.id} value={s.id}>
              {s.id} {s.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="overview-level">Level</label>
        <select id="overview-level" value={query.level ?? ''} onChange={(e) => onChange({ level: e.target.value || null })}>
          <option value="">All levels</option>
          {framework.levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="overview-judgement">Judgement</label>
        <select id="overview-judgement" value={query.judgement ?? ''} onChange={(e) => onChange({ judgement: e.target.value || null })}>
          <option value="">Any judgement</option>
          {JUDGEMENT_FILTERS.map((j) => (
            <option key={j.id} value={j.id}>
              {j.label}
            </option>
          ))}
          {framework.scale.points.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="overview-applies">Applies to the school</label>
        <select
          id="overview-applies"
          value={query.applies}
          onChange={(e) =>
            onChange({ applies: e.target.value === 'applies' || e.target.value === 'does-not-apply' ? e.target.value : 'all' })
          }
        >
          <option value="all">Every criterion</option>
          <option value="applies">Only those that count for the school</option>
          <option value="does-not-apply">Only those that do not apply</option>
        </select>
      </div>
      <div className="overview-filters__checks">
        <div className="checkbox">
          <input
            id="overview-mandatory"
            type="checkbox"
            checked={query.mandatory}
            onChange={(e) => onChange({ mandatory: e.target.checked })}
          />
          <label htmlFor="overview-mandatory">Mandatory only</label>
        </div>
        <div className="checkbox">
          <input
            id="overview-no-evidence"
            type="checkbox"
            checked={query.noEvidence}
            onChange={(e) => onChange({ noEvidence: e.target.checked })}
          />
          <label htmlFor="overview-no-evidence">Without evidence only</label>
        </div>
      </div>
      {isFiltered(query) ? (
        <p className="overview-filters__clear">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onChange({ ...EMPTY_OVERVIEW_QUERY, sort: query.sort, direction: query.direction })}
          >
            Show every criterion
          </button>
        </p>
      ) : null}
    </form>
  );
}

function SortableHeader({
  sortKey,
  query,
  onChange,
}: {
  sortKey: OverviewSortKey;
  query: OverviewQuery;
  onChange: (next: Partial<OverviewQuery>) => void;
}) {
  const direction = query.sort === sortKey ? query.direction : 'none';
  return (
    <th scope="col" aria-sort={direction}>
      <button
        type="button"
        className="sort-button"
        onClick={() => onChange({ sort: sortKey, direction: direction === 'ascending' ? 'descending' : 'ascending' })}
      >
        {SORT_LABELS[sortKey]}
        <span className="sort-button__indicator" aria-hidden="true">
          {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ↕'}
        </span>
      </button>
    </th>
  );
}

/** One criterion's cells, drawn again only when its row changes (a row shown or hidden by a search is not). */
const OverviewRowCells = memo(function OverviewRowCells({
  row,
  evaluationId,
  withModeration,
}: {
  row: OverviewRow;
  evaluationId: string;
  withModeration: boolean;
}) {
  return (
    <>
      <th scope="row">
        <a href={href.criterion(evaluationId, row.id)}>{row.id}</a>
      </th>
      <td className="overview-table__title">
        {row.title}
        {row.mandatory || row.statutory ? (
          <ul className="tags overview-table__tags" aria-label={`About ${row.id}`}>
            {row.mandatory ? <li className="tag--mandatory">Mandatory</li> : null}
            {row.statutory ? <li>Legal duty</li> : null}
          </ul>
        ) : null}
      </td>
      <td>{row.strandId}</td>
      <td>{row.levelLabel}</td>
      <td>
        {row.judgementText}
        {row.notApplicableReason ? <span className="hint overview-table__reason">{row.notApplicableReason}</span> : null}
      </td>
      <td>{row.evidenceCount}</td>
      <td className="overview-table__next">
        {row.nextStep ? (
          <>
            {row.nextStep.text}
            {row.nextStep.due ? <span className="hint overview-table__reason">By {formatIsoDate(row.nextStep.due)}</span> : null}
          </>
        ) : (
          <span className="muted">None yet</span>
        )}
      </td>
      {withModeration ? <td>{row.moderatorDecision}</td> : null}
    </>
  );
});
