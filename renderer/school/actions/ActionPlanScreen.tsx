import { useEffect, useMemo, useRef, useState } from 'react';
import {
  ACTION_STATUSES,
  actionStatusLabel,
  sortActions,
  type ActionItem,
  type ActionSortKey,
  type ActionStatus,
} from '../../../shared/actions/action-plan';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { useServices } from '../../app/app-context';
import { useConfirmStep } from '../../app/use-confirm-step';
import { href } from '../../app/hash-route';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';
import { ActionForm } from './ActionForm';
import { HistoricReadOnly } from '../evaluation/HistoricReadOnly';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { useActions } from '../../db/action-queries';
import { createAction, deleteAction, restoreAction, updateAction } from '../../db/action-store';
import { describeStorageError } from '../../db/storage-errors';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { useUndoNotice } from '../../ui/use-undo-notice';

type SortDirection = 'ascending' | 'descending';
interface Sort {
  key: ActionSortKey;
  direction: SortDirection;
}

const COLUMN_LABELS: Record<ActionSortKey, string> = {
  criterion: 'Criteria',
  what: 'What',
  who: 'Who',
  byWhen: 'By when',
  status: 'Status',
};

/** The school's action plan for one evaluation: what it will do, who, by when, and how it will know. */
export function ActionPlanScreen({ evaluationId }: { evaluationId: string }) {
  const context = useEvaluation(evaluationId);
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school, framework } = context;
  const editable = evaluationEditable(framework);
  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'actions', framework.criteria[0]?.id)}>
      <PageHeading title={`Action plan – ${evaluation.title}`}>Action plan</PageHeading>
      {!editable.editable ? <HistoricReadOnly evaluation={evaluation} reason={editable.reason} /> : null}
      <ActionPlan evaluation={evaluation} framework={framework} editable={editable.editable} />
    </Layout>
  );
}

function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1).trimEnd()}…` : oneLine;
}

/** `editable` false (a historic edition): the plan is listed as it stands, with nothing to add, change or delete. */
function ActionPlan({ evaluation, framework, editable }: { evaluation: Evaluation; framework: AppliedFramework; editable: boolean }) {
  const { db } = useServices();
  const actions = useActions(db, evaluation.id);
  const [sort, setSort] = useState<Sort | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const tableHeadingRef = useRef<HTMLHeadingElement>(null);
  /** The action just deleted, to put back. */
  const undo = useUndoNotice(() => tableHeadingRef.current);
  const formHeadingRef = useRef<HTMLHeadingElement>(null);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const criterionOrder = useMemo(() => framework.criteria.map((c) => c.id), [framework]);

  const rows = useMemo(() => {
    const list = actions ?? [];
    return sort
      ? sortActions(list, sort.key, sort.direction, criterionOrder)
      : [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }, [actions, sort, criterionOrder]);
  const editing = editingId ? actions?.find((a) => a.id === editingId) : undefined;

  // Opening an action to edit takes the keyboard to the form.
  useEffect(() => {
    if (editingId) formHeadingRef.current?.focus();
  }, [editingId]);

  const sortBy = (key: ActionSortKey) =>
    setSort((current) => ({ key, direction: current?.key === key && current.direction === 'ascending' ? 'descending' : 'ascending' }));

  const stopEditing = (id: string) => {
    setEditingId(null);
    editButtons.current.get(id)?.focus();
  };

  const run = async (work: () => Promise<string>, what: string) => {
    undo.withdraw();
    try {
      setMessage({ kind: 'ok', text: await work() });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, what) });
    }
  };

  if (!actions) return <p role="status">Loading the action plan…</p>;

  return (
    <>
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading" ref={tableHeadingRef} tabIndex={-1}>
          Actions
        </h2>
        <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
          {message ? <p className={message.kind === 'error' ? 'notice notice--error' : undefined}>{message.text}</p> : null}
        </div>
        {undo.notice}
        {rows.length === 0 ? (
          <p>
            {editable
              ? 'No actions yet. Add the first one below, or create one from a criterion’s next steps.'
              : 'No actions were recorded.'}
          </p>
        ) : (
          <ScrollRegion label="Actions table" className="table-wrapper">
            <table className="table action-table">
              <caption className="visually-hidden">
                Actions for “{evaluation.title}”{sort ? `, sorted by ${COLUMN_LABELS[sort.key]}, ${sort.direction}` : ''}
              </caption>
              <thead>
                <tr>
                  <SortableHeader sortKey="criterion" sort={sort} onSort={sortBy} />
                  <SortableHeader sortKey="what" sort={sort} onSort={sortBy} />
                  <SortableHeader sortKey="who" sort={sort} onSort={sortBy} />
                  <SortableHeader sortKey="byWhen" sort={sort} onSort={sortBy} />
                  <th scope="col">Success criteria</th>
                  <SortableHeader sortKey="status" sort={sort} onSort={sortBy} />
                  {editable ? <th scope="col">Change</th> : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((action) => (
                  <ActionRow
                    key={action.id}
                    action={action}
                    evaluationId={evaluation.id}
                    editing={action.id === editingId}
                    editable={editable}
                    editButtonRef={(button) => {
                      if (button) editButtons.current.set(action.id, button);
                      else editButtons.current.delete(action.id);
                    }}
                    onEdit={() => {
                      setMessage(null);
                      undo.withdraw();
                      setEditingId(action.id);
                    }}
                    onStatus={(status) =>
                      run(async () => {
                        await updateAction(db, action.id, { status });
                        return `“${shorten(action.what)}” is now ${actionStatusLabel(status).toLowerCase()}.`;
                      }, 'the new status')
                    }
                    onDelete={async () => {
                      setMessage(null);
                      try {
                        const deleted = await deleteAction(db, action.id);
                        if (editingId === action.id) setEditingId(null);
                        if (!deleted) return;
                        const short = shorten(deleted.what);
                        undo.offer({
                          message: `Action “${short}” removed from the plan.`,
                          what: `removing the action “${short}”`,
                          whatIsPutBack: 'the action',
                          undo: async () => {
                            await restoreAction(db, deleted);
                            return `Action “${short}” is back in the plan.`;
                          },
                        });
                      } catch (error) {
                        setMessage({ kind: 'error', text: describeStorageError(error, 'the change') });
                      }
                    }}
                  />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      {editable ? (
        <section aria-labelledby="action-form-heading" className="panel">
          <h2 id="action-form-heading" ref={formHeadingRef} tabIndex={-1}>
            {editing ? 'Edit the action' : 'Add an action'}
          </h2>
          {editing ? <p className="hint">Editing “{shorten(editing.what, 120)}”.</p> : null}
          <ActionForm
            key={editing?.id ?? 'new'}
            framework={framework}
            editing={editing}
            headingId="action-form-heading"
            onSave={async (details) => {
              undo.withdraw();
              if (editing) {
                await updateAction(db, editing.id, details);
                stopEditing(editing.id);
                setMessage({ kind: 'ok', text: 'Action saved.' });
                return 'Action saved.';
              }
              await createAction(db, evaluation.id, details);
              return 'Action added to the plan.';
            }}
            onCancel={editing ? () => stopEditing(editing.id) : undefined}
          />
        </section>
      ) : null}
    </>
  );
}

function SortableHeader({ sortKey, sort, onSort }: { sortKey: ActionSortKey; sort: Sort | null; onSort: (key: ActionSortKey) => void }) {
  const direction = sort?.key === sortKey ? sort.direction : 'none';
  return (
    <th scope="col" aria-sort={direction}>
      <button type="button" className="sort-button" onClick={() => onSort(sortKey)}>
        {COLUMN_LABELS[sortKey]}
        <span className="sort-button__indicator" aria-hidden="true">
          {direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ' ↕'}
        </span>
      </button>
    </th>
  );
}

function ActionRow({
  action,
  evaluationId,
  editing,
  editable,
  editButtonRef,
  onEdit,
  onStatus,
  onDelete,
}: {
  action: ActionItem;
  evaluationId: string;
  editing: boolean;
  editable: boolean;
  editButtonRef: (button: HTMLButtonElement | null) => void;
  onEdit: () => void;
  onStatus: (status: ActionStatus) => Promise<void>;
  onDelete: () => Promise<void>;
}) {
  const deletion = useConfirmStep();
  const [busy, setBusy] = useState(false);

  const short = shorten(action.what);
  const statusId = `action-${action.id}-status`;
  return (
    <tr className={editing ? 'action-row action-row--editing' : 'action-row'}>
      <td>
        {action.criterionIds.length === 0 ? (
          'None'
        ) : (
          <ul className="inline-list">
            {action.criterionIds.map((criterionId) => (
              <li key={criterionId}>
                <a href={href.criterion(evaluationId, criterionId)}>{criterionId}</a>
              </li>
            ))}
          </ul>
        )}
      </td>
      <th scope="row" className="action-row__what">
        {action.what}
      </th>
      <td>{action.who || <span className="muted">Not set</span>}</td>
      <td>{action.byWhen ? formatIsoDate(action.byWhen) : <span className="muted">Not set</span>}</td>
      <td>{action.successCriteria || <span className="muted">Not set</span>}</td>
      {!editable ? (
        <td>{actionStatusLabel(action.status)}</td>
      ) : (
        <td>
          <label htmlFor={statusId} className="visually-hidden">
            Status of “{short}”
          </label>
          <select
            id={statusId}
            value={action.status}
            disabled={busy}
            onChange={(e) => {
              setBusy(true);
              void onStatus(e.target.value as ActionStatus).finally(() => setBusy(false));
            }}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </td>
      )}
      {editable ? (
        <td>
          {deletion.confirming ? (
            <div className="confirm">
              <p ref={deletion.questionRef} tabIndex={-1}>
                Delete this action? You can undo it straight after.
              </p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button--warning"
                  disabled={busy}
                  onClick={() => {
                    setBusy(true);
                    void onDelete().finally(() => setBusy(false));
                  }}
                >
                  Yes, delete <span className="visually-hidden">“{short}”</span>
                </button>
                <button type="button" className="button button--secondary" onClick={deletion.cancel}>
                  Cancel <span className="visually-hidden">deleting “{short}”</span>
                </button>
              </div>
            </div>
          ) : (
            <div className="button-row">
              <button ref={editButtonRef} type="button" className="button button--secondary" onClick={onEdit}>
                Edit <span className="visually-hidden">“{short}”</span>
              </button>
              <button ref={deletion.triggerRef} type="button" className="button button--secondary" onClick={deletion.ask}>
                Delete <span className="visually-hidden">“{short}”</span>
              </button>
            </div>
          )}
        </td>
      ) : null}
    </tr>
  );
}
