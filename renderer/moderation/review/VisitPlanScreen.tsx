import { useRef, useState, type FormEvent } from 'react';
import { VERSION_1_MODERATION, type SamplingRule } from '../../../shared/regions/regions';
import { scalePoint, type AppliedFramework } from '../../../shared/framework/applied-framework';
import type { CriterionModeration, ImportedSubmission, ModeratorWorkspace, VisitPlan } from '../../../shared/moderation/moderation-records';
import { decisionText, seedProblem } from '../../../shared/moderation/moderation-review';
import {
  movedDownLastTime,
  newSeed,
  proposedVisitSample,
  samplingRuleText,
  takenOutOfProposal,
  whyInPlan,
} from '../../../shared/moderation/visit-sampling';
import type { SubmissionDocument } from '../../../shared/submission/submission-format';
import { LONG_TEXT_MAX_CHARS, tooLongMessage } from '../../../shared/formats/field-limits';
import { formatIsoDate, typedDateProblem } from '../../../shared/formats/en-gb-dates';
import { useServices } from '../../app/app-context';
import { listOf, useMergedAutosave, wasOrWere, type FieldName } from '../../app/use-merged-autosave';
import { useModeratedSubmission } from './use-moderated-submission';
import { inFrameworkOrder } from '../../ui/CriterionOptions';
import { EditConflict } from '../../ui/EditConflict';
import { ErrorSummary, type FieldProblem } from '../../ui/ErrorSummary';
import { DateField } from '../../ui/DateField';
import { FormField } from '../../ui/FormField';
import { ModeratedSubmissionLayout, SubmissionBreadcrumb } from './ModeratedSubmissionLayout';
import { PageHeading } from '../../ui/PageHeading';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { SaveStatus } from '../../ui/SaveStatus';
import { todayIso } from '../../db/record-stamps';
import { decodeVisitCriteria, saveVisitPlanChanges, VISIT_FIELDS, visitFields, type VisitField } from '../../db/moderation-store';
import { earlierModerationOf, type EarlierModeration } from '../../db/resubmission-store';
import { describeStorageError } from '../../db/storage-errors';
import { printedMessage, usePdfJob } from '../../export/use-pdf-job';
import { ModerationUnavailable } from './ModerationReviewScreen';
import { VisitDayRecord } from './VisitDayRecord';
import { VisitTimetable } from './VisitTimetable';
import {
  criterionNotesSummary,
  decodeCriterionNotes,
  decodeEvidenceSeen,
  decodeTimetable,
  evidenceSeenSummary,
  timetableSummary,
} from '../../../shared/moderation/visit-timetable';
import '../../styles/moderation.css';

type PlanValues = Pick<VisitPlan, 'criterionIds' | 'method' | 'visitDate' | 'notes' | 'sample'> &
  Required<Pick<VisitPlan, 'timetable' | 'evidenceSeen' | 'criterionNotes'>>;

const EMPTY_PLAN: PlanValues = {
  criterionIds: [],
  method: { kind: 'hand' },
  visitDate: '',
  notes: '',
  timetable: [],
  evidenceSeen: [],
  criterionNotes: {},
};

/** A stored plan as the form holds it: plans made before the timetable and the day record read them as empty. */
function planValues(stored: VisitPlan | null): PlanValues {
  if (!stored) return EMPTY_PLAN;
  return {
    criterionIds: stored.criterionIds,
    method: stored.method,
    visitDate: stored.visitDate,
    notes: stored.notes,
    sample: stored.sample ?? null,
    timetable: stored.timetable ?? [],
    evidenceSeen: stored.evidenceSeen ?? [],
    criterionNotes: stored.criterionNotes ?? {},
  };
}

const FIELD_NAMES: Record<VisitField, FieldName> = {
  criteria: { label: 'criteria to see', plural: true },
  visitDate: { label: 'date of the visit', plural: false },
  notes: { label: 'notes', plural: true },
  timetable: { label: 'timetable', plural: false },
  evidenceSeen: { label: 'evidence seen', plural: false },
  criterionNotes: { label: 'notes on each criterion', plural: true },
};

/**
 * The visit: which criteria to see (proposed by the region's sampling rule, with a seed anyone can
 * use to repeat its random draw, each saying why it is in the sample, then added to or taken from by
 * hand), the date and notes, the day's timetable with questions for each interview, and on the day
 * the evidence seen and notes per criterion; saved as they change, and a printable plan.
 */
export function VisitPlanScreen({ workspaceId, submissionId }: { workspaceId: string; submissionId: string }) {
  const context = useModeratedSubmission(workspaceId, submissionId);
  if (context.state !== 'ready') return <ModerationUnavailable context={context} />;
  const { submission, document, framework, records, workspace } = context;
  return (
    <ModeratedSubmissionLayout context={context} current="visit">
      <SubmissionBreadcrumb submission={submission} />
      <PageHeading title={`Visit plan for ${submission.schoolName}`}>Plan the visit</PageHeading>
      <p>
        Choose the criteria to see in school. Let the region’s rule propose them, then add or take out criteria by hand, or tick them all by
        hand.
      </p>
      <p>
        Then set out the day’s timetable, with questions for each interview. On the day, record the evidence you see and your notes on each
        criterion here: everything is saved on this computer as you go, with no internet connection needed, and printed on the plan.
      </p>
      <VisitPlanForm
        submission={submission}
        document={document}
        workspace={workspace}
        framework={framework}
        moderations={records.moderations}
        stored={records.visit}
        rule={context.region?.moderation.sampling ?? VERSION_1_MODERATION.sampling}
      />
    </ModeratedSubmissionLayout>
  );
}

function VisitPlanForm({
  submission,
  document,
  workspace,
  framework,
  moderations,
  stored,
  rule,
}: {
  submission: ImportedSubmission;
  document: SubmissionDocument;
  workspace: ModeratorWorkspace;
  framework: AppliedFramework;
  moderations: readonly CriterionModeration[];
  /** The plan as stored now, followed live (another window may change it). */
  stored: VisitPlan | null;
  /** The region's sampling rule. */
  rule: SamplingRule;
}) {
  const { db, platform } = useServices();
  const [initialPlan] = useState<PlanValues>(() => planValues(stored));
  const [plan, setPlan] = useState<PlanValues>(initialPlan);
  /** The plan as the person left it, read by the save (state catches up at the next render). */
  const planNow = useRef<PlanValues>(initialPlan);
  const storedFields = stored ? { fields: visitFields(stored), updatedAt: stored.updatedAt } : null;
  const [initialFields] = useState(() => storedFields ?? { fields: visitFields(null), updatedAt: '' });
  /** The date as typed: saved only once it is a real date (or cleared), so the plan never holds half a date. */
  const [typedDate, setTypedDate] = useState(initialPlan.visitDate);
  /** True once focus has left the date with something in it that is not a date: the problem shows from then. */
  const [dateLeft, setDateLeft] = useState(false);
  const [seed, setSeed] = useState(initialPlan.method.kind === 'hand' ? '' : initialPlan.method.seed);
  const [seedError, setSeedError] = useState<string | null>(null);
  const [drawMessage, setDrawMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [printMessage, setPrintMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { job, start, cancel } = usePdfJob();
  const setPlanNow = (next: PlanValues) => {
    planNow.current = next;
    setPlan(next);
  };
  const { status, conflicts, note, edited, flush, keepMine, takeTheirs } = useMergedAutosave<VisitField>({
    fields: VISIT_FIELDS,
    names: FIELD_NAMES,
    initial: initialFields,
    stored: storedFields,
    recordKind: 'visit-plan',
    recordKey: submission.key,
    what: 'the visit plan',
    read: () => visitFields(planNow.current),
    show: (field, value) => {
      if (field === 'criteria') {
        const criteria = decodeVisitCriteria(value);
        if (criteria) setPlanNow({ ...planNow.current, ...criteria, sample: criteria.sample ?? null });
      } else if (field === 'timetable') {
        setPlanNow({ ...planNow.current, timetable: decodeTimetable(value) ?? planNow.current.timetable });
      } else if (field === 'evidenceSeen') {
        setPlanNow({ ...planNow.current, evidenceSeen: decodeEvidenceSeen(value) ?? planNow.current.evidenceSeen });
      } else if (field === 'criterionNotes') {
        setPlanNow({ ...planNow.current, criterionNotes: decodeCriterionNotes(value) ?? planNow.current.criterionNotes });
      } else {
        if (field === 'visitDate') setTypedDate(value ?? '');
        setPlanNow({ ...planNow.current, [field]: value ?? '' });
      }
    },
    save: (base, mine) => saveVisitPlanChanges(db, submission.key, base, mine),
  });
  const chosen = new Set(plan.criterionIds);
  const byCriterion = new Map(moderations.map((m) => [m.criterionId, m]));

  const change = (next: PlanValues, now: boolean) => {
    setPlanNow(next);
    edited();
    if (now) void flush();
  };
  const criteriaText = (text: string | null) => {
    const criteria = decodeVisitCriteria(text);
    if (!criteria || criteria.criterionIds.length === 0) return 'No criteria chosen';
    const how =
      criteria.method.kind === 'rule'
        ? `proposed by the region’s rule with the seed ${criteria.method.seed}`
        : criteria.method.kind === 'random'
          ? `drawn at random, ${criteria.method.perStrand} from each strand, with the seed ${criteria.method.seed}`
          : 'chosen by hand';
    return `${listOf(criteria.criterionIds)} (${how})`;
  };

  /** A field's stored text in words, for a choice between two windows' versions. */
  const fieldText = (field: VisitField, text: string | null): string => {
    switch (field) {
      case 'criteria':
        return criteriaText(text);
      case 'visitDate':
        return formatIsoDate(text ?? '', '(empty)');
      case 'notes':
        return text || '(empty)';
      case 'timetable':
        return timetableSummary(decodeTimetable(text) ?? []);
      case 'evidenceSeen':
        return evidenceSeenSummary(decodeEvidenceSeen(text) ?? []);
      case 'criterionNotes':
        return criterionNotesSummary(decodeCriterionNotes(text) ?? {});
    }
  };

  const toggle = (criterionId: string, on: boolean) => {
    const plan = planNow.current;
    const ids = on
      ? inFrameworkOrder(framework, [...plan.criterionIds, criterionId])
      : plan.criterionIds.filter((id) => id !== criterionId);
    // The rule's proposal stays with its reasons (an added criterion says so). A uniform draw changed
    // by hand can no longer be repeated from its seed, so the plan says it was chosen by hand.
    change({ ...plan, criterionIds: ids, method: plan.method.kind === 'rule' ? plan.method : { kind: 'hand' } }, true);
    if (plan.method.kind === 'random')
      setDrawMessage({ kind: 'ok', text: 'You changed the drawn list by hand, so the plan now records the criteria as chosen by hand.' });
  };

  const propose = async (event: FormEvent) => {
    event.preventDefault();
    const problem = seedProblem(seed);
    setSeedError(problem);
    setDrawMessage(null);
    if (problem) return;
    const used = seed.trim() || newSeed(globalThis.crypto.getRandomValues(new Uint8Array(8)));
    let earlier: EarlierModeration | null;
    try {
      earlier = await earlierModerationOf(db, submission.key);
    } catch (error) {
      setDrawMessage({
        kind: 'error',
        text: `${describeStorageError(error, 'the visit plan')} The last moderation of this school could not be read, so nothing was proposed. Try again.`,
      });
      return;
    }
    const proposal = proposedVisitSample({
      framework,
      responses: document.responses,
      rule,
      movedDownLastTime: movedDownLastTime(
        framework,
        earlier && { responses: earlier.document.responses, moderations: earlier.moderations },
      ),
      seed: used,
    });
    setSeed(used);
    change({ ...planNow.current, ...proposal }, true);
    setDrawMessage({
      kind: 'ok',
      text: `Proposed ${proposal.criterionIds.length} criteria by the region’s rule, with the seed ${used}. Proposing again with this seed gives the same criteria.`,
    });
  };

  const print = async () => {
    setPrintMessage(null);
    await flush();
    const result = await start({
      kind: 'visit-plan',
      input: {
        document,
        framework,
        plan,
        moderations: [...moderations],
        moderator: { name: workspace.moderatorName, organisation: workspace.organisation },
        printedOn: todayIso(),
      },
    });
    if (!result.ok) {
      setPrintMessage({ kind: result.cancelled ? 'ok' : 'error', text: result.message });
      return;
    }
    const name = `${submission.urn}-visit-plan-${todayIso()}.pdf`;
    setPrintMessage({ kind: 'ok', text: printedMessage('The visit plan', name, await platform.printPdf(name, result.pdf)) });
  };

  const summary: FieldProblem[] = seedError ? [{ fieldId: 'draw-seed', message: seedError }] : [];
  const takenOut = takenOutOfProposal(plan);

  const judgementOf = (criterionId: string) =>
    scalePoint(framework, document.responses.find((r) => r.criterionId === criterionId)?.judgement)?.label ?? 'not judged';
  const deskReviewOf = (criterionId: string) => {
    const moderation = byCriterion.get(criterionId);
    const text = decisionText(framework, moderation?.decision ?? null, moderation?.moderatedJudgement ?? null);
    return text.charAt(0).toLowerCase() + text.slice(1);
  };

  return (
    <>
      <ErrorSummary problems={summary} />
      <SaveStatus status={status} />
      <div role="status" aria-live="polite" className="inline-status">
        {note ? <p>{note}</p> : null}
      </div>
      {conflicts.map((conflict) => {
        const name = FIELD_NAMES[conflict.field];
        return (
          <EditConflict
            key={conflict.field}
            id={`visit-${conflict.field}`}
            label={name.label}
            verb={wasOrWere([name])}
            mine={conflict.field === 'visitDate' || conflict.field === 'notes' ? null : fieldText(conflict.field, conflict.mine)}
            theirs={fieldText(conflict.field, conflict.theirs)}
            onKeepMine={() => keepMine(conflict)}
            onTakeTheirs={() => takeTheirs(conflict)}
          />
        );
      })}
      <section aria-labelledby="chosen-heading">
        <h2 id="chosen-heading">Criteria to see ({plan.criterionIds.length})</h2>
        <p data-testid="visit-method">
          {plan.criterionIds.length === 0
            ? 'None chosen yet. Draw them at random, or choose them by hand below.'
            : plan.method.kind === 'rule'
              ? `Proposed by the region’s rule, with the seed ${plan.method.seed}. Each says why it is in the sample.`
              : plan.method.kind === 'random'
                ? `Drawn at random, ${plan.method.perStrand} from each strand, with the seed ${plan.method.seed}.`
                : 'Chosen by hand.'}
        </p>
        {plan.criterionIds.length > 0 ? (
          <ul className="visit-chosen" aria-labelledby="chosen-heading" data-testid="visit-chosen">
            {plan.criterionIds.map((id) => (
              <li key={id}>
                <span className="visit-chosen__text">
                  <strong>{id}</strong> {framework.criterionById.get(id)?.statement}{' '}
                  <span className="visit-why" data-testid={`why-${id}`}>
                    {whyInPlan(plan, id)}
                  </span>{' '}
                  <span className="muted">
                    (school: {judgementOf(id)}; desk review: {deskReviewOf(id)})
                  </span>
                </span>
                <button type="button" className="button button--link" onClick={() => toggle(id, false)}>
                  Remove <span className="visually-hidden">{id}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {takenOut.length > 0 ? (
          <>
            <h3 id="taken-out-heading">Taken out of the rule’s proposal ({takenOut.length})</h3>
            <ul className="visit-chosen" aria-labelledby="taken-out-heading" data-testid="visit-taken-out">
              {takenOut.map((id) => (
                <li key={id}>
                  <span className="visit-chosen__text">
                    <strong>{id}</strong> {plan.sample?.proposed.find((p) => p.criterionId === id)?.why}
                  </span>
                  <button type="button" className="button button--link" onClick={() => toggle(id, true)}>
                    Put back <span className="visually-hidden">{id}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <form className="form panel" onSubmit={(e) => void propose(e)} noValidate aria-labelledby="draw-heading">
        <h2 id="draw-heading">Propose the sample by the region’s rule</h2>
        <p data-testid="sampling-rule">{samplingRuleText(rule)}</p>
        <p>A new proposal replaces the list above.</p>
        <FormField
          id="draw-seed"
          label="Seed for the random draw"
          hint="Leave it empty for a new draw. To repeat a proposal, type the seed it was made with."
          error={seedError ?? undefined}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              className="input--medium seed-input"
              autoComplete="off"
              spellCheck={false}
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
            />
          )}
        </FormField>
        <div className="button-row">
          <button type="submit" className="button button--secondary">
            Propose the sample
          </button>
          {seed !== '' ? (
            <button type="button" className="button button--link" onClick={() => setSeed('')}>
              Clear the seed for a new draw
            </button>
          ) : null}
        </div>
        <div role={drawMessage?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
          {drawMessage ? <p className={drawMessage.kind === 'error' ? 'notice notice--error' : undefined}>{drawMessage.text}</p> : null}
        </div>
      </form>

      <form className="form" onSubmit={(e) => e.preventDefault()} aria-labelledby="hand-heading">
        <h2 id="hand-heading">Choose criteria by hand</h2>
        <fieldset className="visit-criteria" aria-describedby="hand-hint">
          <legend className="visually-hidden">Criteria to see on the visit</legend>
          <p className="hint" id="hand-hint">
            Open a strand to tick or untick its criteria.
          </p>
          {framework.strands.map((strand) => {
            const criteria = framework.criteria.filter((c) => c.strandId === strand.id);
            const count = criteria.filter((c) => chosen.has(c.id)).length;
            return (
              <details key={strand.id} className="criteria-picker visit-criteria__strand">
                <summary>
                  {strand.id} {strand.title} <span className="muted">({count === 0 ? 'none chosen' : `${count} chosen`})</span>
                </summary>
                {criteria.map((c) => (
                  <div className="checkbox" key={c.id}>
                    <input
                      id={`visit-${c.id}`}
                      type="checkbox"
                      checked={chosen.has(c.id)}
                      aria-describedby={`visit-${c.id}-hint`}
                      onChange={(e) => toggle(c.id, e.target.checked)}
                    />
                    <label htmlFor={`visit-${c.id}`}>
                      <span className="criterion-id criterion-id--inline">{c.id}</span> {c.statement}
                    </label>
                    <p className="hint" id={`visit-${c.id}-hint`}>
                      School: {judgementOf(c.id)} · desk review: {deskReviewOf(c.id)}
                    </p>
                  </div>
                ))}
              </details>
            );
          })}
        </fieldset>
      </form>

      <form className="form" onSubmit={(e) => e.preventDefault()} aria-labelledby="visit-heading">
        <h2 id="visit-heading">Date and notes</h2>
        <div
          onBlur={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget)) setDateLeft(true);
          }}
        >
          <DateField
            id="visit-date"
            legend="Date of the visit"
            hint="For example 3 2 2027 for 3 February 2027. Leave it empty until the date is agreed."
            value={typedDate}
            error={dateLeft ? (typedDateProblem(typedDate, 'the date of the visit') ?? undefined) : undefined}
            onChange={(value) => {
              setTypedDate(value);
              if (typedDateProblem(value, 'the date of the visit') !== null) return;
              setDateLeft(false);
              change({ ...planNow.current, visitDate: value }, false);
            }}
          />
        </div>
        <FormField
          id="visit-notes"
          error={tooLongMessage('The notes', plan.notes, LONG_TEXT_MAX_CHARS) ?? undefined}
          label="Notes for the visit"
          hint="Who you will meet, what you will observe, what to ask for. They are printed on the plan and go into the report."
        >
          {(control) => (
            <textarea
              {...control}
              rows={5}
              value={plan.notes}
              onChange={(e) => change({ ...planNow.current, notes: e.target.value }, false)}
            />
          )}
        </FormField>
      </form>

      <VisitTimetable
        framework={framework}
        sampled={plan.criterionIds}
        rows={plan.timetable}
        onChange={(rows) => change({ ...planNow.current, timetable: rows }, true)}
      />

      <VisitDayRecord
        framework={framework}
        sampled={plan.criterionIds}
        evidenceSeen={plan.evidenceSeen}
        criterionNotes={plan.criterionNotes}
        onEvidenceChange={(items) => change({ ...planNow.current, evidenceSeen: items }, true)}
        onNoteChange={(criterionId, note) =>
          change({ ...planNow.current, criterionNotes: { ...planNow.current.criterionNotes, [criterionId]: note } }, false)
        }
      />

      {job.state === 'running' ? (
        <PdfJobProgress label="Making the visit plan" progress={job.progress} onCancel={cancel} />
      ) : (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void print()}>
            {platform.kind === 'desktop' ? 'Print the visit plan' : 'Download the visit plan to print'}
          </button>
        </div>
      )}
      <div role={printMessage?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {printMessage ? <p className={printMessage.kind === 'error' ? 'notice notice--error' : undefined}>{printMessage.text}</p> : null}
      </div>
    </>
  );
}
