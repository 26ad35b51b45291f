import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { interviewPrompts } from '../../../shared/moderation/visit-prompts';
import {
  activityLabel,
  audienceLabel,
  checkTimetableRow,
  moveRow,
  rowTimes,
  timetableWarnings,
  VISIT_ACTIVITIES,
  VISIT_AUDIENCES,
  type TimetableRowDraft,
  type TimetableRowField,
  type VisitTimetableRow,
} from '../../../shared/moderation/visit-timetable';
import { newId } from '../../db/record-stamps';
import { ErrorSummary, FieldError, type FieldProblem } from '../../ui/ErrorSummary';
import { FormField } from '../../ui/FormField';
import { UndoNotice, type Undoable } from '../../ui/UndoNotice';

const EMPTY_DRAFT: TimetableRowDraft = { start: '', end: '', activity: '', withWhom: [], who: '', place: '', criterionIds: [] };

const FIELD_IDS: Record<TimetableRowField, string> = {
  start: 'row-start',
  end: 'row-end',
  activity: 'row-activity',
  withWhom: 'row-with-pupils',
  who: 'row-who',
  place: 'row-place',
};

/**
 * The visit's timetable: its rows in the order they are run, each with the questions for an
 * interview under it; a form to add or edit a row (checked by shared/moderation/visit-timetable.ts
 * before it is kept); Move up and Move down buttons to reorder by keyboard; Remove with Undo.
 */
export function VisitTimetable({
  framework,
  sampled,
  rows,
  onChange,
}: {
  framework: AppliedFramework;
  /** The sampled criteria, in the plan's order. */
  sampled: readonly string[];
  rows: readonly VisitTimetableRow[];
  onChange: (rows: VisitTimetableRow[]) => void;
}) {
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const [draft, setDraft] = useState<TimetableRowDraft>(EMPTY_DRAFT);
  const [problems, setProblems] = useState<{ field: TimetableRowField; message: string }[]>([]);
  const [tries, setTries] = useState(0);
  const [removed, setRemoved] = useState<(Undoable & { key: string }) | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef(rows);
  latest.current = rows;
  const buttons = useRef(new Map<string, HTMLElement>());
  const [focusNext, setFocusNext] = useState<string | null>(null);
  useEffect(() => {
    if (focusNext === null) return;
    buttons.current.get(focusNext)?.focus();
    setFocusNext(null);
  }, [focusNext]);

  const warnings = timetableWarnings(rows, sampled);
  const problemOf = (field: TimetableRowField) => problems.find((p) => p.field === field)?.message;

  const open = (row: VisitTimetableRow | null) => {
    setEditing({ id: row?.id ?? null });
    setDraft(row ? { ...row, withWhom: [...row.withWhom], criterionIds: [...row.criterionIds] } : EMPTY_DRAFT);
    setProblems([]);
    setFocusNext('row-start');
  };
  const close = (focus: string) => {
    setEditing(null);
    setProblems([]);
    setFocusNext(focus);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const check = checkTimetableRow(draft);
    if (!check.ok) {
      setProblems(check.problems);
      setTries((n) => n + 1);
      return;
    }
    const id = editing.id ?? newId();
    const row: VisitTimetableRow = { id, ...check.row };
    const current = latest.current;
    onChange(editing.id && current.some((r) => r.id === id) ? current.map((r) => (r.id === id ? row : r)) : [...current, row]);
    setAnnouncement(
      `${editing.id ? 'Saved the changes to' : 'Added'} the ${activityLabel(row.activity).toLowerCase()} at ${rowTimes(row)}.`,
    );
    close(`edit-${id}`);
  };

  const move = (index: number, direction: 'up' | 'down') => {
    const row = latest.current[index];
    if (!row) return;
    const next = moveRow(latest.current, index, direction);
    onChange(next);
    const to = next.findIndex((r) => r.id === row.id);
    setAnnouncement(
      `Moved the ${activityLabel(row.activity).toLowerCase()} at ${rowTimes(row)} ${direction}: it is now row ${to + 1} of ${next.length}.`,
    );
    // Keep focus on the same button in the row's new place, or on the other one at the top or bottom.
    const stays = (direction === 'up' && to > 0) || (direction === 'down' && to < next.length - 1);
    setFocusNext(`${stays ? direction : direction === 'up' ? 'down' : 'up'}-${row.id}`);
  };

  const remove = (index: number) => {
    const row = latest.current[index];
    if (!row) return;
    onChange(latest.current.filter((r) => r.id !== row.id));
    const name = `the ${activityLabel(row.activity).toLowerCase()} at ${rowTimes(row)}`;
    setRemoved({
      key: `${row.id}-${Date.now()}`,
      message: `Removed ${name} from the timetable.`,
      what: `removing ${name}`,
      whatIsPutBack: `${name}`,
      undo: async () => {
        const now = latest.current.filter((r) => r.id !== row.id);
        onChange([...now.slice(0, index), row, ...now.slice(index)]);
        return `Put ${name} back in the timetable as row ${Math.min(index, now.length) + 1}.`;
      },
    });
  };

  const summary: FieldProblem[] = problems.map((p) => ({ fieldId: FIELD_IDS[p.field], message: p.message }));
  const toggleIn = <T extends string>(list: readonly T[], value: T, on: boolean): T[] =>
    on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

  return (
    <section aria-labelledby="timetable-heading" className="visit-timetable">
      <h2 id="timetable-heading">Timetable for the day ({rows.length === 1 ? '1 row' : `${rows.length} rows`})</h2>
      <p>
        Set out who you will meet and what you will see, in the order of the day. Interviews get questions drawn from the criteria they
        cover.
      </p>
      <div role="status" aria-live="polite" className="inline-status">
        {announcement ? <p>{announcement}</p> : null}
      </div>
      {removed ? <UndoNotice key={removed.key} removed={removed} onDismiss={() => setRemoved(null)} /> : null}
      {warnings.length > 0 ? (
        <div className="notice notice--warning" data-testid="timetable-warnings">
          <h3>Check the timetable</h3>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p className="muted">No rows yet.</p>
      ) : (
        <ol className="visit-timetable__rows" data-testid="timetable-rows">
          {rows.map((row, index) => {
            const prompts = interviewPrompts(framework, row);
            const label = `${rowTimes(row)} ${activityLabel(row.activity)}`;
            return (
              <li key={row.id} className="visit-timetable__row" aria-labelledby={`row-heading-${row.id}`}>
                <h3 id={`row-heading-${row.id}`}>{label}</h3>
                <dl className="visit-timetable__details">
                  {row.withWhom.length > 0 ? (
                    <>
                      <dt>With</dt>
                      <dd>{row.withWhom.map(audienceLabel).join(', ')}</dd>
                    </>
                  ) : null}
                  {row.who ? (
                    <>
                      <dt>Who</dt>
                      <dd>{row.who}</dd>
                    </>
                  ) : null}
                  {row.place ? (
                    <>
                      <dt>Where</dt>
                      <dd>{row.place}</dd>
                    </>
                  ) : null}
                  <dt>Criteria</dt>
                  <dd>{row.criterionIds.length > 0 ? row.criterionIds.join(', ') : 'None chosen'}</dd>
                </dl>
                {prompts.length > 0 ? (
                  <>
                    <h4>Questions to ask</h4>
                    <ul className="visit-prompts" data-testid={`prompts-${row.id}`}>
                      {prompts.map((p) => (
                        <li key={`${p.criterionId}-${p.audience}`}>
                          <strong>
                            {p.criterionId}, {audienceLabel(p.audience).toLowerCase()}:
                          </strong>{' '}
                          {p.question}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : row.activity === 'interview' ? (
                  <p className="hint">Choose the criteria this interview covers to see questions for it.</p>
                ) : null}
                <div className="button-row">
                  <button
                    type="button"
                    className="button button--secondary"
                    ref={(el) => void (el ? buttons.current.set(`edit-${row.id}`, el) : buttons.current.delete(`edit-${row.id}`))}
                    onClick={() => open(row)}
                  >
                    Edit <span className="visually-hidden">{label}</span>
                  </button>
                  {index > 0 ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      ref={(el) => void (el ? buttons.current.set(`up-${row.id}`, el) : buttons.current.delete(`up-${row.id}`))}
                      onClick={() => move(index, 'up')}
                    >
                      Move up <span className="visually-hidden">{label}</span>
                    </button>
                  ) : null}
                  {index < rows.length - 1 ? (
                    <button
                      type="button"
                      className="button button--secondary"
                      ref={(el) => void (el ? buttons.current.set(`down-${row.id}`, el) : buttons.current.delete(`down-${row.id}`))}
                      onClick={() => move(index, 'down')}
                    >
                      Move down <span className="visually-hidden">{label}</span>
                    </button>
                  ) : null}
                  <button type="button" className="button button--link" onClick={() => remove(index)}>
                    Remove <span className="visually-hidden">{label}</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {editing ? (
        <form className="form panel" onSubmit={save} noValidate aria-labelledby="row-form-heading">
          <h3 id="row-form-heading">{editing.id ? 'Change the row' : 'Add a row'}</h3>
          <ErrorSummary problems={summary} focusKey={tries} />
          <FormField id="row-start" label="Start time" hint="On the 24-hour clock, for example 09:30." error={problemOf('start')}>
            {(control) => (
              <input
                {...control}
                ref={(el) => void (el ? buttons.current.set('row-start', el) : null)}
                type="text"
                className="input--short"
                autoComplete="off"
                value={draft.start}
                onChange={(e) => setDraft({ ...draft, start: e.target.value })}
              />
            )}
          </FormField>
          <FormField
            id="row-end"
            label="End time (optional)"
            hint="For example 10:15. Leave it empty if it is open-ended."
            error={problemOf('end')}
          >
            {(control) => (
              <input
                {...control}
                type="text"
                className="input--short"
                autoComplete="off"
                value={draft.end}
                onChange={(e) => setDraft({ ...draft, end: e.target.value })}
              />
            )}
          </FormField>
          <FormField id="row-activity" label="Activity" error={problemOf('activity')}>
            {(control) => (
              <select
                {...control}
                value={draft.activity}
                onChange={(e) => setDraft({ ...draft, activity: VISIT_ACTIVITIES.find((a) => a.id === e.target.value)?.id ?? '' })}
              >
                <option value="">Choose an activity</option>
                {VISIT_ACTIVITIES.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.label}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <fieldset className={`field${problemOf('withWhom') ? ' field--error' : ''}`} aria-describedby="row-with-hint">
            <legend>With whom</legend>
            <p className="hint" id="row-with-hint">
              Needed for an interview: the questions are worded for each group.
            </p>
            <FieldError id="row-with-error" message={problemOf('withWhom')} />
            {VISIT_AUDIENCES.map((a) => (
              <div className="checkbox" key={a.id}>
                <input
                  id={`row-with-${a.id}`}
                  type="checkbox"
                  checked={draft.withWhom.includes(a.id)}
                  onChange={(e) => setDraft({ ...draft, withWhom: toggleIn(draft.withWhom, a.id, e.target.checked) })}
                />
                <label htmlFor={`row-with-${a.id}`}>{a.label}</label>
              </div>
            ))}
          </fieldset>
          <FormField
            id="row-who"
            label="Names or roles (optional)"
            hint="For example “Mrs Khan, chair of governors” or “six pupils from Year 5”. Do not write pupils’ names."
            error={problemOf('who')}
          >
            {(control) => (
              <input {...control} type="text" value={draft.who} onChange={(e) => setDraft({ ...draft, who: e.target.value })} />
            )}
          </FormField>
          <FormField
            id="row-place"
            label="Place (optional)"
            hint="For example “library” or “Year 3 classrooms”."
            error={problemOf('place')}
          >
            {(control) => (
              <input {...control} type="text" value={draft.place} onChange={(e) => setDraft({ ...draft, place: e.target.value })} />
            )}
          </FormField>
          <fieldset className="field">
            <legend>Criteria it covers</legend>
            {sampled.length === 0 ? <p className="hint">Choose the criteria to see first; they can then be given to rows.</p> : null}
            {[...sampled, ...draft.criterionIds.filter((id) => !sampled.includes(id))].map((id) => (
              <div className="checkbox" key={id}>
                <input
                  id={`row-criterion-${id}`}
                  type="checkbox"
                  checked={draft.criterionIds.includes(id)}
                  onChange={(e) => setDraft({ ...draft, criterionIds: toggleIn(draft.criterionIds, id, e.target.checked) })}
                />
                <label htmlFor={`row-criterion-${id}`}>
                  <span className="criterion-id criterion-id--inline">{id}</span> {framework.criterionById.get(id)?.title}
                  {sampled.includes(id) ? null : ' (no longer in the sample: untick to take it off this row)'}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button">
              {editing.id ? 'Save the row' : 'Add the row'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => close(editing.id ? `edit-${editing.id}` : 'add-row')}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            ref={(el) => void (el ? buttons.current.set('add-row', el) : buttons.current.delete('add-row'))}
            onClick={() => open(null)}
          >
            Add a row to the timetable
          </button>
        </div>
      )}
    </section>
  );
}
