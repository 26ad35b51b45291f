import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { criterionApplies } from '../../../shared/framework/applicability';
import { workNeighbours } from '../../../shared/framework/criteria-worklist';
import { criterionReferences, levelLabel, statutoryReference, type PlacedCriterion } from '../../../shared/framework/applied-framework';
import { responseKey, type CriterionResponse } from '../../../shared/evaluation/evaluation-records';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import { evidenceKindLabel } from '../../../shared/evidence/evidence-records';
import { LONG_TEXT_MAX_CHARS, tooLongMessage } from '../../../shared/formats/field-limits';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useMergedAutosave, wasOrWere, type FieldName } from '../../app/use-merged-autosave';
import { evaluationSections, useEvaluation } from './use-evaluation';
import { CriteriaNav } from './CriteriaNav';
import { EditConflict } from '../../ui/EditConflict';
import { FormField } from '../../ui/FormField';
import { GlossaryTermsUsed } from '../../ui/GlossaryTermsUsed';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { HistoricReadOnly } from './HistoricReadOnly';
import { PreviousNarratives } from './PreviousNarratives';
import { ModeratorDecisionOnCriterion } from './ModeratorDecisionOnCriterion';
import { SaveStatus } from '../../ui/SaveStatus';
import { createAction } from '../../db/action-store';
import {
  RESPONSE_FIELDS,
  responseFields,
  saveResponseChanges,
  setNotApplicable,
  type ResponseField,
  type ResponseFields,
} from '../../db/evaluation-store';
import { useCriterionResponse, useEvaluationRecords } from '../../db/evaluation-queries';
import { useCriterionEvidence } from '../../db/evidence-queries';
import { addEvidenceFiles, linkEvidence, restoreEvidenceLink, unlinkEvidence } from '../../db/evidence-store';
import { describeStorageError, UserFacingError } from '../../db/storage-errors';
import { useUndoNotice } from '../../ui/use-undo-notice';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { growingRows, wordCountText } from '../../../shared/evaluation/narrative-size';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

/** One criterion: what it asks, the school's judgement and narrative (saved as typed), and its evidence. */
export function CriterionScreen({ evaluationId, criterionId }: { evaluationId: string; criterionId: string }) {
  const context = useEvaluation(evaluationId);
  const { db } = useServices();
  const records = useEvaluationRecords(db, evaluationId);
  // Read beside the evaluation rather than after it; the previous criterion's answer is never passed on.
  const read = useCriterionResponse(db, evaluationId, criterionId);
  const stored = read?.criterionId === criterionId ? read : undefined;
  // The side list marks the new criterion just after the criterion itself is drawn, not in the same pass.
  const navCriterionId = useDeferredValue(criterionId);

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { framework, school } = context;
  const criterion = framework.criterionById.get(criterionId);
  const sections = evaluationSections(evaluationId, 'criteria', framework.criteria[0]?.id);
  if (!criterion) return <LoadingOrMissing state="missing" what="criterion" />;
  // Previous and next step over the criteria that do not apply to the school, as the side list does.
  const { previous, next } = workNeighbours(framework, school, criterion.id);
  const applies = criterionApplies(criterion, school);
  const descriptors = framework.scale.points.filter((p) => criterion.descriptors[p.id] !== undefined);
  // An evaluation on a historic edition is read here, never changed: no inputs, so nothing autosaves.
  const editable = evaluationEditable(framework);

  return (
    <Layout workspaceName={school.name} sectionLinks={sections}>
      <div className="with-sidebar">
        <div className="with-sidebar__main">
          <p className="breadcrumb">
            {criterion.strandId} {framework.strands.find((s) => s.id === criterion.strandId)?.title} › {criterion.standardId}{' '}
            {criterion.standardTitle}
          </p>
          <PageHeading title={`${criterion.id} ${context.evaluation.title}`}>
            <span className="criterion-id">{criterion.id}</span> {criterion.statement}
          </PageHeading>
          <ul className="tags" aria-label="About this criterion">
            <li>Level: {levelLabel(framework, criterion.level)}</li>
            {criterion.mandatory ? <li className="tag--mandatory">Mandatory</li> : null}
            {statutoryReference(framework, criterion) ? <li>Legal duty: {statutoryReference(framework, criterion)}</li> : null}
            {criterionReferences(framework, criterion).map((reference) => (
              <li key={reference}>{reference}</li>
            ))}
          </ul>
          {!editable.editable ? <HistoricReadOnly evaluation={context.evaluation} reason={editable.reason} /> : null}
          <GlossaryTermsUsed criterion={criterion} glossary={framework.glossary} />
          {!applies.applies ? (
            <p className="notice" data-testid="does-not-apply">
              This criterion does not apply to this school: {applies.reason}. It counts towards no award, so it need not be judged.
            </p>
          ) : null}
          <section aria-labelledby="guidance-heading" className="guidance">
            <h2 id="guidance-heading">What good practice looks like</h2>
            <p>{criterion.guidance}</p>
            <h3>Evidence you might offer</h3>
            <ul>
              {criterion.suggestedEvidence.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </section>
          {descriptors.length > 0 ? (
            <section aria-labelledby="descriptors-heading" className="guidance">
              <h2 id="descriptors-heading">What each judgement looks like here</h2>
              <dl>
                {descriptors.map((point) => (
                  <div key={point.id}>
                    <dt>{point.label}</dt>
                    <dd>{criterion.descriptors[point.id]}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
          {/* Keyed by the criterion: the screen stays as the person moves between criteria, and these
              parts, which hold the criterion's own unsaved typing and notices, start afresh. The
              form left saves its typing under its own criterion as it goes. */}
          <CriterionWork
            key={criterion.id}
            evaluationId={evaluationId}
            schoolId={school.id}
            criterion={criterion}
            framework={framework}
            editable={editable.editable}
            applies={applies.applies}
            stored={stored}
          />
          <nav aria-label="Previous and next criterion" className="pager">
            {previous ? <a href={href.criterion(evaluationId, previous.id)}>← Previous: {previous.id}</a> : <span />}
            {next ? (
              <a href={href.criterion(evaluationId, next.id)}>Next: {next.id} →</a>
            ) : (
              <a href={href.dashboard(evaluationId)}>Back to the dashboard</a>
            )}
          </nav>
        </div>
        <aside className="with-sidebar__side" aria-label="All criteria">
          <CriteriaNav
            evaluationId={evaluationId}
            framework={framework}
            profile={school}
            responses={records?.responses ?? []}
            links={records?.links ?? []}
            currentCriterionId={navCriterionId}
          />
        </aside>
      </div>
    </Layout>
  );
}

/** What belongs to one criterion on its screen: earlier narratives, the moderator's decision, the school's response and evidence. */
function CriterionWork({
  evaluationId,
  schoolId,
  criterion,
  framework,
  editable,
  applies,
  stored,
}: {
  evaluationId: string;
  schoolId: string;
  criterion: PlacedCriterion;
  framework: AppliedFramework;
  editable: boolean;
  applies: boolean;
  /** This criterion's response as stored, followed live; undefined until read. */
  stored: { response: CriterionResponse | null } | undefined;
}) {
  return (
    <>
      <PreviousNarratives evaluationId={evaluationId} criterionId={criterion.id} narrativeFieldId="narrative" />
      <ModeratorDecisionOnCriterion evaluationId={evaluationId} criterionId={criterion.id} framework={framework} />
      {stored === undefined ? (
        <p role="status">Loading…</p>
      ) : editable ? (
        <ResponseForm evaluationId={evaluationId} criterion={criterion} framework={framework} stored={stored.response} />
      ) : (
        <ReadOnlyResponse framework={framework} stored={stored.response} />
      )}
      {editable && criterion.mayBeNotApplicable && applies && stored !== undefined ? (
        <NotApplicableClaimForm evaluationId={evaluationId} criterion={criterion} claimed={stored.response?.notApplicable ?? null} />
      ) : null}
      <LinkedEvidence evaluationId={evaluationId} schoolId={schoolId} criterionId={criterion.id} editable={editable} />
    </>
  );
}

/**
 * The school's claim that a criterion the framework marks as possibly not applicable does not
 * apply to it, with the reason the moderator reads. Saved on its own, with a button.
 */
function NotApplicableClaimForm({
  evaluationId,
  criterion,
  claimed,
}: {
  evaluationId: string;
  criterion: PlacedCriterion;
  claimed: { reason: string } | null;
}) {
  const { db } = useServices();
  const [reason, setReason] = useState(claimed?.reason ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const fieldId = `not-applicable-reason-${criterion.id}`;
  const save = async (claim: { reason: string } | null) => {
    setDone(null);
    try {
      const result = await setNotApplicable(db, evaluationId, criterion, claim);
      if (!result.ok) {
        setProblem(result.problem);
        return;
      }
      setProblem(null);
      setDone(claim ? 'Marked as not applicable. The moderator will read your reason.' : 'No longer marked as not applicable.');
    } catch (error) {
      setProblem(describeStorageError(error, 'the claim'));
    }
  };
  return (
    <section aria-labelledby="not-applicable-heading" className="panel">
      <h2 id="not-applicable-heading">Does this criterion apply to your school?</h2>
      <p>
        {claimed
          ? 'You have marked this criterion as not applicable. It counts towards no award unless the moderator disagrees.'
          : 'The framework allows a school to mark this criterion as not applicable, with a reason the moderator reads and may dispute.'}
      </p>
      <FormField id={fieldId} label="Why it does not apply" error={problem ?? undefined}>
        {(control) => <textarea {...control} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </FormField>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void save({ reason })}>
          {claimed ? 'Save the reason' : 'Mark as not applicable'}
        </button>
        {claimed ? (
          <button type="button" className="button button--secondary" onClick={() => void save(null)}>
            It applies after all
          </button>
        ) : null}
      </div>
      {done ? <p role="status">{done}</p> : null}
    </section>
  );
}

/** The narrative box: eight rows at least, and about as many characters to a row as its width holds. */
const NARRATIVE_ROWS = { minRows: 8, charsPerRow: 80 };

type ResponseValues = { judgement: string; narrative: string; nextSteps: string };

const FIELD_NAMES: Record<ResponseField, FieldName> = {
  judgement: { label: 'judgement', plural: false },
  narrative: { label: 'narrative', plural: false },
  nextSteps: { label: 'next steps', plural: true },
};

function formFields(values: Partial<ResponseValues>): ResponseFields {
  return { judgement: values.judgement || null, narrative: values.narrative ?? '', nextSteps: values.nextSteps ?? '' };
}

function ResponseForm({
  evaluationId,
  criterion,
  framework,
  stored,
}: {
  evaluationId: string;
  criterion: PlacedCriterion;
  framework: AppliedFramework;
  /** The record as stored now, followed live (another window may change it). */
  stored: CriterionResponse | null;
}) {
  const { db } = useServices();
  const storedFields = stored ? { fields: responseFields(stored), updatedAt: stored.updatedAt } : null;
  const [initial] = useState(() => storedFields ?? { fields: responseFields(null), updatedAt: '' });
  const { register, control, watch, setValue, getValues } = useForm<ResponseValues>({
    defaultValues: {
      judgement: initial.fields.judgement ?? '',
      narrative: initial.fields.narrative ?? '',
      nextSteps: initial.fields.nextSteps ?? '',
    },
  });
  const { status, conflicts, note, edited, flush, keepMine, takeTheirs } = useMergedAutosave<ResponseField>({
    fields: RESPONSE_FIELDS,
    names: FIELD_NAMES,
    initial,
    stored: storedFields,
    recordKind: 'response',
    recordKey: responseKey(evaluationId, criterion.id),
    what: `your work on ${criterion.id}`,
    read: () => formFields(getValues()),
    show: (field, value) => setValue(field, value ?? ''),
    save: async (base, mine) => {
      const result = await saveResponseChanges(db, evaluationId, criterion.id, base, mine);
      return { stored: { fields: responseFields(result.stored), updatedAt: result.stored.updatedAt }, merge: result.merge };
    },
  });
  /** The judgement just cleared, to put back; Dismiss takes the keyboard to the judgement now chosen, else the first. */
  const cleared = useUndoNotice(() => document.getElementById(`judgement-${getValues('judgement') || framework.scale.points[0]?.id}`));
  const withdrawCleared = cleared.withdraw;
  /** True while the screen itself sets the judgement (clearing it, or Undo), so that is not taken for the person's next change. */
  const settingJudgement = useRef(false);
  const setJudgement = (value: string) => {
    settingJudgement.current = true;
    try {
      setValue('judgement', value, { shouldDirty: true });
    } finally {
      settingJudgement.current = false;
    }
  };
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      // Choosing a judgement is the next change: the notice about the one cleared goes.
      if (name === 'judgement' && !settingJudgement.current) withdrawCleared();
      // A judgement is one deliberate click: save it at once.
      if (edited() && name === 'judgement') void flush();
    });
    return () => subscription.unsubscribe();
  }, [watch, edited, flush, withdrawCleared]);
  const clearJudgement = () => {
    const previous = getValues('judgement');
    if (!previous) return;
    const label = judgementLabel(previous);
    setJudgement('');
    cleared.offer({
      message: `Judgement “${label}” removed from ${criterion.id}.`,
      what: `removing the judgement “${label}”`,
      whatIsPutBack: 'the judgement',
      undo: async () => {
        setJudgement(previous);
        await flush();
        return `The judgement “${label}” is back.`;
      },
    });
  };

  const judgementLabel = (id: string | null) =>
    id === null ? 'No judgement' : (framework.scale.points.find((p) => p.id === id)?.label ?? id);

  const [actionNotice, setActionNotice] = useState<string | null>(null);
  // Followed by this form only for the judgement: a keystroke in a text box draws that box's own field, not the form.
  const judgement = useWatch({ control, name: 'judgement' });
  const createFromNextSteps = async () => {
    const nextSteps = getValues('nextSteps').trim();
    if (nextSteps === '') {
      setActionNotice('Write the next steps first; the action starts from them.');
      return;
    }
    try {
      await flush();
      await createAction(db, evaluationId, {
        criterionIds: [criterion.id],
        what: nextSteps,
        who: '',
        byWhen: '',
        successCriteria: '',
        status: 'not-started',
      });
      setActionNotice('Action added to the action plan. Add who will do it and by when there.');
    } catch (error) {
      setActionNotice(describeStorageError(error, 'the action'));
    }
  };

  return (
    <form className="form response-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="response-heading">
      <h2 id="response-heading">Your evaluation</h2>
      <SaveStatus status={status} />
      <div role="status" aria-live="polite" className="inline-status">
        {note ? <p>{note}</p> : null}
      </div>
      {conflicts.map((conflict) => (
        <EditConflict
          key={conflict.field}
          id={conflict.field}
          label={FIELD_NAMES[conflict.field].label}
          verb={wasOrWere([FIELD_NAMES[conflict.field]])}
          mine={conflict.field === 'judgement' ? judgementLabel(conflict.mine) : null}
          theirs={conflict.field === 'judgement' ? judgementLabel(conflict.theirs) : conflict.theirs || '(empty)'}
          onKeepMine={() => keepMine(conflict)}
          onTakeTheirs={() => takeTheirs(conflict)}
        />
      ))}
      <fieldset className="judgement" aria-describedby="judgement-hint">
        <legend>Judgement</legend>
        <p className="hint" id="judgement-hint">
          On the {framework.scale.name}. This criterion counts as met at “
          {framework.scale.points.find((p) => p.id === framework.scale.metAtOrAbove)?.label}” or above.
        </p>
        {framework.scale.points.map((point) => (
          <div className="radio" key={point.id}>
            <input
              type="radio"
              id={`judgement-${point.id}`}
              value={point.id}
              aria-describedby={`judgement-${point.id}-hint`}
              {...register('judgement')}
            />
            <label htmlFor={`judgement-${point.id}`}>{point.label}</label>
            <p className="hint" id={`judgement-${point.id}-hint`}>
              {point.descriptor}
            </p>
          </div>
        ))}
        {judgement ? (
          <button type="button" className="button button--link" onClick={clearJudgement}>
            Clear the judgement
          </button>
        ) : null}
        {cleared.notice}
      </fieldset>
      <NarrativeField control={control} register={register} />
      <NextStepsField control={control} register={register} />
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void createFromNextSteps()}>
          Create an action from the next steps
        </button>
      </div>
      <div role="status" aria-live="polite" className="inline-status">
        {actionNotice ? (
          <p>
            {actionNotice} <a href={href.actions(evaluationId)}>Open the action plan</a>
          </p>
        ) : null}
      </div>
    </form>
  );
}

/**
 * The narrative, its word count and its message when too long: the only part of the form drawn
 * again at each keystroke (it follows its own value), so typing does not draw the whole form.
 */
const NarrativeField = memo(function NarrativeField({
  control,
  register,
}: {
  control: Control<ResponseValues>;
  register: UseFormRegister<ResponseValues>;
}) {
  const narrative = useWatch({ control, name: 'narrative' }) ?? '';
  // Saved as typed whatever its length, so nothing is lost; the message says what a submission can hold.
  const tooLong = tooLongMessage('The narrative', narrative, LONG_TEXT_MAX_CHARS) ?? undefined;
  return (
    <FormField
      id="narrative"
      label="Narrative"
      hint="What happens in school, how you know, and the evidence that shows it. Cite dates where you can."
      error={tooLong}
    >
      {(field) => (
        <>
          {/* The box grows with the text: by CSS where the browser can (field-sizing), by its rows where not. */}
          <textarea
            {...field}
            className="textarea--grows"
            rows={growingRows(narrative, NARRATIVE_ROWS)}
            aria-describedby={[field['aria-describedby'], 'narrative-words'].filter(Boolean).join(' ')}
            {...register('narrative')}
          />
          {/* Read with the box when it has focus, not announced at every keystroke. */}
          <p className="hint word-count" id="narrative-words">
            {wordCountText(narrative)}
          </p>
        </>
      )}
    </FormField>
  );
});

/** The next steps and their message when too long, drawn again at a keystroke without the rest of the form. */
const NextStepsField = memo(function NextStepsField({
  control,
  register,
}: {
  control: Control<ResponseValues>;
  register: UseFormRegister<ResponseValues>;
}) {
  const nextSteps = useWatch({ control, name: 'nextSteps' });
  const tooLong = tooLongMessage('The next steps', nextSteps, LONG_TEXT_MAX_CHARS) ?? undefined;
  return (
    <FormField
      id="next-steps"
      label="Next steps"
      hint="What would move this criterion on. You can turn it into an action in the plan."
      error={tooLong}
    >
      {(field) => <textarea {...field} rows={4} {...register('nextSteps')} />}
    </FormField>
  );
});

/** The school's answer on a historic edition, as text: the same headings as the form, nothing to change. */
function ReadOnlyResponse({ framework, stored }: { framework: AppliedFramework; stored: CriterionResponse | null }) {
  const judgement = framework.scale.points.find((p) => p.id === stored?.judgement)?.label ?? 'Not judged';
  return (
    <section aria-labelledby="response-heading" className="response-form" data-testid="read-only-response">
      <h2 id="response-heading">Your evaluation</h2>
      <dl className="summary-list">
        <div>
          <dt>Judgement</dt>
          <dd>{judgement}</dd>
        </div>
        {stored?.notApplicable ? (
          <div>
            <dt>Marked not applicable</dt>
            <dd>{stored.notApplicable.reason}</dd>
          </div>
        ) : null}
        <div>
          <dt>Narrative</dt>
          <dd className="prose">{stored?.narrative.trim() ? stored.narrative : 'No narrative written.'}</dd>
        </div>
        <div>
          <dt>Next steps</dt>
          <dd className="prose">{stored?.nextSteps.trim() ? stored.nextSteps : 'None given.'}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Given only the ids it reads by, so a save of the form, which draws the screen again, leaves it as it is. */
const LinkedEvidence = memo(function LinkedEvidence({
  evaluationId,
  schoolId,
  criterionId,
  editable,
}: {
  evaluationId: string;
  schoolId: string;
  criterionId: string;
  /** False on a historic edition: the linked evidence is listed, and nothing can be linked or unlinked. */
  editable: boolean;
}) {
  const { db } = useServices();
  const data = useCriterionEvidence(db, evaluationId, criterionId, schoolId);
  const [choice, setChoice] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** The last removal, to undo. */
  const removed = useUndoNotice(() => headingRef.current);
  const linkedIds = useMemo(() => new Set((data?.links ?? []).map((l) => l.evidenceId)), [data]);
  if (!data) return null;
  const linked = data.library.filter((e) => linkedIds.has(e.id));
  const available = data.library.filter((e) => !linkedIds.has(e.id));

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    removed.withdraw();
    try {
      setMessage({ kind: 'ok', text: await work() });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the evidence link') });
    } finally {
      setBusy(false);
    }
  };

  const unlink = async (item: { id: string; title: string }) => {
    setBusy(true);
    setMessage(null);
    try {
      const link = await unlinkEvidence(db, evaluationId, criterionId, item.id);
      if (!link) return;
      removed.offer({
        message: `“${item.title}” removed from ${criterionId}.`,
        what: `removing “${item.title}” from ${criterionId}`,
        whatIsPutBack: 'the evidence link',
        undo: async () => {
          if ((await restoreEvidenceLink(db, link)) === 'evidence-gone') {
            throw new UserFacingError(`“${item.title}” has since been deleted from the evidence library, so it cannot be linked again.`);
          }
          return `“${item.title}” is linked to ${criterionId} again.`;
        },
      });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the evidence link') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="linked-evidence-heading" className="linked-evidence">
      <h2 id="linked-evidence-heading" ref={headingRef} tabIndex={-1}>
        Evidence for {criterionId}
      </h2>
      {removed.notice}
      {linked.length === 0 ? (
        <p>No evidence linked yet.</p>
      ) : (
        <ul className="evidence-links">
          {linked.map((item) => (
            <li key={item.id}>
              <span className="evidence-links__title">{item.title}</span> <span className="muted">({evidenceKindLabel(item.kind)})</span>
              {editable ? (
                <button type="button" className="button button--link" disabled={busy} onClick={() => void unlink(item)}>
                  Unlink {item.title}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <div className="link-evidence">
          <div className="field field--inline">
            <label htmlFor="link-evidence-select">Link evidence from the library</label>
            <select id="link-evidence-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">Choose evidence</option>
              {available.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.title}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy || choice === ''}
              onClick={() =>
                void run(async () => {
                  const item = available.find((e) => e.id === choice);
                  await linkEvidence(db, evaluationId, criterionId, choice);
                  setChoice('');
                  return `Linked “${item?.title ?? 'evidence'}”.`;
                })
              }
            >
              Link
            </button>
          </div>
          <div className="field field--inline">
            <label htmlFor="criterion-add-file">Add a new file and link it</label>
            <input
              id="criterion-add-file"
              type="file"
              multiple
              disabled={busy}
              onChange={(event) => {
                const files = Array.from(event.target.files ?? []);
                event.target.value = '';
                void run(async () => {
                  const texts: string[] = [];
                  for (const result of await addEvidenceFiles(db, schoolId, files)) {
                    if (result.ok && result.item) {
                      await linkEvidence(db, evaluationId, criterionId, result.item.id);
                      texts.push(`Added and linked “${result.fileName}”.`);
                    } else if (result.ok && result.existing) {
                      // The school already has this file: link the item it has rather than add it twice.
                      await linkEvidence(db, evaluationId, criterionId, result.existing.id);
                      texts.push(
                        `“${result.fileName}” is already in your library as “${result.existing.title}”, so that was linked instead.`,
                      );
                    } else texts.push(result.message ?? `“${result.fileName}” was not added.`);
                  }
                  return texts.join(' ');
                });
              }}
            />
          </div>
          <p>
            <a href={href.evidence(evaluationId)}>Open the evidence library</a> to describe, preview or search evidence.
          </p>
        </div>
      ) : (
        <p>
          This evaluation is on a historic edition, so evidence cannot be linked or unlinked here.{' '}
          <a href={href.evidence(evaluationId)}>Open the evidence library</a> to preview the files.
        </p>
      )}
      <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite">
        {message ? <p className={message.kind === 'error' ? 'notice notice--error' : 'notice'}>{message.text}</p> : null}
      </div>
    </section>
  );
});
