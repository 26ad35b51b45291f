import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatBytes } from '../../../shared/evidence/evidence-records';
import { levelLabel, type AppliedFramework } from '../../../shared/framework/applied-framework';
import { shortHash } from '../../../shared/formats/sha256';
import { moderationFileName } from '../../../shared/moderation/moderation-format';
import {
  appealByDate,
  decideOutcome,
  FEEDBACK_LISTS,
  moderatedAward,
  moderationReportProblem,
  renewalDate,
  type FeedbackListField,
  type OutcomeField,
  type OutcomeProblems,
} from '../../../shared/moderation/moderation-outcome';
import {
  isAccreditation,
  OUTCOME_KINDS,
  type ImportedSubmission,
  type ModerationOutcome,
  type ModeratorWorkspace,
  type OutcomeKind,
} from '../../../shared/moderation/moderation-records';
import {
  appealWindowDaysFor,
  initialOutcomeForm,
  orderedOutcomeProblems,
  outcomeFormProblems,
  renewalYearsFor,
  reviewProgress,
  type OutcomeForm,
} from '../../../shared/moderation/moderation-review';
import type { Region } from '../../../shared/regions/regions';
import { submissionApplicabilityProfile, type SubmissionDocument } from '../../../shared/submission/submission-format';
import { useServices } from '../../app/app-context';
import { useModeratedSubmission, type ModerationRecords } from './use-moderated-submission';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { DateField } from '../../ui/DateField';
import { ErrorSummary, FieldError, type FieldProblem } from '../../ui/ErrorSummary';
import { FormField } from '../../ui/FormField';
import { ModeratedSubmissionLayout, SubmissionBreadcrumb } from './ModeratedSubmissionLayout';
import { PageHeading } from '../../ui/PageHeading';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { FollowUpAndAppealsSection } from './FollowUpAndAppealsSection';
import { outcomeRerecordProblem } from '../../../shared/moderation/follow-up-report';
import type { ModerationReportRecord } from '../../db/app-database';
import { useModerationReports } from '../../db/moderation-queries';
import { newId, nowIso, todayIso } from '../../db/record-stamps';
import { StatusMessage } from '../../ui/StatusMessage';
import { loadReportInput, recordModerationReport, recordOutcome } from '../../db/moderation-store';
import { moderatorSigningSubject } from '../../db/signing-key-store';
import { describeStorageError } from '../../db/storage-errors';
import { useSignedExport } from '../../export/use-signed-export';
import { WriteReportToFolder } from '../folder/WriteReportToFolder';
import { ModerationUnavailable } from './ModerationReviewScreen';
import '../../styles/moderation.css';

const OUTCOME_HINTS: Record<OutcomeKind, string> = {
  accredited: 'The school meets the standard at a level. A renewal date follows from your region’s renewal period.',
  'accredited-with-conditions':
    'The school meets the standard at a level, on conditions it must meet by dates you set. The award stands while it meets them.',
  deferred: 'The decision waits for more evidence: set the date the school must resubmit by and what to send for each criterion.',
  'not-yet': 'The school does not meet the standard. Say in the feedback what it needs to do.',
};

/**
 * The outcome (accredited, with conditions, deferred, not accredited) with its dates, the feedback lists
 * and the moderator's declaration of interests, then the signed moderation report.
 */
export function ModerationOutcomeScreen({ workspaceId, submissionId }: { workspaceId: string; submissionId: string }) {
  const context = useModeratedSubmission(workspaceId, submissionId);
  if (context.state !== 'ready') return <ModerationUnavailable context={context} />;
  const { submission, document, framework, records, workspace, region } = context;
  return (
    <ModeratedSubmissionLayout context={context} current="outcome">
      <SubmissionBreadcrumb submission={submission} />
      <PageHeading title={`Outcome for ${submission.schoolName}`}>Outcome and moderation report</PageHeading>
      <OutcomeSection submission={submission} document={document} framework={framework} records={records} region={region} />
      <ReportSection submission={submission} workspace={workspace} framework={framework} records={records} region={region} />
      {records.outcome ? (
        <FollowUpAndAppealsSection submission={submission} workspace={workspace} framework={framework} outcome={records.outcome} />
      ) : null}
    </ModeratedSubmissionLayout>
  );
}

/** The id of the control a problem is about: the first input of a date, the first radio of a choice. */
function fieldId(field: OutcomeField): string {
  const [name = '', index, part] = field.split('.');
  if (name === 'kind') return 'outcome-kind-accredited';
  if (name === 'levelId') return 'outcome-level';
  if (name === 'conflictOfInterest') return 'outcome-conflict-none';
  if (index === undefined) return LIST_ADD_IDS[name] ?? `outcome-${name}`;
  const id = `outcome-${name}-${index}${part ? `-${part}` : ''}`;
  return part === 'dueOn' ? `${id}-day` : id;
}

const LIST_ADD_IDS: Record<string, string> = {
  conditions: 'outcome-conditions-add',
  evidenceRequests: 'outcome-evidenceRequests-add',
  strengths: 'outcome-strengths-add',
  areasForDevelopment: 'outcome-areasForDevelopment-add',
  recommendations: 'outcome-recommendations-add',
  resubmitBy: 'outcome-resubmitBy-day',
};

function OutcomeSection({
  submission,
  document,
  framework,
  records,
  region,
}: {
  submission: ImportedSubmission;
  document: SubmissionDocument;
  framework: AppliedFramework;
  records: ModerationRecords;
  region: Region | null;
}) {
  const { db } = useServices();
  const award = moderatedAward(framework, document, records.moderations);
  const computedLevelId = award.achieved?.id ?? null;
  // Counted over the criteria that apply to the school, as the review screen counts them.
  const progress = reviewProgress(framework, records.moderations, submissionApplicabilityProfile(document.school));
  const recorded = records.outcome;
  const [form, setForm] = useState<OutcomeForm>(() => initialOutcomeForm(recorded, records.moderations, computedLevelId));
  const [errors, setErrors] = useState<OutcomeProblems>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const years = renewalYearsFor(region);
  const appealDays = appealWindowDaysFor(region);
  const accredits = form.kind !== '' && isAccreditation(form.kind);
  const differs = accredits && form.levelId !== computedLevelId;
  const summary: FieldProblem[] = orderedOutcomeProblems(errors).map(([field, text]) => ({ fieldId: fieldId(field), message: text }));
  const errorId = (field: OutcomeField) => `${fieldId(field)}-error`;
  const computedLabel = computedLevelId ? levelLabel(framework, computedLevelId) : 'no award level';
  const today = todayIso();
  const set = (change: Partial<OutcomeForm>) => setForm((current) => ({ ...current, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = outcomeFormProblems(form, computedLevelId, framework, { today });
    setErrors(problems);
    setMessage(null);
    if (Object.keys(problems).length > 0 || form.kind === '') return;
    setBusy(true);
    try {
      const outcome = decideOutcome({ ...form, kind: form.kind }, computedLevelId, submission.key, nowIso(), {
        renewalYears: years,
        appealWindowDays: appealDays,
      });
      await recordOutcome(db, outcome);
      setMessage({ kind: 'ok', text: `Outcome recorded: ${outcomeSentence(framework, outcome)}. You can now export the signed report.` });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the outcome') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">Outcome</h2>
      <div className="panel outcome-rules">
        <p>
          <strong>The award rules give {computedLabel}</strong> from the moderated judgements ({progress.reviewed} of {progress.total}{' '}
          criteria reviewed; criteria not reviewed count with the school’s own judgement, and those needing more evidence count as not met).
        </p>
        {award.next ? (
          <>
            <p>What stands between the school and {award.next.level.label}:</p>
            <ul>
              {award.next.blockers.map((b) => (
                <li key={b.explanation}>{b.explanation}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {outcomeRerecordProblem(recorded) ? (
        <p className="notice notice--warning" data-testid="outcome-discharged-notice">
          A condition of this award has been recorded as discharged, so the outcome cannot be recorded again without losing that discharge.
          Send what has happened since the report in a signed follow-up report, below.
        </p>
      ) : null}
      {recorded && recorded.computedLevelId !== computedLevelId ? (
        <p className="notice notice--warning">
          The moderated judgements have changed since the outcome was recorded: the rules gave{' '}
          {recorded.computedLevelId ? levelLabel(framework, recorded.computedLevelId) : 'no award level'} then and give {computedLabel} now.
          Record the outcome again before you export the report.
        </p>
      ) : null}
      <ErrorSummary problems={summary} />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={`field${errors.kind ? ' field--error' : ''}`} aria-describedby={errors.kind ? errorId('kind') : undefined}>
          <legend>Outcome of the moderation</legend>
          <FieldError id={errorId('kind')} message={errors.kind} />
          {OUTCOME_KINDS.map((kind) => (
            <div key={kind.id}>
              <div className="radio">
                <input
                  type="radio"
                  id={`outcome-kind-${kind.id}`}
                  name="outcome-kind"
                  value={kind.id}
                  checked={form.kind === kind.id}
                  aria-describedby={`outcome-kind-${kind.id}-hint`}
                  onChange={() => set({ kind: kind.id })}
                />
                <label htmlFor={`outcome-kind-${kind.id}`}>{kind.label}</label>
                <p className="hint" id={`outcome-kind-${kind.id}-hint`}>
                  {OUTCOME_HINTS[kind.id]}
                </p>
              </div>
              {isAccreditation(kind.id) && form.kind === kind.id ? (
                <div className="conditional">
                  <fieldset
                    className={`field${errors.levelId ? ' field--error' : ''}`}
                    aria-describedby={['outcome-level-hint', errors.levelId ? errorId('levelId') : ''].filter(Boolean).join(' ')}
                  >
                    <legend>Level</legend>
                    <p className="hint" id="outcome-level-hint">
                      The award rules give {computedLabel}. Choosing another level needs a reason.
                    </p>
                    <FieldError id={errorId('levelId')} message={errors.levelId} />
                    {framework.levels.map((level, index) => (
                      <div className="radio" key={level.id}>
                        <input
                          type="radio"
                          id={index === 0 ? 'outcome-level' : `outcome-level-${level.id}`}
                          name="outcome-level"
                          value={level.id}
                          checked={form.levelId === level.id}
                          onChange={() => set({ levelId: level.id })}
                        />
                        <label htmlFor={index === 0 ? 'outcome-level' : `outcome-level-${level.id}`}>
                          {level.label}
                          {level.id === computedLevelId ? <span className="muted"> (what the rules give)</span> : null}
                        </label>
                      </div>
                    ))}
                  </fieldset>
                  {differs ? (
                    <FormField
                      id="outcome-override"
                      label="Why the level differs from the one the rules give"
                      hint="The school reads this in the report."
                      error={errors.overrideReason}
                    >
                      {(control) => (
                        <textarea
                          {...control}
                          rows={3}
                          value={form.overrideReason}
                          onChange={(e) => set({ overrideReason: e.target.value })}
                        />
                      )}
                    </FormField>
                  ) : null}
                  <p data-testid="renewal-preview">
                    Renewal due {formatIsoDate(renewalDate(nowIso(), years))} if the outcome is recorded today: {years}{' '}
                    {years === 1 ? 'year' : 'years'}, the renewal period of {region?.name ?? 'the region'}.
                  </p>
                  {kind.id === 'accredited-with-conditions' ? <ConditionsFields form={form} set={set} errors={errors} /> : null}
                </div>
              ) : null}
              {kind.id === 'deferred' && form.kind === 'deferred' ? (
                <div className="conditional">
                  <DeferralFields form={form} set={set} errors={errors} framework={framework} />
                </div>
              ) : null}
            </div>
          ))}
        </fieldset>
        <h3 id="feedback-heading">Feedback for the school</h3>
        <p className="hint">Each point on its own line in the report. The school reads them in the order you give them.</p>
        {FEEDBACK_LISTS.map((list) => (
          <TextListField
            key={list.field}
            field={list.field}
            legend={list.label}
            item={list.item}
            hint={FEEDBACK_HINTS[list.field]}
            items={form[list.field]}
            onChange={(items) => set({ [list.field]: items })}
            errors={errors}
          />
        ))}
        <FormField
          id="outcome-feedback"
          label="Summary for the school"
          hint="A short overall judgement, in a few sentences."
          error={errors.feedback}
        >
          {(control) => <textarea {...control} rows={5} value={form.feedback} onChange={(e) => set({ feedback: e.target.value })} />}
        </FormField>
        <fieldset
          className={`field${errors.conflictOfInterest ? ' field--error' : ''}`}
          aria-describedby={['outcome-conflict-hint', errors.conflictOfInterest ? errorId('conflictOfInterest') : '']
            .filter(Boolean)
            .join(' ')}
        >
          <legend>Conflict of interest</legend>
          <p className="hint" id="outcome-conflict-hint">
            Before you sign, say whether you have any link with this school: working there now or before, a family member there, or advising
            it. The report prints what you declare.
          </p>
          <FieldError id={errorId('conflictOfInterest')} message={errors.conflictOfInterest} />
          <div className="radio">
            <input
              type="radio"
              id="outcome-conflict-none"
              name="outcome-conflict"
              checked={form.conflictOfInterest === 'none'}
              onChange={() => set({ conflictOfInterest: 'none' })}
            />
            <label htmlFor="outcome-conflict-none">I have no conflict of interest with this school</label>
          </div>
          <div className="radio">
            <input
              type="radio"
              id="outcome-conflict-declared"
              name="outcome-conflict"
              checked={form.conflictOfInterest === 'declared'}
              onChange={() => set({ conflictOfInterest: 'declared' })}
            />
            <label htmlFor="outcome-conflict-declared">I declare a conflict of interest</label>
          </div>
          {form.conflictOfInterest === 'declared' ? (
            <div className="conditional">
              <FormField id="outcome-conflictText" label="Your link with the school" error={errors.conflictText}>
                {(control) => (
                  <textarea {...control} rows={3} value={form.conflictText} onChange={(e) => set({ conflictText: e.target.value })} />
                )}
              </FormField>
            </div>
          ) : null}
        </fieldset>
        <p data-testid="appeal-preview">
          If you record the outcome today, the school can appeal until {formatIsoDate(appealByDate(nowIso(), appealDays))}: {appealDays}{' '}
          days, the appeal window of {region?.name ?? 'the region'}. The report gives this date.
        </p>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {recorded ? 'Record the outcome again' : 'Record the outcome'}
          </button>
        </div>
        <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
          {message ? <p className={message.kind === 'error' ? 'notice notice--error' : 'notice notice--success'}>{message.text}</p> : null}
        </div>
      </form>
    </section>
  );
}

function outcomeSentence(framework: AppliedFramework, outcome: ModerationOutcome): string {
  if (isAccreditation(outcome.kind) && outcome.levelId) {
    const conditions = outcome.conditions?.length ?? 0;
    const withConditions =
      outcome.kind === 'accredited-with-conditions' ? ` with ${conditions} ${conditions === 1 ? 'condition' : 'conditions'}` : '';
    return `accredited at ${levelLabel(framework, outcome.levelId)}${withConditions}, renewal due ${formatIsoDate(outcome.renewalDate)}`;
  }
  if (outcome.kind === 'deferred' && outcome.resubmitBy) return `deferred, to be resubmitted by ${formatIsoDate(outcome.resubmitBy)}`;
  return (OUTCOME_KINDS.find((k) => k.id === outcome.kind)?.label ?? outcome.kind).toLowerCase();
}

const FEEDBACK_HINTS: Record<FeedbackListField, string> = {
  strengths: 'What the school does well. At least one.',
  areasForDevelopment: 'What the school should work on next. At least one.',
  recommendations: 'Optional: what you suggest, for example a school to visit or training to take.',
};

type SetForm = (change: Partial<OutcomeForm>) => void;

/** When an item is added to a list, focus moves to its first box (`${prefix}${index}${suffix}`), so typing goes on there. */
function useFocusAdded(prefix: string, suffix: string, count: number): void {
  const previous = useRef(count);
  useEffect(() => {
    if (count > previous.current) document.getElementById(`${prefix}${count - 1}${suffix}`)?.focus();
    previous.current = count;
  }, [prefix, suffix, count]);
}

/** A list of short texts, each in its own box with a Remove button, and a button to add one. */
function TextListField({
  field,
  legend,
  item,
  hint,
  items,
  onChange,
  errors,
}: {
  field: FeedbackListField;
  legend: string;
  item: string;
  hint: string;
  items: readonly string[];
  onChange: (items: string[]) => void;
  errors: OutcomeProblems;
}) {
  const listError = errors[field];
  useFocusAdded(`outcome-${field}-`, '', items.length);
  return (
    <fieldset
      className={`field${listError ? ' field--error' : ''}`}
      aria-describedby={[`outcome-${field}-hint`, listError ? `${fieldId(field)}-error` : ''].filter(Boolean).join(' ')}
    >
      <legend>{legend}</legend>
      <p className="hint" id={`outcome-${field}-hint`}>
        {hint}
      </p>
      <FieldError id={`${fieldId(field)}-error`} message={listError} />
      {items.map((text, index) => (
        <div className="list-item" key={index}>
          <FormField id={`outcome-${field}-${index}`} label={`${item} ${index + 1}`} error={errors[`${field}.${index}`]}>
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={text}
                onChange={(e) => onChange(items.map((old, i) => (i === index ? e.target.value : old)))}
              />
            )}
          </FormField>
          <button type="button" className="button button--link" onClick={() => onChange(items.filter((_, i) => i !== index))}>
            Remove <span className="visually-hidden">{`${item.toLowerCase()} ${index + 1}`}</span>
          </button>
        </div>
      ))}
      <button type="button" id={`outcome-${field}-add`} className="button button--secondary" onClick={() => onChange([...items, ''])}>
        {`Add ${items.length === 0 ? (/^[aeiou]/i.test(item) ? 'an' : 'a') : 'another'} ${item.toLowerCase()}`}
      </button>
    </fieldset>
  );
}

/** The conditions of an award: what the school must do, and by when. */
function ConditionsFields({ form, set, errors }: { form: OutcomeForm; set: SetForm; errors: OutcomeProblems }) {
  useFocusAdded('outcome-conditions-', '-text', form.conditions.length);
  const update = (index: number, change: Partial<OutcomeForm['conditions'][number]>) =>
    set({ conditions: form.conditions.map((c, i) => (i === index ? { ...c, ...change } : c)) });
  return (
    <fieldset className={`field${errors.conditions ? ' field--error' : ''}`} aria-describedby="outcome-conditions-hint">
      <legend>Conditions</legend>
      <p className="hint" id="outcome-conditions-hint">
        What the school must do to keep the award, each with the date it is due. A signed follow-up discharges each one later.
      </p>
      <FieldError id="outcome-conditions-add-error" message={errors.conditions} />
      {form.conditions.map((condition, index) => (
        <div className="list-item" key={index}>
          <h4>Condition {index + 1}</h4>
          <FormField id={`outcome-conditions-${index}-text`} label="What the school must do" error={errors[`conditions.${index}.text`]}>
            {(control) => (
              <textarea {...control} rows={2} value={condition.text} onChange={(e) => update(index, { text: e.target.value })} />
            )}
          </FormField>
          <DateField
            id={`outcome-conditions-${index}-dueOn`}
            legend={`Condition ${index + 1} is due by`}
            value={condition.dueOn}
            onChange={(dueOn) => update(index, { dueOn })}
            error={errors[`conditions.${index}.dueOn`]}
          />
          <button
            type="button"
            className="button button--link"
            onClick={() => set({ conditions: form.conditions.filter((_, i) => i !== index) })}
          >
            Remove condition {index + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        id="outcome-conditions-add"
        className="button button--secondary"
        onClick={() => set({ conditions: [...form.conditions, { text: '', dueOn: '' }] })}
      >
        Add {form.conditions.length === 0 ? 'a' : 'another'} condition
      </button>
    </fieldset>
  );
}

/** A deferral: the date to resubmit by, and each request for evidence with its criterion and date. */
function DeferralFields({
  form,
  set,
  errors,
  framework,
}: {
  form: OutcomeForm;
  set: SetForm;
  errors: OutcomeProblems;
  framework: AppliedFramework;
}) {
  useFocusAdded('outcome-evidenceRequests-', '-criterionId', form.evidenceRequests.length);
  const update = (index: number, change: Partial<OutcomeForm['evidenceRequests'][number]>) =>
    set({ evidenceRequests: form.evidenceRequests.map((r, i) => (i === index ? { ...r, ...change } : r)) });
  return (
    <>
      <DateField
        id="outcome-resubmitBy"
        legend="The school must resubmit by"
        hint="After this date the submission lapses if the school has not sent a new version."
        value={form.resubmitBy}
        onChange={(resubmitBy) => set({ resubmitBy })}
        error={errors.resubmitBy}
      />
      <fieldset className={`field${errors.evidenceRequests ? ' field--error' : ''}`} aria-describedby="outcome-requests-hint">
        <legend>Requests for evidence</legend>
        <p className="hint" id="outcome-requests-hint">
          One for each criterion: what to send and by when (no later than the resubmission date). The criteria you marked “More evidence
          needed” are listed already.
        </p>
        <FieldError id="outcome-evidenceRequests-add-error" message={errors.evidenceRequests} />
        {form.evidenceRequests.map((request, index) => (
          <div className="list-item" key={index}>
            <h4>Request {index + 1}</h4>
            <FormField
              id={`outcome-evidenceRequests-${index}-criterionId`}
              label="Criterion"
              error={errors[`evidenceRequests.${index}.criterionId`]}
            >
              {(control) => (
                <select {...control} value={request.criterionId} onChange={(e) => update(index, { criterionId: e.target.value })}>
                  <option value="">Choose a criterion</option>
                  {framework.criteria.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.id} {c.statement}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={`outcome-evidenceRequests-${index}-what`} label="What to send" error={errors[`evidenceRequests.${index}.what`]}>
              {(control) => (
                <textarea {...control} rows={2} value={request.what} onChange={(e) => update(index, { what: e.target.value })} />
              )}
            </FormField>
            <DateField
              id={`outcome-evidenceRequests-${index}-dueOn`}
              legend={`Request ${index + 1} is due by`}
              value={request.dueOn}
              onChange={(dueOn) => update(index, { dueOn })}
              error={errors[`evidenceRequests.${index}.dueOn`]}
            />
            <button
              type="button"
              className="button button--link"
              onClick={() => set({ evidenceRequests: form.evidenceRequests.filter((_, i) => i !== index) })}
            >
              Remove request {index + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          id="outcome-evidenceRequests-add"
          className="button button--secondary"
          onClick={() => set({ evidenceRequests: [...form.evidenceRequests, { criterionId: '', what: '', dueOn: '' }] })}
        >
          Add {form.evidenceRequests.length === 0 ? 'a' : 'another'} request for evidence
        </button>
      </fieldset>
    </>
  );
}

function ReportSection({
  submission,
  workspace,
  framework,
  records,
  region,
}: {
  submission: ImportedSubmission;
  workspace: ModeratorWorkspace;
  framework: AppliedFramework;
  records: ModerationRecords;
  region: Region | null;
}) {
  const { db } = useServices();
  const reports = useModerationReports(db, submission.key);
  const { job, cancel, busy, failure, notice, exported, exportSigned, saveAgain } = useSignedExport<ModerationReportRecord>({
    what: 'the moderation report',
    cancelled: 'status',
  });
  const outcome = records.outcome;
  const notReady = outcome ? moderationReportProblem({ outcome }) : null;

  const exportReport = () =>
    exportSigned(
      moderatorSigningSubject(workspace),
      async (signing) => {
        const input = await loadReportInput(db, submission.key, framework, {
          reportId: newId(),
          createdAt: nowIso(),
          regionName: region?.name ?? workspace.regionId,
        });
        return { kind: 'moderation-report', input, signing };
      },
      async ({ moderation, pdf, size, sha256 }) =>
        moderation
          ? recordModerationReport(db, submission.key, workspace.id, moderation, moderationFileName(moderation), pdf, size, sha256)
          : null,
    );

  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">The signed moderation report</h2>
      <p>
        One PDF for the school: the outcome, your feedback, every criterion with your decision and comment, the requests for more evidence
        and the visit. It names the exact submission file you moderated and is signed with your workspace’s key; the school’s app checks
        both before it shows the report.
      </p>
      {outcome ? null : (
        <p className="notice" id="report-needs-outcome">
          Record the outcome first: the report carries it.
        </p>
      )}
      {notReady ? (
        <p className="notice notice--warning" id="report-needs-outcome">
          {notReady}
        </p>
      ) : null}
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
      {job.state === 'running' ? (
        <PdfJobProgress label="Exporting the signed moderation report" progress={job.progress} onCancel={cancel} />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={!outcome || notReady !== null || busy}
            aria-describedby={outcome && notReady === null ? undefined : 'report-needs-outcome'}
            onClick={() => void exportReport()}
          >
            Export the signed moderation report
          </button>
        </div>
      )}
      {exported ? (
        <>
          <StatusMessage kind="success" testId="report-exported" heading="Moderation report exported" headingLevel={3}>
            <p>
              Saved as <strong>{exported.fileName}</strong> ({formatBytes(exported.size)}). Its SHA-256 begins{' '}
              <code>{shortHash(exported.sha256)}</code>. Send it to the school.
            </p>
          </StatusMessage>
          <WriteReportToFolder workspaceId={workspace.id} report={exported} />
        </>
      ) : null}
      {reports && reports.length > 0 ? (
        <>
          <h3>Reports exported for this submission</h3>
          <ul className="report-list" data-testid="report-list">
            {[...reports].reverse().map((report) => (
              <li key={report.id}>
                {report.fileName}, exported {longDateOfTime(report.createdAt)} ({formatBytes(report.size)}){' '}
                <button type="button" className="button button--link" onClick={() => void saveAgain(report)}>
                  Save again <span className="visually-hidden">{report.fileName}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div role="status" aria-live="polite" className="inline-status">
        {notice ? <p>{notice}</p> : null}
      </div>
    </section>
  );
}
