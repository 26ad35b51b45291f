import { useId, useLayoutEffect, useMemo, useState } from 'react';
import { frameworkByHashes } from '../../shared/framework/framework-catalogue';
import type { FolderFrameworkRef } from '../../shared/moderation/shared-folder-index';
import { isoDay, type PartnershipWorkspace } from '../../shared/partnership/partnership-register';
import {
  NO_FILTERS,
  phaseLabel,
  prepareOverview,
  regionalOverview,
  type FrameworkLookup,
  type OverviewFilters,
  type OverviewFramework,
} from '../../shared/partnership/regional-overview';
import type { FolderEntrySummary } from '../../shared/partnership/regional-overview-summary';
import { overviewFrameworkOf, overviewTables, type OverviewTable } from '../../shared/partnership/regional-overview-tables';
import { useServices } from '../app/app-context';
import { href } from '../app/hash-route';
import { LoadingOrMissing } from '../app/NotFoundScreen';
import { usePartnership } from '../db/partnership-queries';
import { useFolderEntries, useFolderSummaries } from '../db/shared-folder-queries';
import { SharedFolderPanel, type SharedFolderWording } from '../moderation/folder/SharedFolderPanel';
import { Layout } from '../ui/Layout';
import { PageHeading } from '../ui/PageHeading';
import { StatusMessage } from '../ui/StatusMessage';
import { usePaintedAfter } from '../ui/use-painted-after';
import { BenchmarkExportPanel } from './BenchmarkExportPanel';
import { OverviewTableView } from './OverviewTableView';
import { SteeringReportPanel } from './SteeringReportPanel';

/**
 * The partnership's view of its region, from the shared folder's index (the partnership's own
 * folder key is its id): the tables of shared/partnership/regional-overview.ts, filtered, each
 * downloadable as CSV. The index's summaries (each entry without its criteria) are read first and
 * give the first draw; the full entries are read once it is on screen, for the tables that need them.
 */
export function RegionalOverviewScreen({ partnershipId }: { partnershipId: string }) {
  const { db, platform } = useServices();
  const found = usePartnership(db, partnershipId);
  const summaries = useFolderSummaries(db, partnershipId);
  useRouteMark();
  if (found === undefined) return <LoadingOrMissing state="loading" what="partnership" />;
  if (found === null) return <LoadingOrMissing state="missing" what="partnership" />;
  const { partnership } = found;
  return (
    <Layout workspaceName={partnership.name}>
      <p>
        <a href={href.partnership(partnership.id)}>Back to {partnership.name}</a>
      </p>
      <PageHeading title="Regional overview">Regional overview</PageHeading>
      <p className="lead">
        Every verified submission, moderation report and second moderation in {partnership.region}’s shared folder, worked out from the
        folder’s index. Files that failed the checks are never counted.
      </p>
      {platform.sharedFolder ? (
        <SharedFolderPanel
          folderKey={partnership.id}
          folder={platform.sharedFolder}
          indexed={(summaries?.length ?? 0) > 0}
          wording={FOLDER_WORDING}
        />
      ) : (
        <StatusMessage kind="information">
          This browser cannot open a folder. Use the desktop app, or Microsoft Edge or Google Chrome, to read your region’s shared folder.
        </StatusMessage>
      )}
      {summaries === undefined ? <p>Reading the folder’s index…</p> : <Overview summaries={summaries} partnership={partnership} />}
    </Layout>
  );
}

function Overview({ summaries, partnership }: { summaries: FolderEntrySummary[]; partnership: PartnershipWorkspace }) {
  const ids = useId();
  const { catalogue, db } = useServices();
  const [filters, setFilters] = useState<OverviewFilters>(NO_FILTERS);
  const lookup = useMemo<FrameworkLookup>(() => {
    const cache = new Map<string, OverviewFramework | null>();
    return (ref: FolderFrameworkRef) => {
      const key = `${ref.contentHash}|${ref.supplementHash ?? ''}`;
      if (!cache.has(key)) {
        const applied = frameworkByHashes(catalogue, ref.contentHash, ref.supplementHash);
        cache.set(key, applied ? overviewFrameworkOf(applied) : null);
      }
      return cache.get(key) ?? null;
    };
  }, [catalogue]);
  // The schools, renewals and states are drawn first, from the summaries; once that draw is on
  // screen the full entries are read, and from them the criteria are counted and the tables after
  // them, the steering report and the benchmark drawn. A summary gives its entry's schools, renewals
  // and states exactly, so the rows already drawn stay as they are.
  const painted = usePaintedAfter(true);
  const entries = useFolderEntries(db, partnership.id, painted);
  const complete = entries !== undefined;
  // The index is read once per change of the entries (the summaries until they come); a filter only picks from it.
  const source = entries ?? summaries;
  const prepared = useMemo(() => prepareOverview(source), [source]);
  const { options, older } = prepared;
  const today = isoDay(new Date());
  const overview = useMemo(
    () => regionalOverview(prepared, filters, today, lookup, { criteria: complete }),
    [prepared, filters, today, lookup, complete],
  );
  const tables = useMemo(() => overviewTables(overview), [overview]);
  const shown = complete ? tables : tables.filter((table) => FIRST_TABLES.has(table.id));

  const select = (id: keyof OverviewFilters, label: string, choices: { value: string; label: string }[], all: string) => (
    <div className="form-field">
      <label htmlFor={`${ids}-${id}`}>{label}</label>
      <select
        id={`${ids}-${id}`}
        value={filters[id] ?? ''}
        onChange={(event) => setFilters({ ...filters, [id]: event.target.value === '' ? null : event.target.value })}
      >
        <option value="">{all}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  const filtered = Object.values(filters).some((v) => v !== null);

  return (
    <>
      {older > 0 ? (
        <StatusMessage kind="information">
          {older === 1 ? '1 file was' : `${older} files were`} indexed before the overview kept what it needs and{' '}
          {older === 1 ? 'is' : 'are'} not counted yet. Scan the folder to read {older === 1 ? 'it' : 'them'} again.
        </StatusMessage>
      ) : null}
      <section aria-labelledby={`${ids}-filters`}>
        <h2 id={`${ids}-filters`}>Filters</h2>
        <div className="overview-filters">
          {select(
            'localAuthority',
            'Local authority',
            options.localAuthorities.map((v) => ({ value: v, label: v })),
            'All local authorities',
          )}
          {select(
            'phase',
            'Phase',
            options.phases.map((v) => ({ value: v, label: phaseLabel(v) })),
            'All phases',
          )}
          {select(
            'edition',
            'Framework edition',
            options.editions.map((e) => ({ value: e.key, label: e.label })),
            'All editions',
          )}
          {select(
            'academicYear',
            'Academic year',
            options.academicYears.map((v) => ({ value: v, label: v })),
            'All years',
          )}
        </div>
        {filtered ? (
          <button type="button" className="button button--secondary" onClick={() => setFilters(NO_FILTERS)}>
            Clear the filters
          </button>
        ) : null}
        <p role="status" aria-live="polite" data-testid="regional-count">
          {overview.schools.length === 1 ? '1 school' : `${overview.schools.length} schools`} and{' '}
          {overview.submissionsCounted === 1 ? '1 submission' : `${overview.submissionsCounted} submissions`}
          {filtered ? ' match the filters.' : ' in the folder.'}
          {overview.returnsWithoutReport > 0
            ? ` ${overview.returnsWithoutReport === 1 ? '1 second moderation is' : `${overview.returnsWithoutReport} second moderations are`} not compared: the first moderator’s report is not in the folder.`
            : ''}
          {overview.uncertifiedLeftOut > 0
            ? overview.uncertifiedLeftOut === 1
              ? ' 1 submission is not counted: it names a school this partnership certified but is signed by a key the partnership did not certify, so it may be forged. Check with the school.'
              : ` ${overview.uncertifiedLeftOut} submissions are not counted: each names a school this partnership certified but is signed by a key the partnership did not certify, so they may be forged. Check with the schools.`
            : ''}
        </p>
      </section>
      {complete ? (
        <SteeringReportPanel partnership={partnership} overview={overview} filters={filters} options={options} today={today} />
      ) : null}
      {shown.map((table) => (
        <OverviewTableView key={table.id} table={table} />
      ))}
      <p role="status" aria-live="polite" className="inline-status" data-testid="regional-later-tables">
        {complete
          ? 'The criteria and moderator agreement tables, the steering group report and the benchmarks are ready.'
          : 'Working out the criteria and moderator agreement tables…'}
      </p>
      {complete ? <BenchmarkExportPanel partnership={partnership} entries={entries} schools={overview.schools} lookup={lookup} /> : null}
    </>
  );
}

/** The tables drawn in the overview's first draw; the others follow once it is on screen. */
const FIRST_TABLES: ReadonlySet<OverviewTable['id']> = new Set(['schools', 'renewals', 'states']);

/**
 * Marks (User Timing) the route's first draw, once per mount: the bench measures the overview's own
 * part of an open from it, apart from the app's start.
 */
function useRouteMark(): void {
  useLayoutEffect(() => {
    performance.mark('regional-overview-route');
  }, []);
}

/** The partnership's shared folder, in the partnership's words: its own folder key is the partnership's id. */
const FOLDER_WORDING: SharedFolderWording = {
  heading: 'The shared folder',
  looking: 'Looking for this partnership’s folder…',
  noFolder: 'No folder is chosen yet. Choose the folder your region’s schools and moderators share.',
  scan: 'Scan the shared folder',
  rescan: 'Rescan the shared folder (new or changed files only)',
};
