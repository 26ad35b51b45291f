import type { CriterionResponse, Evaluation, EvidenceLink } from '../../../shared/evaluation/evaluation-records';
import type { EvidenceItem } from '../../../shared/evidence/evidence-records';
import { responseKey } from '../../../shared/evaluation/evaluation-records';
import type { BaseFrameworkFileV1 } from '../../../shared/framework/framework-types';
import type { ImportedSubmission } from '../../../shared/moderation/moderation-records';
import type { SharedFolderEntry } from '../../../shared/moderation/shared-folder-index';
import type { ImportedFrameworkRecord } from '../../../renderer/db/app-database';
import { DATABASE_NAME } from '../../../renderer/db/app-database';

/**
 * The UI baselines: the same records read with plain IndexedDB and drawn with plain DOM calls, no
 * framework, no live queries, no autosave. What the browser itself needs to show the same thing;
 * the app's figures are compared with these. Same element structure and labels as the app's
 * screens where the probe looks (h1, textarea#narrative, "Next:" link, the queue's table and count).
 *
 *   plain.html#criterion/<evaluationId>/<criterionId>   plain.html#queue/<workspaceId>
 *   plain.html#evidence/<evaluationId>                  plain.html#overview/<evaluationId>
 *   plain.html#regional/<folderKey>
 */
const main = document.getElementById('plain') as HTMLElement;

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

function read<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error ?? new Error('read failed'));
  });
}

const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text = ''): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text) node.textContent = text;
  return node;
};

async function criterionScreen(db: IDBDatabase, evaluationId: string, firstId: string): Promise<void> {
  const evaluation = await read<Evaluation>(db.transaction('evaluations').objectStore('evaluations').get(evaluationId));
  const record = await read<ImportedFrameworkRecord>(
    db.transaction('frameworks').objectStore('frameworks').get(evaluation.framework.contentHash),
  );
  const file = record.value as BaseFrameworkFileV1;
  const criteria = file.strands.flatMap((s) => s.standards.flatMap((t) => t.criteria));
  const heading = element('h1');
  const label = element('label', 'Narrative');
  label.htmlFor = 'narrative';
  const narrative = element('textarea');
  narrative.id = 'narrative';
  narrative.rows = 8;
  const next = element('a');
  main.append(heading, label, narrative, next);

  const show = async (criterionId: string) => {
    const index = criteria.findIndex((c) => c.id === criterionId);
    const criterion = criteria[index];
    const response = await read<CriterionResponse | undefined>(
      db.transaction('responses').objectStore('responses').get(responseKey(evaluationId, criterionId)),
    );
    heading.replaceChildren(element('span', criterion?.id ?? criterionId), ` ${criterion?.statement ?? ''}`);
    narrative.value = response?.narrative ?? '';
    const following = criteria[index + 1];
    next.textContent = following ? `Next: ${following.id} →` : 'Back';
    next.href = following ? `#criterion/${evaluationId}/${following.id}` : '#';
  };
  window.addEventListener('hashchange', () => {
    const [, , criterionId] = location.hash.slice(1).split('/');
    if (criterionId) void show(decodeURIComponent(criterionId));
  });
  await show(firstId);
}

async function queueScreen(db: IDBDatabase, workspaceId: string): Promise<void> {
  const submissions = await read<ImportedSubmission[]>(
    db.transaction('importedSubmissions').objectStore('importedSubmissions').index('workspaceId').getAll(workspaceId),
  );
  submissions.sort((a, b) => a.schoolName.localeCompare(b.schoolName, 'en-GB') || b.version - a.version);
  const label = element('label', 'School name or URN');
  label.htmlFor = 'queue-filter';
  const search = element('input');
  search.type = 'search';
  search.id = 'queue-filter';
  const count = element('p', `${submissions.length} submissions.`);
  count.className = 'queue-count';
  const table = element('table');
  table.dataset.testid = 'queue-table';
  const body = element('tbody');
  const rows = submissions.map((s) => {
    const row = element('tr');
    for (const text of [s.schoolName, s.urn, s.regionId, s.framework.title, s.exportedAt.slice(0, 10), `v${s.version}`, s.status]) {
      row.append(element('td', text));
    }
    body.append(row);
    return { row, name: s.schoolName.toLowerCase(), urn: s.urn };
  });
  table.append(body);
  search.addEventListener('input', () => {
    const text = search.value.trim().toLowerCase();
    let shown = 0;
    for (const r of rows) {
      const match = text === '' || r.name.includes(text) || r.urn.includes(text);
      r.row.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = text === '' ? `${rows.length} submissions.` : `Showing ${shown} of ${rows.length} submissions.`;
  });
  main.append(label, search, count, table);
}

/** A search box over a table's rows, with the count of rows shown, as the app's filtered tables have. */
function filteredTable(
  labelText: string,
  countId: string,
  noun: string,
  records: readonly { cells: readonly string[]; text: string }[],
): [HTMLLabelElement, HTMLInputElement, HTMLParagraphElement, HTMLTableElement] {
  const label = element('label', labelText);
  label.htmlFor = 'plain-search';
  const search = element('input');
  search.type = 'search';
  search.id = 'plain-search';
  const count = element('p', `${records.length} ${noun}.`);
  count.dataset.testid = countId;
  const table = element('table');
  const body = element('tbody');
  const rows = records.map((r) => {
    const row = element('tr');
    for (const text of r.cells) row.append(element('td', text));
    body.append(row);
    return { row, text: r.text.toLowerCase() };
  });
  table.append(body);
  search.addEventListener('input', () => {
    const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const r of rows) {
      const match = words.every((w) => r.text.includes(w));
      r.row.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = words.length === 0 ? `${rows.length} ${noun}.` : `Showing ${shown} of ${rows.length} ${noun}.`;
  });
  return [label, search, count, table];
}

async function evidenceScreen(db: IDBDatabase, evaluationId: string): Promise<void> {
  const evaluation = await read<Evaluation>(db.transaction('evaluations').objectStore('evaluations').get(evaluationId));
  const [items, links] = await Promise.all([
    read<EvidenceItem[]>(db.transaction('evidence').objectStore('evidence').index('schoolId').getAll(evaluation.schoolId)),
    read<EvidenceLink[]>(db.transaction('evidenceLinks').objectStore('evidenceLinks').index('evaluationId').getAll(evaluationId)),
  ]);
  const linked = new Map<string, number>();
  for (const link of links) linked.set(link.evidenceId, (linked.get(link.evidenceId) ?? 0) + 1);
  items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const [label, search, count, table] = filteredTable(
    'Search evidence',
    'evidence-count',
    'items',
    items.map((item) => ({
      cells: [item.title, item.kind, item.date || 'Not known', item.file?.name ?? 'No file', String(linked.get(item.id) ?? 0)],
      text: `${item.title} ${item.description} ${item.heldAt} ${item.file?.name ?? ''}`,
    })),
  );
  table.className = 'evidence-table';
  main.append(element('h1', 'Evidence library'), label, search, count, table);
}

async function overviewScreen(db: IDBDatabase, evaluationId: string): Promise<void> {
  const evaluation = await read<Evaluation>(db.transaction('evaluations').objectStore('evaluations').get(evaluationId));
  const record = await read<ImportedFrameworkRecord>(
    db.transaction('frameworks').objectStore('frameworks').get(evaluation.framework.contentHash),
  );
  const file = record.value as BaseFrameworkFileV1;
  const criteria = file.strands.flatMap((s) => s.standards.flatMap((t) => t.criteria));
  const responses = await read<CriterionResponse[]>(
    db.transaction('responses').objectStore('responses').index('evaluationId').getAll(evaluationId),
  );
  const byCriterion = new Map(responses.map((r) => [r.criterionId, r]));
  const [label, search, count, table] = filteredTable(
    'Search the criteria',
    'overview-count',
    'criteria',
    criteria.map((c) => {
      const response = byCriterion.get(c.id);
      return {
        cells: [c.id, c.statement, c.level, c.mandatory ? 'Yes' : 'No', response?.judgement ?? 'Not judged yet'],
        text: `${c.statement} ${response?.narrative ?? ''}`,
      };
    }),
  );
  table.className = 'overview-table';
  main.append(element('h1', 'Criteria overview'), label, search, count, table);
}

/**
 * The partnership's schools table (section 7): every verified submission of the folder's index,
 * latest per school, one row each, with the local authority and phase filters and the count the
 * app's Regional overview has.
 */
async function regionalScreen(db: IDBDatabase, folderKey: string): Promise<void> {
  const entries = await read<SharedFolderEntry[]>(
    db.transaction('sharedFolderEntries').objectStore('sharedFolderEntries').index('folderKey').getAll(folderKey),
  );
  const latest = new Map<string, SharedFolderEntry>();
  for (const e of entries) {
    const s = e.submission;
    if (!e.valid || !s?.detail) continue;
    const held = latest.get(s.urn)?.submission;
    if (!held || s.version > held.version) latest.set(s.urn, e);
  }
  const schools = [...latest.values()].flatMap((e) => (e.submission?.detail ? [{ s: e.submission, d: e.submission.detail }] : []));
  schools.sort((a, b) => a.d.localAuthority.localeCompare(b.d.localAuthority) || a.s.schoolName.localeCompare(b.s.schoolName));
  const select = (id: string, text: string, all: string, values: string[]) => {
    const label = element('label', text);
    label.htmlFor = id;
    const box = element('select');
    box.id = id;
    for (const [value, shown] of [['', all], ...values.map((v) => [v, v])]) {
      const option = element('option', shown);
      option.value = value ?? '';
      box.append(option);
    }
    main.append(label, box);
    return box;
  };
  main.append(element('h1', 'Regional overview'));
  const la = select('plain-la', 'Local authority', 'All local authorities', [...new Set(schools.map((x) => x.d.localAuthority))].sort());
  const phase = select('plain-phase', 'Phase', 'All phases', [...new Set(schools.map((x) => x.d.phase))].sort());
  const count = element('p');
  count.dataset.testid = 'regional-count';
  count.setAttribute('role', 'status');
  const table = element('table');
  table.dataset.table = 'schools';
  const body = element('tbody');
  const rows = schools.map(({ s, d }) => {
    const row = element('tr');
    const cells = [
      d.localAuthority,
      d.phase,
      s.schoolName,
      s.urn,
      String(s.version),
      d.framework.title,
      d.academicYear,
      'None',
      '',
      'Not moderated',
    ];
    for (const text of cells) row.append(element('td', text));
    body.append(row);
    return { row, la: d.localAuthority, phase: d.phase };
  });
  table.append(body);
  const show = () => {
    let shown = 0;
    for (const r of rows) {
      const match = (la.value === '' || r.la === la.value) && (phase.value === '' || r.phase === phase.value);
      r.row.hidden = !match;
      if (match) shown += 1;
    }
    const filtered = la.value !== '' || phase.value !== '';
    count.textContent = `${shown} schools ${filtered ? 'match the filters' : 'in the folder'}.`;
  };
  la.addEventListener('change', show);
  phase.addEventListener('change', show);
  show();
  main.append(count, table);
}

async function start(): Promise<void> {
  const [screen, id, criterionId] = location.hash.slice(1).split('/').map(decodeURIComponent);
  const db = await openDatabase();
  if (screen === 'criterion' && id && criterionId) await criterionScreen(db, id, criterionId);
  else if (screen === 'queue' && id) await queueScreen(db, id);
  else if (screen === 'evidence' && id) await evidenceScreen(db, id);
  else if (screen === 'overview' && id) await overviewScreen(db, id);
  else if (screen === 'regional' && id) await regionalScreen(db, id);
  else main.textContent = 'Nothing to show: see plain-page.ts for the addresses.';
}

void start();
