import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { LONG_TEXT_MAX_CHARS, tooLongMessage } from '../../../shared/formats/field-limits';
import { checkEvidenceSeen, type VisitEvidenceSeen } from '../../../shared/moderation/visit-timetable';
import { newId } from '../../db/record-stamps';
import { ErrorSummary, FieldError, type FieldProblem } from '../../ui/ErrorSummary';
import { FormField } from '../../ui/FormField';
import { UndoNotice, type Undoable } from '../../ui/UndoNotice';

const EMPTY = { what: '', where: '', criterionIds: [] as string[] };

const FIELD_IDS = { what: 'seen-what', where: 'seen-where', criteria: 'seen-criteria' } as const;

/**
 * On the day: the evidence seen (what, where, and the sampled criteria it bears on), and notes on
 * each sampled criterion. The parent saves both as the plan's other fields are saved.
 */
export function VisitDayRecord({
  framework,
  sampled,
  evidenceSeen,
  criterionNotes,
  onEvidenceChange,
  onNoteChange,
}: {
  framework: AppliedFramework;
  sampled: readonly string[];
  evidenceSeen: readonly VisitEvidenceSeen[];
  criterionNotes: Readonly<Record<string, string>>;
  onEvidenceChange: (items: VisitEvidenceSeen[]) => void;
  onNoteChange: (criterionId: string, note: string) => void;
}) {
  const [draft, setDraft] = useState(EMPTY);
  const [problems, setProblems] = useState<ReturnType<typeof checkEvidenceSeen>>([]);
  const [tries, setTries] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [removed, setRemoved] = useState<(Undoable & { key: string }) | null>(null);
  const [open, setOpen] = useState(() => evidenceSeen.length > 0 || Object.values(criterionNotes).some((n) => n !== ''));
  /** The button that opened the record has gone: focus goes to the record's first heading. */
  const [focusHeading, setFocusHeading] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusHeading) return;
    headingRef.current?.focus();
    setFocusHeading(false);
  }, [focusHeading]);
  const latest = useRef(evidenceSeen);
  latest.current = evidenceSeen;
  const problemOf = (field: 'what' | 'where' | 'criteria') => problems.find((p) => p.field === field)?.message;

  const record = (event: FormEvent) => {
    event.preventDefault();
    const found = checkEvidenceSeen(draft);
    setProblems(found);
    if (found.length > 0) {
      setTries((n) => n + 1);
      return;
    }
    const item: VisitEvidenceSeen = { id: newId(), what: draft.what.trim(), where: draft.where.trim(), criterionIds: draft.criterionIds };
    onEvidenceChange([...latest.current, item]);
    setDraft(EMPTY);
    setAnnouncement(`Recorded “${item.what}” against ${item.criterionIds.join(', ')}.`);
  };

  const remove = (item: VisitEvidenceSeen) => {
    const index = latest.current.findIndex((e) => e.id === item.id);
    onEvidenceChange(latest.current.filter((e) => e.id !== item.id));
    setRemoved({
      key: `${item.id}-${Date.now()}`,
      message: `Removed “${item.what}” from the evidence seen.`,
      what: `removing “${item.what}”`,
      whatIsPutBack: `“${item.what}”`,
      undo: async () => {
        const now = latest.current.filter((e) => e.id !== item.id);
        onEvidenceChange([...now.slice(0, index), item, ...now.slice(index)]);
        return `Put “${item.what}” back in the evidence seen.`;
      },
    });
  };

  const summary: FieldProblem[] = problems.map((p) => ({ fieldId: FIELD_IDS[p.field], message: p.message }));

  // Shown when asked for (open from the start once something is recorded), so the plan before the
  // day stays short.
  if (!open)
    return (
      <section aria-labelledby="day-heading">
        <h2 id="day-heading">On the day</h2>
        <p>Record the evidence you see and your notes on each sampled criterion, on this computer, during the visit.</p>
        <div className="button-row">
          <button
            type="button"
            className="button button--secondary"
            aria-expanded={false}
            onClick={() => {
              setOpen(true);
              setFocusHeading(true);
            }}
          >
            Record the day
          </button>
        </div>
      </section>
    );

  return (
    <>
      <section aria-labelledby="seen-heading">
        <h2 id="seen-heading" ref={headingRef} tabIndex={-1}>
          Evidence seen on the day ({evidenceSeen.length})
        </h2>
        <p>Record what you saw or were shown, where, and which criteria it bears on. It is kept on this computer and saved as you go.</p>
        <div role="status" aria-live="polite" className="inline-status">
          {announcement ? <p>{announcement}</p> : null}
        </div>
        {removed ? <UndoNotice key={removed.key} removed={removed} onDismiss={() => setRemoved(null)} /> : null}
        {evidenceSeen.length === 0 ? (
          <p className="muted">Nothing recorded yet.</p>
        ) : (
          <ul className="visit-chosen" data-testid="evidence-seen">
            {evidenceSeen.map((item) => (
              <li key={item.id}>
                <span className="visit-chosen__text">
                  <strong>{item.what}</strong>
                  {item.where ? ` (${item.where})` : ''}: {item.criterionIds.join(', ')}
                </span>
                <button type="button" className="button button--link" onClick={() => remove(item)}>
                  Remove <span className="visually-hidden">{item.what}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="form panel" onSubmit={record} noValidate aria-labelledby="seen-form-heading">
          <h3 id="seen-form-heading">Record evidence seen</h3>
          <ErrorSummary problems={summary} focusKey={tries} />
          <FormField
            id="seen-what"
            label="What you saw"
            hint="For example “Year 4 maths books” or “SEN register, autumn term”."
            error={problemOf('what')}
          >
            {(control) => (
              <input {...control} type="text" value={draft.what} onChange={(e) => setDraft({ ...draft, what: e.target.value })} />
            )}
          </FormField>
          <FormField id="seen-where" label="Where (optional)" hint="For example “SENCO’s office”." error={problemOf('where')}>
            {(control) => (
              <input {...control} type="text" value={draft.where} onChange={(e) => setDraft({ ...draft, where: e.target.value })} />
            )}
          </FormField>
          <fieldset className={`field${problemOf('criteria') ? ' field--error' : ''}`} aria-describedby="seen-criteria-hint">
            <legend>Criteria it bears on</legend>
            <p className="hint" id="seen-criteria-hint">
              Choose one or more of the sampled criteria.
            </p>
            <FieldError id="seen-criteria-error" message={problemOf('criteria')} />
            {sampled.length === 0 ? <p className="hint">No criteria are sampled yet.</p> : null}
            {sampled.map((id, i) => (
              <div className="checkbox" key={id}>
                <input
                  id={i === 0 ? 'seen-criteria' : `seen-criterion-${id}`}
                  type="checkbox"
                  checked={draft.criterionIds.includes(id)}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      criterionIds: e.target.checked
                        ? [...draft.criterionIds.filter((c) => c !== id), id]
                        : draft.criterionIds.filter((c) => c !== id),
                    })
                  }
                />
                <label htmlFor={i === 0 ? 'seen-criteria' : `seen-criterion-${id}`}>
                  <span className="criterion-id criterion-id--inline">{id}</span> {framework.criterionById.get(id)?.title}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button--secondary">
              Record this evidence
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="criterion-notes-heading">
        <h2 id="criterion-notes-heading">Notes on each criterion</h2>
        <p>What you found on the day for each sampled criterion. They are saved as you type and printed on the plan.</p>
        {sampled.length === 0 ? <p className="muted">Choose the criteria to see first.</p> : null}
        {sampled.map((id) => {
          const note = criterionNotes[id] ?? '';
          return (
            <FormField
              key={id}
              id={`criterion-note-${id}`}
              label={`Notes on ${id}`}
              hint={framework.criterionById.get(id)?.statement}
              error={tooLongMessage(`The notes on ${id}`, note, LONG_TEXT_MAX_CHARS) ?? undefined}
            >
              {(control) => <textarea {...control} rows={3} value={note} onChange={(e) => onNoteChange(id, e.target.value)} />}
            </FormField>
          );
        })}
      </section>
    </>
  );
}
