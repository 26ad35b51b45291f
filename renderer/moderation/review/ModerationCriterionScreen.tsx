import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { levelLabel, scalePoint, type AppliedFramework, type PlacedCriterion } from '../../../shared/framework/applied-framework';
import {
  criterionModerationKey,
  MODERATION_DECISIONS,
  type CriterionModeration,
  type ModerationDecision,
} from '../../../shared/moderation/moderation-records';
import { decisionProblem, decisionsOffered, schoolClaim, type ClaimedResponse } from '../../../shared/moderation/desk-review';
import { workNeighbours } from '../../../shared/framework/criteria-worklist';
import { criteriaToReview, evidenceForCriterion, nextUndecided } from '../../../shared/moderation/moderation-review';
import { carriedText } from '../../../shared/moderation/resubmission-carry-over';
import { submissionApplicabilityProfile } from '../../../shared/submission/submission-format';
import { LONG_TEXT_MAX_CHARS, tooLongMessage } from '../../../shared/formats/field-limits';
import { useServices } from '../../app/app-context';
import { href, navigate } from '../../app/hash-route';
import { useMergedAutosave, wasOrWere, type FieldName } from '../../app/use-merged-autosave';
import { useModeratedSubmission } from './use-moderated-submission';
import { EditConflict } from '../../ui/EditConflict';
import { EmbeddedEvidence } from './EmbeddedEvidence';
import { FormField } from '../../ui/FormField';
import { GlossaryTermsUsed } from '../../ui/GlossaryTermsUsed';
import { describedPoints, JudgementDescriptors } from '../../ui/JudgementDescriptors';
import { ModeratedSubmissionLayout, SubmissionBreadcrumb } from './ModeratedSubmissionLayout';
import { ModerationCriteriaNav } from './ModerationCriteriaNav';
import { PageHeading } from '../../ui/PageHeading';
import { SaveStatus } from '../../ui/SaveStatus';
import { StatusMessage } from '../../ui/StatusMessage';
import {
  MODERATION_FIELDS,
  moderationFields,
  saveCriterionModerationChanges,
  type ModerationField,
  type ModerationFields,
} from '../../db/moderation-store';
import { UserFacingError } from '../../db/storage-errors';
import { ModerationUnavailable } from './ModerationReviewScreen';
import '../../styles/moderation.css';

/**
 * One criterion of a submission under moderation: what the school judged and wrote, its evidence
 * (opened from inside the signed PDF), and beside it the moderator's decision and comment, saved as
 * they are made. "Agree and go to the next" makes the commonest decision one key press.
 */
export function ModerationCriterionScreen({
  workspaceId,
  submissionId,
  criterionId,
}: {
  workspaceId: string;
  submissionId: string;
  criterionId: string;
}) {
  const context = useModeratedSubmission(workspaceId, submissionId);
  if (context.state !== 'ready') return <ModerationUnavailable context={context} />;
  const { submission, document, framework, records } = context;
  const criterion = framework.criterionById.get(criterionId);
  if (!criterion) return <ModerationUnavailable context={{ state: 'missing' }} what="criterion" />;
  // Previous, next, "Agree and go to" and the next not reviewed step over criteria that do not apply to the school.
  const profile = submissionApplicabilityProfile(document.school);
  const toReview = criteriaToReview(framework, profile);
  const index = toReview.findIndex((c) => c.id === criterionId);
  const { previous, next } = workNeighbours(framework, profile, criterionId);
  const undecided = nextUndecided(framework, records.moderations, criterionId, profile);
  const response = document.responses.find((r) => r.criterionId === criterionId);
  const stored = records.moderations.find((m) => m.criterionId === criterionId) ?? null;
  const strand = framework.strands.find((s) => s.id === criterion.strandId);
  const hrefFor = (id: string) => href.moderationCriterion(workspaceId, submissionId, id);
  const claimedPoint = scalePoint(framework, response?.judgement);
  // The framework's words for the point the school claimed, read beside its evidence.
  const claimedWords = claimedPoint ? criterion.descriptors[claimedPoint.id] : undefined;

  return (
    <ModeratedSubmissionLayout context={context} current="criteria">
      <div className="moderation-criterion">
        <SubmissionBreadcrumb submission={submission}>
          {' '}
          › {criterion.strandId} {strand?.title} › {criterion.standardId} {criterion.standardTitle}
        </SubmissionBreadcrumb>
        <PageHeading title={`Moderate ${criterion.id}, ${submission.schoolName}`}>
          <span className="criterion-id">
            {criterion.id} · {index < 0 ? 'does not apply to this school' : `criterion ${index + 1} of ${toReview.length}`}
          </span>{' '}
          {criterion.statement}
        </PageHeading>
        <ul className="tags" aria-label="About this criterion">
          <li>Level: {levelLabel(framework, criterion.level)}</li>
          {criterion.mandatory ? <li className="tag--mandatory">Mandatory</li> : null}
        </ul>
        <GlossaryTermsUsed criterion={criterion} glossary={framework.glossary} />
        <div className="moderation-columns">
          <section aria-labelledby="school-says-heading" className="moderation-columns__school">
            <h2 id="school-says-heading">What the school says</h2>
            <dl className="summary-list">
              <div>
                <dt>School’s judgement</dt>
                <dd>
                  <strong>{claimedPoint?.label ?? 'Not judged'}</strong>
                </dd>
              </div>
              {claimedPoint && claimedWords !== undefined ? (
                <div data-testid="claimed-descriptor">
                  <dt>What “{claimedPoint.label}” looks like here, in the framework’s words</dt>
                  <dd>{claimedWords}</dd>
                </div>
              ) : null}
            </dl>
            {response?.notApplicable ? (
              <p className="notice" data-testid="not-applicable-claim">
                The school says this criterion does not apply: {response.notApplicable.reason}
              </p>
            ) : null}
            <h3>Narrative</h3>
            <Prose text={response?.narrative ?? ''} whenEmpty="The school wrote no narrative." />
            <h3>Next steps</h3>
            <Prose text={response?.nextSteps ?? ''} whenEmpty="None given." />
            <h3>Evidence</h3>
            <EmbeddedEvidence pdfSha256={submission.fileSha256} evidence={evidenceForCriterion(document, criterionId)} />
            <details className="guidance-disclosure">
              <summary>What good practice looks like for {criterion.id}</summary>
              <p>{criterion.guidance}</p>
              <h3>Evidence the framework suggests</h3>
              <ul>
                {criterion.suggestedEvidence.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
              {describedPoints(framework.scale.points, criterion.descriptors).length > 0 ? (
                <>
                  <h3>What each judgement looks like here</h3>
                  <JudgementDescriptors points={framework.scale.points} descriptors={criterion.descriptors} />
                </>
              ) : null}
            </details>
          </section>
          <div className="moderation-columns__moderator">
            <ModerationForm
              submissionKey={submission.key}
              criterion={criterion}
              framework={framework}
              claimed={response ?? { criterionId, judgement: null }}
              key={criterion.id}
              stored={stored}
              nextHref={next ? hrefFor(next.id) : href.moderationReview(workspaceId, submissionId)}
              nextLabel={next ? `Agree and go to ${next.id}` : 'Agree and go back to the overview'}
            />
            <nav aria-label="Previous and next criterion" className="pager pager--stacked">
              {previous ? <a href={hrefFor(previous.id)}>← Previous: {previous.id}</a> : null}
              {next ? <a href={hrefFor(next.id)}>Next: {next.id} →</a> : null}
              {undecided ? (
                <a href={hrefFor(undecided)}>Next not yet reviewed: {undecided}</a>
              ) : (
                <a href={href.moderationOutcome(workspaceId, submissionId)}>Every criterion is reviewed: record the outcome</a>
              )}
            </nav>
            <aside aria-label="All criteria" className="moderation-columns__nav">
              <ModerationCriteriaNav
                workspaceId={workspaceId}
                submissionId={submissionId}
                framework={framework}
                profile={submissionApplicabilityProfile(document.school)}
                claimedNotApplicable={new Set(document.responses.filter((r) => r.notApplicable).map((r) => r.criterionId))}
                moderations={records.moderations}
                currentCriterionId={criterionId}
              />
            </aside>
          </div>
        </div>
      </div>
    </ModeratedSubmissionLayout>
  );
}

function Prose({ text, whenEmpty }: { text: string; whenEmpty: string }) {
  return text.trim() === '' ? <p className="muted">{whenEmpty}</p> : <p className="prose">{text}</p>;
}

type ModerationValues = { decision: '' | ModerationDecision; moderatedJudgement: string; comment: string };

function asFormDecision(value: string | null): '' | ModerationDecision {
  return MODERATION_DECISIONS.find((d) => d.id === value)?.id ?? '';
}

const asDecision = (value: string | null): ModerationDecision | null => MODERATION_DECISIONS.find((d) => d.id === value)?.id ?? null;

const FIELD_NAMES: Record<ModerationField, FieldName> = {
  decision: { label: 'decision', plural: false },
  moderatedJudgement: { label: 'moderated judgement', plural: false },
  comment: { label: 'comment', plural: false },
};

/** The form's values as the fields the store merges (a moderated judgement only with the decision "moderated"). */
function formFields(values: Partial<ModerationValues>): ModerationFields {
  const decision = values.decision || null;
  return {
    decision,
    moderatedJudgement: decision === 'moderated' ? values.moderatedJudgement || null : null,
    comment: values.comment ?? '',
  };
}

function ModerationForm({
  submissionKey,
  criterion,
  framework,
  claimed,
  stored,
  nextHref,
  nextLabel,
}: {
  submissionKey: string;
  criterion: PlacedCriterion;
  framework: AppliedFramework;
  /** What the school said about the criterion: it decides which decisions are offered. */
  claimed: ClaimedResponse;
  /** The moderation as stored now, followed live (another window may change it). */
  stored: CriterionModeration | null;
  nextHref: string;
  nextLabel: string;
}) {
  const { db } = useServices();
  const storedFields = stored ? { fields: moderationFields(stored), updatedAt: stored.updatedAt } : null;
  const [initial] = useState(() => storedFields ?? { fields: moderationFields(null), updatedAt: '' });
  const { register, watch, setValue, getValues } = useForm<ModerationValues>({
    defaultValues: {
      decision: asFormDecision(initial.fields.decision),
      moderatedJudgement: initial.fields.moderatedJudgement ?? '',
      comment: initial.fields.comment ?? '',
    },
  });
  const { status, conflicts, note, edited, flush, keepMine, takeTheirs } = useMergedAutosave<ModerationField>({
    fields: MODERATION_FIELDS,
    names: FIELD_NAMES,
    initial,
    stored: storedFields,
    recordKind: 'moderation',
    recordKey: criterionModerationKey(submissionKey, criterion.id),
    what: `your moderation of ${criterion.id}`,
    read: () => formFields(getValues()),
    show: (field, value) => {
      if (field === 'decision') setValue('decision', asFormDecision(value));
      // Set aside by a decision other than "moderated": the choice stays in the form, unseen, as before.
      else if (field === 'moderatedJudgement') {
        if (value !== null || getValues('decision') === 'moderated') setValue('moderatedJudgement', value ?? '');
      } else setValue(field, value ?? '');
    },
    save: (base, mine) => {
      // A decision that does not fit what the school said is never kept (nor the comment with it, until it is put right).
      const problem = decisionProblem(framework, claimed, {
        decision: asDecision(mine.decision),
        moderatedJudgement: mine.moderatedJudgement,
      });
      if (problem !== null) return Promise.reject(new UserFacingError(problem));
      return saveCriterionModerationChanges(db, submissionKey, criterion.id, base, mine);
    },
  });
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      edited();
      // A decision is one deliberate click: save it at once.
      if (name === 'decision' || name === 'moderatedJudgement') void flush();
    });
    return () => subscription.unsubscribe();
  }, [watch, edited, flush]);

  const valueLabel = (field: ModerationField, value: string | null) =>
    field === 'decision'
      ? (MODERATION_DECISIONS.find((d) => d.id === value)?.label ?? 'No decision')
      : value === null
        ? 'No moderated judgement'
        : (scalePoint(framework, value)?.label ?? value);
  const decision = watch('decision');
  const schoolJudgement = claimed.judgement;
  const offered = decisionsOffered(schoolClaim(claimed));
  // A decision stored before the offers were enforced stays visible, so it can be seen and changed.
  const storedOutside = decision !== '' && !offered.some((o) => o.id === decision);
  const choices = storedOutside
    ? [...offered, { id: decision, label: MODERATION_DECISIONS.find((d) => d.id === decision)?.label ?? decision, hint: '' }]
    : offered;
  const problem = decisionProblem(framework, claimed, {
    decision: decision || null,
    moderatedJudgement: decision === 'moderated' ? watch('moderatedJudgement') || null : null,
  });
  const carried = stored ? carriedText(stored) : null;
  const canAgree = offered.some((o) => o.id === 'agree');
  // Saved as typed whatever its length; the message says what a moderation report can hold.
  const commentTooLong = tooLongMessage('The comment', watch('comment'), LONG_TEXT_MAX_CHARS) ?? undefined;
  const agreeAndNext = async () => {
    setValue('decision', 'agree', { shouldDirty: true });
    await flush();
    navigate(nextHref);
  };

  return (
    <form className="form moderation-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">Your moderation</h2>
      <SaveStatus status={status} />
      <div role="status" aria-live="polite" className="inline-status">
        {note ? <p>{note}</p> : null}
      </div>
      {conflicts.map((conflict) => {
        const name = FIELD_NAMES[conflict.field];
        return (
          <EditConflict
            key={conflict.field}
            id={conflict.field}
            label={name.label}
            verb={wasOrWere([name])}
            mine={conflict.field === 'comment' ? null : valueLabel(conflict.field, conflict.mine)}
            theirs={conflict.field === 'comment' ? conflict.theirs || '(empty)' : valueLabel(conflict.field, conflict.theirs)}
            onKeepMine={() => keepMine(conflict)}
            onTakeTheirs={() => takeTheirs(conflict)}
          />
        );
      })}
      {carried ? (
        <p className="notice" data-testid="carried-over">
          {carried}
        </p>
      ) : null}
      <fieldset className="judgement" aria-describedby={problem ? 'decision-problem' : undefined}>
        <legend>Decision on {criterion.id}</legend>
        {choices.map((d) => (
          <div key={d.id}>
            <div className="radio">
              <input
                type="radio"
                id={`decision-${d.id}`}
                value={d.id}
                aria-describedby={`decision-${d.id}-hint`}
                {...register('decision')}
              />
              <label htmlFor={`decision-${d.id}`}>{d.label}</label>
              <p className="hint" id={`decision-${d.id}-hint`}>
                {d.hint}
              </p>
            </div>
            {d.id === 'moderated' && decision === 'moderated' ? (
              <fieldset className="conditional" id="moderated-judgement">
                <legend>Moderated judgement</legend>
                {framework.scale.points.map((point) => (
                  <div className="radio" key={point.id}>
                    <input type="radio" id={`moderated-${point.id}`} value={point.id} {...register('moderatedJudgement')} />
                    <label htmlFor={`moderated-${point.id}`}>
                      {point.label}
                      {point.id === schoolJudgement ? <span className="muted"> (the school’s judgement)</span> : null}
                    </label>
                  </div>
                ))}
              </fieldset>
            ) : null}
          </div>
        ))}
        {problem ? (
          <StatusMessage kind="error" id="decision-problem">
            {problem}
          </StatusMessage>
        ) : null}
        {decision ? (
          <button type="button" className="button button--link" onClick={() => setValue('decision', '', { shouldDirty: true })}>
            Clear the decision
          </button>
        ) : null}
      </fieldset>
      <FormField
        id="moderation-comment"
        label="Comment for the school"
        error={commentTooLong}
        hint={
          decision === 'more-evidence'
            ? 'Say what evidence to send. The school sees this in the report and as an action in its plan.'
            : 'Optional. The school sees it in the moderation report.'
        }
      >
        {(control) => <textarea {...control} rows={5} {...register('comment')} />}
      </FormField>
      {canAgree && (decision === '' || decision === 'agree') ? (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void agreeAndNext()}>
            {nextLabel}
          </button>
        </div>
      ) : null}
    </form>
  );
}
