import { useCallback, useMemo, useRef, useState } from 'react';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';
import { EMPTY_EVIDENCE_DETAILS, EVIDENCE_KINDS, filterEvidence, type EvidenceKind } from '../../../shared/evidence/evidence-records';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import type { School } from '../../../shared/school/school-records';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';
import { CriterionOptions, inFrameworkOrder } from '../../ui/CriterionOptions';
import { usePaintedAfter } from '../../ui/use-painted-after';
import { DEFAULT_EVIDENCE_SORT, sortEvidence, type EvidenceSort, type EvidenceSortKey } from '../../../shared/evidence/evidence-table';
import { EvidenceBulkEdit } from './EvidenceBulkEdit';
import { EvidenceDetailsForm } from './EvidenceDetailsForm';
import { EvidenceCards } from './EvidenceCards';
import { EvidenceTable } from './EvidenceTable';
import { useEvidenceView, useWideWindow } from './use-evidence-view';
import { EvidenceItemPanel } from './EvidenceItemPanel';
import { EvidenceUploader } from './EvidenceUploader';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { useEvidenceLibrary, type EvidenceLibraryRecords } from '../../db/evidence-queries';
import { addEvidenceRecord } from '../../db/evidence-store';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

/** The school's evidence: add files or records, find them, describe them, and link them to criteria. */
export function EvidenceScreen({ evaluationId }: { evaluationId: string }) {
  const { db } = useServices();
  const context = useEvaluation(evaluationId);
  // Read beside the evaluation, not after it is shown.
  const library = useEvidenceLibrary(db, evaluationId);
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school, framework } = context;
  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'evidence', framework.criteria[0]?.id)}>
      <PageHeading title={`Evidence library – ${evaluation.title}`}>Evidence library</PageHeading>
      <p className="lead">
        Evidence belongs to {school.name} and can be used in any of its evaluations. Links to criteria belong to “{evaluation.title}”.
      </p>
      <p>
        <a href={href.evidencePackImport(evaluationId)}>Import a colleague’s evidence pack</a>
      </p>
      <EvidenceLibrary
        evaluation={evaluation}
        school={school}
        framework={framework}
        data={library?.schoolId === school.id ? library : undefined}
      />
    </Layout>
  );
}

interface Filter {
  text: string;
  kind: EvidenceKind | '';
  criterionId: string;
}

const NO_FILTER: Filter = { text: '', kind: '', criterionId: '' };
const PANEL_ID = 'evidence-details';
const ADD_ID = 'add-evidence';

function EvidenceLibrary({
  evaluation,
  school,
  framework,
  data,
}: {
  evaluation: Evaluation;
  school: School;
  framework: AppliedFramework;
  /** The library, once read. */
  data: EvidenceLibraryRecords;
}) {
  const { db } = useServices();
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [sort, setSort] = useState<EvidenceSort>(DEFAULT_EVIDENCE_SORT);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  // The ways to add evidence are open while the library is empty, behind a button once it is not.
  // Once shown they stay until closed, so what the last upload did stays in view.
  const [addOpen, setAddOpen] = useState<boolean | null>(null);
  const openButtons = useRef(new Map<string, HTMLButtonElement>());
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const [view, setView] = useEvidenceView(data?.items.length ?? 0);
  const wide = useWideWindow();

  // The forms are drawn the first time they are shown, not while they wait hidden behind the
  // button, and then kept (hidden when closed) so an upload under way and its report stay.
  const [addDrawn, setAddDrawn] = useState(false);

  // Decided when the library is first read, in that same render, so the page never shows the forms and then hides them.
  if (data && addOpen === null) setAddOpen(data.items.length === 0);
  if (addOpen === true && !addDrawn) setAddDrawn(true);

  const linksByEvidence = useMemo(() => {
    const grouped = new Map<string, string[]>();
    for (const link of data?.links ?? []) grouped.set(link.evidenceId, [...(grouped.get(link.evidenceId) ?? []), link.criterionId]);
    return new Map([...grouped].map(([evidenceId, ids]) => [evidenceId, inFrameworkOrder(framework, ids)]));
  }, [data, framework]);

  const items = useMemo(
    () => sortEvidence(data?.items ?? [], sort, (item) => linksByEvidence.get(item.id)?.length ?? 0),
    [data, sort, linksByEvidence],
  );
  // Not deferred (useDeferredValue): measured in the bench, the list then took longer to follow the
  // search box, its render being sliced among other work; the hidden rows make each change small instead.
  const shown = useMemo(() => filterEvidence(items, filter, linksByEvidence), [items, filter, linksByEvidence]);
  const shownIds = useMemo(() => new Set(shown.map((item) => item.id)), [shown]);
  const selected = items.find((item) => item.id === selectedId) ?? null;
  const filterKey = `${filter.kind}\n${filter.criterionId}\n${filter.text}`;
  const filtered = filter.text !== '' || filter.kind !== '' || filter.criterionId !== '';
  // Only what is shown can be changed together: a filter narrows the selection with the list.
  const checkedShown = useMemo(() => shown.filter((item) => checked.has(item.id)).map((item) => item.id), [shown, checked]);

  const close = () => {
    const id = selectedId;
    setSelectedId(null);
    const button = id ? openButtons.current.get(id) : undefined;
    (button ?? listHeadingRef.current)?.focus();
  };
  // The rows and cards are drawn again only when what they show changes, so what they are given keeps its identity.
  const open = useCallback((id: string) => {
    setNotice(null);
    setSelectedId((before) => (id === before ? null : id));
  }, []);
  const openButtonRef = useCallback((id: string, button: HTMLButtonElement | null) => {
    if (button) openButtons.current.set(id, button);
    else openButtons.current.delete(id);
  }, []);
  const select = useCallback(
    (ids: readonly string[], on: boolean) =>
      setChecked((before) => {
        const next = new Set(before);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    [],
  );
  const sortBy = useCallback(
    (key: EvidenceSortKey) =>
      setSort((before) => ({
        key,
        direction: before.key === key && before.direction === 'ascending' ? 'descending' : 'ascending',
      })),
    [],
  );
  // The parts of the page a search does not change, made once for the same inputs so a key typed in the search skips them.
  // The criterion filter's options (one per criterion) come just after the first paint, which the
  // library's first rows need not wait for; until then it offers "Any criterion", as it starts.
  const optionsDrawn = usePaintedAfter(true);
  const criterionOptions = useMemo(() => (optionsDrawn ? <CriterionOptions framework={framework} /> : null), [framework, optionsDrawn]);
  const addForms = useMemo(
    () => (
      <>
        <section aria-labelledby="add-files-heading">
          <h2 id="add-files-heading">Add files</h2>
          <EvidenceUploader schoolId={school.id} evaluationId={evaluation.id} framework={framework} />
        </section>

        <section aria-labelledby="add-record-heading">
          <h2 id="add-record-heading">Add evidence without a file</h2>
          <p className="hint">
            For evidence you cannot or should not copy into the app, such as a pupil’s file or a paper register. Record what it is and where
            the original is held, so a moderator can ask to see it.
          </p>
          <EvidenceDetailsForm
            idPrefix="new-evidence"
            initial={EMPTY_EVIDENCE_DETAILS}
            submitLabel="Add this evidence"
            whatIsSaved="the evidence"
            resetAfterSave
            onSave={async (details) => {
              const item = await addEvidenceRecord(db, school.id, details);
              return `“${item.title}” added to the library.`;
            }}
          />
        </section>
      </>
    ),
    [db, school.id, evaluation.id, framework],
  );

  const panel = selected ? (
    <EvidenceItemPanel
      key={selected.id}
      id={PANEL_ID}
      item={selected}
      evaluationId={evaluation.id}
      framework={framework}
      linkedCriterionIds={linksByEvidence.get(selected.id) ?? []}
      onClose={close}
      onDeleted={(title) => {
        setSelectedId(null);
        setNotice(`“${title}” was deleted.`);
        listHeadingRef.current?.focus();
      }}
    />
  ) : null;
  const panelBeside = wide && panel !== null;
  const addShown = addOpen ?? false;

  return (
    <>
      {data && data.items.length > 0 ? (
        <p>
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={addShown}
            aria-controls={ADD_ID}
            onClick={() => setAddOpen(!addShown)}
          >
            {addShown ? 'Hide the ways to add evidence' : 'Add files or evidence without a file'}
          </button>
        </p>
      ) : null}
      <div id={ADD_ID} hidden={!addShown}>
        {addShown || addDrawn ? addForms : null}
      </div>

      <section aria-labelledby="library-heading">
        <h2 id="library-heading" ref={listHeadingRef} tabIndex={-1}>
          Evidence in the library
        </h2>
        <form className="form filters" role="search" aria-label="Filter evidence" onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="evidence-search">Search evidence</label>
            <p className="hint" id="evidence-search-hint">
              Words from the title, description, where it is held, file name or criterion.
            </p>
            <input
              id="evidence-search"
              type="search"
              autoComplete="off"
              aria-describedby="evidence-search-hint"
              value={filter.text}
              onChange={(e) => setFilter({ ...filter, text: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor="evidence-kind-filter">Filter by kind</label>
            <select
              id="evidence-kind-filter"
              value={filter.kind}
              onChange={(e) => setFilter({ ...filter, kind: e.target.value as EvidenceKind | '' })}
            >
              <option value="">All kinds</option>
              {EVIDENCE_KINDS.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="evidence-criterion-filter">Filter by criterion</label>
            <select
              id="evidence-criterion-filter"
              value={filter.criterionId}
              onChange={(e) => setFilter({ ...filter, criterionId: e.target.value })}
            >
              <option value="">Any criterion, or none</option>
              {criterionOptions}
            </select>
          </div>
          {filtered ? (
            <button type="button" className="button button--secondary" onClick={() => setFilter(NO_FILTER)}>
              Clear the filters
            </button>
          ) : null}
        </form>
        <fieldset className="view-choice">
          <legend>Show the library as</legend>
          {(['table', 'cards'] as const).map((choice) => (
            <div className="radio radio--inline" key={choice}>
              <input
                id={`evidence-view-${choice}`}
                type="radio"
                name="evidence-view"
                checked={view === choice}
                onChange={() => setView(choice)}
              />
              <label htmlFor={`evidence-view-${choice}`}>{choice === 'table' ? 'A table' : 'Cards'}</label>
            </div>
          ))}
        </fieldset>
        <div role="status" aria-live="polite" className="inline-status">
          {notice ? <p>{notice}</p> : null}
          {data ? <p data-testid="evidence-count">{countLine(shown.length, items.length, filtered)}</p> : null}
          {checkedShown.length > 0 ? <p>{selectedLine(checkedShown.length)}</p> : null}
        </div>
        {checkedShown.length > 0 ? (
          <>
            <p>
              <button type="button" className="button button--secondary" onClick={() => setChecked(new Set())}>
                Clear the selection
              </button>
            </p>
            <EvidenceBulkEdit schoolId={school.id} evaluationId={evaluation.id} framework={framework} selectedIds={checkedShown} />
          </>
        ) : null}
        <div className={`evidence-layout${panelBeside ? ' evidence-layout--beside' : ''}`}>
          <div className="evidence-layout__list">
            {!data ? (
              <p>Loading…</p>
            ) : items.length === 0 ? (
              <p>No evidence yet. Add files or a record of evidence above.</p>
            ) : (
              <>
                {shown.length === 0 ? <p>No evidence matches. Change the search or clear the filters.</p> : null}
                {/* Kept while nothing matches, hidden, so the next search does not draw every row again. */}
                <div hidden={shown.length === 0}>
                  {view === 'table' ? (
                    <EvidenceTable
                      items={items}
                      shownIds={shownIds}
                      filterKey={filterKey}
                      evaluationId={evaluation.id}
                      linksByEvidence={linksByEvidence}
                      sort={sort}
                      onSort={sortBy}
                      selected={checked}
                      onSelect={select}
                      openId={selectedId}
                      onOpen={open}
                      openButtonRef={openButtonRef}
                      panel={panelBeside ? null : panel}
                    />
                  ) : (
                    <EvidenceCards
                      items={items}
                      shownIds={shownIds}
                      filterKey={filterKey}
                      evaluationId={evaluation.id}
                      linksByEvidence={linksByEvidence}
                      selected={checked}
                      onSelect={select}
                      openId={selectedId}
                      onOpen={open}
                      openButtonRef={openButtonRef}
                      panelId={PANEL_ID}
                      panel={panelBeside ? null : panel}
                    />
                  )}
                </div>
              </>
            )}
          </div>
          {panelBeside ? <div className="evidence-layout__panel">{panel}</div> : null}
        </div>
      </section>
    </>
  );
}

function selectedLine(count: number): string {
  return count === 1 ? '1 file selected.' : `${count} files selected.`;
}

function countLine(shown: number, total: number, filtered: boolean): string {
  const items = (n: number) => (n === 1 ? '1 item' : `${n} items`);
  return filtered ? `Showing ${shown} of ${items(total)}.` : `${items(total)} in the library.`;
}
