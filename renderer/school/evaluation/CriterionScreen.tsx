import { lazy, memo, Suspense, useCallback, useDeferredValue, useEffect, useRef, useState, type ReactNode } from 'react';
import { useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { criterionApplies } from '../../../shared/framework/applicability';
import { workNeighbours } from '../../../shared/framework/criteria-worklist';
import { criterionReferences, levelLabel, statutoryReference, type PlacedCriterion } from '../../../shared/framework/applied-framework';
import { responseKey, type CriterionResponse } from '../../../shared/evaluation/evaluation-records';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import { LONG_TEXT_MAX_CHARS, tooLongMessage } from '../../../shared/formats/field-limits';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useMergedAutosave, wasOrWere, type FieldName } from '../../app/use-merged-autosave';
import { evaluationSections, useEvaluation } from './use-evaluation';
import { CriteriaNav } from './CriteriaNav';
import { EditConflict } from '../../ui/EditConflict';
import { FormField } from '../../ui/FormField';
import { describedPoints, JudgementDescriptors } from '../../ui/JudgementDescriptors';
import { GlossaryTermsUsed } from '../../ui/GlossaryTermsUsed';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { HistoricReadOnly } from './HistoricReadOnly';
import { PreviousNarratives } from './PreviousNarratives';
import { SaveStatus } from '../../ui/SaveStatus';
import {
  RESPONSE_FIELDS,
  responseFields,
  saveResponseChanges,
  setNotApplicable,
  type ResponseField,
  type ResponseFields,
} from '../../db/evaluation-store';
import { useCriteriaMarkRecords, useCriterionResponse } from '../../db/evaluation-queries';
import { describeStorageError } from '../../db/storage-errors';
import { useUndoNotice } from '../../ui/use-undo-notice';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { growingRows, wordCountText } from '../../../shared/evaluation/narrative-size';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { usePaintedAfter } from '../../ui/use-painted-after';
import type { School } from '../../../shared/school/school-records';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';

/*
 * Parts drawn below or beside the response form, loaded after the screen's first draw (their code
 * is not among what the narrative box waits for): the moderator's decision and the evidence section.
 */
const ModeratorDecisionOnCriterion = lazy(() =>
  import('./ModeratorDecisionOnCriterion').then((module) => ({ default: module.ModeratorDecisionOnCriterion })),
);
const LinkedEvidence = lazy(() => import('./CriterionEvidence').then((module) => ({ default: module.LinkedEvidence })));

/** One criterion: what it asks, the school's judgement and narrative (saved as typed), and its evidence. */
export function CriterionScreen({ evaluationId, criterionId }: { evaluationId: string; criterionId: string }) {
  const context = useEvaluation(evaluationId);
  const { db } = useServices();
  // Read beside the evaluation rather than after it; the previous criterion's answer is never passed on.
  const read = useCriterionResponse(db, evaluationId, criterionId);
  const stored = read?.criterionId === criterionId ? read : undefined;
  // The side list marks the new criterion just after the criterion itself is drawn, not in the same pass.
  const navCriterionId = useDeferredValue(criterionId);
  // The side list of every criterion (and its read of every response) waits until the criterion is on
  // screen: the first draw is what the person came for, the narrative box among it.
  const sideList = usePaintedAfter(context.state === 'ready');

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { framework, school } = context;
  const criterion = framework.criterionById.get(criterionId);
  const sections = evaluationSections(evaluationId, 'criteria', framework.criteria[0]?.id);
  if (!criterion) return <LoadingOrMissing state="missing" what="criterion" />;
  const applies = criterionApplies(criterion, school);
  // An evaluation on a historic edition is read here, never changed: no inputs, so nothing autosaves.
  const editable = evaluationEditable(framework);

  /*
   * Each autosave stamps the evaluation and the response, so this screen is drawn again after every
   * save. Its parts are given only what they show (the school and the evaluation keep their identity
   * while unchanged), so those a save leaves as they were are not drawn again: only the response form,
   * whose stored record changed, is.
   */
  return (
    <Layout workspaceName={school.name} sectionLinks={sections}>
      <div className="with-sidebar">
        <div className="with-sidebar__main">
          <CriterionAbout
            criterion={criterion}
            framework={framework}
            evaluationTitle={context.evaluation.title}
            historicEvaluation={editable.editable ? null : context.evaluation}
            historicReason={editable.editable ? null : editable.reason}
            doesNotApplyReason={applies.applies ? null : applies.reason}
          />
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
          <CriterionPager evaluationId={evaluationId} framework={framework} school={school} criterionId={criterion.id} />
        </div>
        <aside className="with-sidebar__side" aria-label="All criteria">
          {sideList ? (
            <CriteriaSideList evaluationId={evaluationId} framework={framework} school={school} currentCriterionId={navCriterionId} />
          ) : (
            <p className="muted">Loading the list of criteria…</p>
          )}
        </aside>
      </div>
    </Layout>
  );
}

/** What the criterion asks: where it sits, its statement, tags, terms, guidance and what each judgement looks like. */
const CriterionAbout = memo(function CriterionAbout({
  criterion,
  framework,
  evaluationTitle,
  historicEvaluation,
  historicReason,
  doesNotApplyReason,
}: {
  criterion: PlacedCriterion;
  framework: AppliedFramework;
  evaluationTitle: string;
  /** The evaluation when it is on a historic edition (it cannot be changed), and why; else both null. */
  historicEvaluation: Evaluation | null;
  historicReason: string | null;
  /** Why the criterion does not apply to the school; null when it applies. */
  doesNotApplyReason: string | null;
}) {
  const described = describedPoints(framework.scale.points, criterion.descriptors);
  return (
    <>
      <p className="breadcrumb">
        {criterion.strandId} {framework.strands.find((s) => s.id === criterion.strandId)?.title} › {criterion.standardId}{' '}
        {criterion.standardTitle}
      </p>
      <PageHeading title={`${criterion.id} ${evaluationTitle}`}>
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
      {historicEvaluation && historicReason !== null ? <HistoricReadOnly evaluation={historicEvaluation} reason={historicReason} /> : null}
      <GlossaryTermsUsed criterion={criterion} glossary={framework.glossary} />
      {doesNotApplyReason !== null ? (
        <p className="notice" data-testid="does-not-apply">
          This criterion does not apply to this school: {doesNotApplyReason}. It counts towards no award, so it need not be judged.
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
      {described.length > 0 ? (
        <section aria-labelledby="descriptors-heading" className="guidance">
          <h2 id="descriptors-heading">What each judgement looks like here</h2>
          <JudgementDescriptors points={framework.scale.points} descriptors={criterion.descriptors} />
        </section>
      ) : null}
    </>
  );
});

/** Previous and next step over the criteria that do not apply to the school, as the side list does. */
const CriterionPager = memo(function CriterionPager({
  evaluationId,
  framework,
  school,
  criterionId,
}: {
  evaluationId: string;
  framework: AppliedFramework;
  school: School;
  criterionId: string;
}) {
  const { previous, next } = workNeighbours(framework, school, criterionId);
  return (
    <nav aria-label="Previous and next criterion" className="pager">
      {previous ? <a href={href.criterion(evaluationId, previous.id)}>← Previous: {previous.id}</a> : <span />}
      {next ? (
        <a href={href.criterion(evaluationId, next.id)}>Next: {next.id} →</a>
      ) : (
        <a href={href.dashboard(evaluationId)}>Back to the dashboard</a>
      )}
    </nav>
  );
});

/** The side list with the marks it reads itself (each response's judgement and claim, the evidence links). */
const CriteriaSideList = memo(function CriteriaSideList({
  evaluationId,
  framework,
  school,
  currentCriterionId,
}: {
  evaluationId: string;
  framework: AppliedFramework;
  school: School;
  currentCriterionId: string;
}) {
  const { db } = useServices();
  const marks = useCriteriaMarkRecords(db, evaluationId);
  if (!marks) return <p className="muted">Loading the list of criteria…</p>;
  return (
    <CriteriaNav
      evaluationId={evaluationId}
      framework={framework}
      profile={school}
      responses={marks.responses}
      links={marks.links}
      currentCriterionId={currentCriterionId}
    />
  );
});

/**
 * What belongs to one criterion on its screen: earlier narratives, the moderator's decision, the
 * school's response and evidence. Drawn again when the stored response changes; of its parts, only
 * the response form (and the not-applicable claim, when its claim changed) is.
 */
const CriterionWork = memo(function CriterionWork({
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
  // The moderator's decision and the evidence wait until the response form is on screen: their code,
  // style and reads are not among what the narrative box waits for.
  const partsAfter = usePaintedAfter(stored !== undefined);
  return (
    <>
      <PreviousNarratives evaluationId={evaluationId} criterionId={criterion.id} narrativeFieldId="narrative" />
      {partsAfter ? (
        <Suspense fallback={null}>
          <ModeratorDecisionOnCriterion evaluationId={evaluationId} criterionId={criterion.id} framework={framework} />
        </Suspense>
      ) : null}
      {stored === undefined ? (
        <p role="status">Loading…</p>
      ) : editable ? (
        <ResponseForm evaluationId={evaluationId} criterion={criterion} framework={framework} stored={stored.response} />
      ) : (
        <ReadOnlyResponse framework={framework} stored={stored.response} />
      )}
      {editable && criterion.mayBeNotApplicable && applies && stored !== undefined ? (
        <NotApplicableClaimForm
          evaluationId={evaluationId}
          criterion={criterion}
          claimedReason={stored.response?.notApplicable?.reason ?? null}
        />
      ) : null}
      {partsAfter ? (
        <Suspense fallback={null}>
          <LinkedEvidence evaluationId={evaluationId} schoolId={schoolId} criterionId={criterion.id} editable={editable} />
        </Suspense>
      ) : null}
    </>
  );
});

/**
 * The school's claim that a criterion the framework marks as possibly not applicable does not
 * apply to it, with the reason the moderator reads. Saved on its own, with a button.
 */
const NotApplicableClaimForm = memo(function NotApplicableClaimForm({
  evaluationId,
  criterion,
  claimedReason,
}: {
  evaluationId: string;
  criterion: PlacedCriterion;
  /** The reason given with the claim as stored; null when the criterion is not claimed as not applicable. */
  claimedReason: string | null;
}) {
  const { db } = useServices();
  const claimed = claimedReason === null ? null : { reason: claimedReason };
  const [reason, setReason] = useState(claimedReason ?? '');
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
});

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

  // The same callback at every draw, so the judgements are not drawn again when the form is (at each save).
  const clearJudgementNow = useRef(clearJudgement);
  clearJudgementNow.current = clearJudgement;
  const onClearJudgement = useCallback(() => clearJudgementNow.current(), []);

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
      // The action plan's code is loaded when it is first asked for, not with the screen.
      const { createAction } = await import('../../db/action-store');
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
      <JudgementFieldset
        framework={framework}
        register={register}
        judgement={judgement}
        onClear={onClearJudgement}
        notice={cleared.notice}
      />
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

/** The judgement's choices, with the way to clear it and the notice that puts it back: drawn again only when one of those changes. */
const JudgementFieldset = memo(function JudgementFieldset({
  framework,
  register,
  judgement,
  onClear,
  notice,
}: {
  framework: AppliedFramework;
  register: UseFormRegister<ResponseValues>;
  judgement: string;
  onClear: () => void;
  /** The notice about the judgement just cleared, with its Undo; null when there is none. */
  notice: ReactNode;
}) {
  return (
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
        <button type="button" className="button button--link" onClick={onClear}>
          Clear the judgement
        </button>
      ) : null}
      {notice}
    </fieldset>
  );
});

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
