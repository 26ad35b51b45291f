import { useState } from 'react';
import { formatBytes } from '../../../shared/evidence/evidence-records';
import { levelLabel, scalePoint, type AppliedFramework } from '../../../shared/framework/applied-framework';
import { shortHash } from '../../../shared/formats/sha256';
import { moderatedAward } from '../../../shared/moderation/moderation-outcome';
import {
  outcomeHeadline,
  SUBMISSION_STATUSES,
  type ModerationOutcome,
  type SubmissionStatus,
} from '../../../shared/moderation/moderation-records';
import { accuracyJudgement, type AccuracyJudgement } from '../../../shared/moderation/desk-review';
import { decisionText, nextUndecided, reviewProgress } from '../../../shared/moderation/moderation-review';
import { submissionApplicabilityProfile } from '../../../shared/submission/submission-format';
import { firstUndecidedInOrder, resubmissionOrder, type ResubmissionRow } from '../../../shared/moderation/resubmission-carry-over';
import { submissionStateExplanation, submissionStateLabel, type SubmissionState } from '../../../shared/moderation/submission-state';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useModeratedSubmission, type ModerationContext } from './use-moderated-submission';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { Layout } from '../../ui/Layout';
import { ModeratedSubmissionLayout } from './ModeratedSubmissionLayout';
import { PageHeading } from '../../ui/PageHeading';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { useWorkspaceSubmissionStates } from '../../db/moderation-queries';
import { setSubmissionStatus } from '../../db/moderation-store';
import { describeStorageError } from '../../db/storage-errors';
import '../../styles/moderation.css';

/**
 * A submission under moderation, at a glance: where it came from, its status, how far the desk
 * review has got strand by strand, the award the moderated judgements give, and every criterion
 * with the school's judgement beside the moderator's decision, each a link to review it.
 */
export function ModerationReviewScreen({ workspaceId, submissionId }: { workspaceId: string; submissionId: string }) {
  const { db } = useServices();
  const context = useModeratedSubmission(workspaceId, submissionId);
  const [statusMessage, setStatusMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  // Where every submission of the workspace stands (a later version from the same school changes a deferral's state).
  const states = useWorkspaceSubmissionStates(db, workspaceId)?.states;
  if (context.state !== 'ready') return <ModerationUnavailable context={context} />;
  const { submission, document, framework, records } = context;
  // Criteria that do not apply to the school (by the profile in its submission) are not reviewed and count nowhere.
  const profile = submissionApplicabilityProfile(document.school);
  const progress = reviewProgress(framework, records.moderations, profile);
  const toReview = new Set(progress.strands.flatMap((s) => s.criterionIds));
  const carryOver = submission.carryOver ?? null;
  // On a later version, the changed criteria come first and the decisions carried over last.
  const rows = resubmissionOrder(
    document.responses.map((r) => r.criterionId),
    carryOver?.changed ?? [],
    records.moderations,
  );
  const undecided = carryOver
    ? firstUndecidedInOrder(
        rows.filter((row) => toReview.has(row.criterionId)),
        records.moderations,
      )
    : nextUndecided(framework, records.moderations, null, profile);
  const schoolAward = moderatedAward(framework, document, []);
  const award = moderatedAward(framework, document, records.moderations);
  const byCriterion = new Map(records.moderations.map((m) => [m.criterionId, m]));
  const responses = new Map(document.responses.map((r) => [r.criterionId, r]));
  const criterionHref = (id: string) => href.moderationCriterion(workspaceId, submissionId, id);
  const state = states?.get(submission.key) ?? null;
  const accuracy = accuracyJudgement(framework, document.responses, records.moderations);

  const changeStatus = async (status: SubmissionStatus) => {
    setStatusMessage(null);
    try {
      await setSubmissionStatus(db, submission.key, status);
      setStatusMessage({ kind: 'ok', text: `Status saved: ${SUBMISSION_STATUSES.find((s) => s.id === status)?.label ?? status}.` });
    } catch (error) {
      setStatusMessage({ kind: 'error', text: describeStorageError(error, 'the status') });
    }
  };

  return (
    <ModeratedSubmissionLayout context={context} current="overview">
      <p className="breadcrumb">
        <a href={href.moderationQueue(workspaceId)}>Submissions</a>
      </p>
      <PageHeading title={`Moderate ${submission.schoolName} v${submission.version}`}>
        {submission.schoolName}: submission v{submission.version}
      </PageHeading>

      <dl className="summary-list">
        <div>
          <dt>Where it stands</dt>
          <dd>{state ? <StateSummary state={state} framework={framework} /> : '…'}</dd>
        </div>
        <div>
          <dt>URN</dt>
          <dd>{submission.urn}</dd>
        </div>
        <div>
          <dt>Exported by the school</dt>
          <dd>{longDateOfTime(submission.exportedAt)}</dd>
        </div>
        <div>
          <dt>Framework</dt>
          <dd>
            {framework.title}, version {submission.framework.version}
            {submission.frameworkSource === 'embedded' ? ' (the copy inside the submission: it is not installed in this app)' : ''}
          </dd>
        </div>
        <div>
          <dt>File</dt>
          <dd>
            {submission.fileName} ({formatBytes(submission.size)}), SHA-256{' '}
            <code className="hash">{shortHash(submission.fileSha256, 8)}</code>
          </dd>
        </div>
        <div>
          <dt>School’s signing certificate</dt>
          <dd>
            <code className="hash">{shortHash(submission.signerFingerprint, 16)}</code>
          </dd>
        </div>
      </dl>

      <form className="form status-form" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="submission-status">Status of this submission</label>
          <p className="hint" id="submission-status-hint">
            It moves to “In review” with your first decision, and to “Decided” when you record the outcome.
          </p>
          <select
            id="submission-status"
            className="input--medium"
            aria-describedby="submission-status-hint"
            value={submission.status}
            onChange={(e) => void changeStatus(e.target.value as SubmissionStatus)}
          >
            {SUBMISSION_STATUSES.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div role={statusMessage?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
          {statusMessage ? (
            <p className={statusMessage.kind === 'error' ? 'notice notice--error' : undefined}>{statusMessage.text}</p>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="desk-review-heading">
        <h2 id="desk-review-heading">Desk review</h2>
        {context.carryOverProblem ? (
          <p role="alert" className="notice notice--error">
            {context.carryOverProblem}
          </p>
        ) : null}
        {carryOver ? (
          <p className="notice" data-testid="carry-over-summary">
            {carryOver.summary}
            {carryOver.carried > 0 ? ' Carried decisions count as reviewed; you can still change any of them.' : ''}
          </p>
        ) : null}
        <p className="lead">
          {progress.reviewed} of {progress.total} criteria reviewed: {progress.agreed} agreed, {progress.moderated} moderated,{' '}
          {progress.moreEvidence} needing more evidence.
        </p>
        <p>
          {undecided ? (
            <a className="button" href={criterionHref(undecided)}>
              {progress.reviewed === 0 ? `Start the review at ${undecided}` : `Continue with ${undecided}, the next not yet reviewed`}
            </a>
          ) : (
            <a className="button" href={href.moderationOutcome(workspaceId, submissionId)}>
              Every criterion is reviewed: record the outcome
            </a>
          )}
        </p>
        <dl className="stat-row">
          <div>
            <dt>The school’s own judgements give</dt>
            <dd>{schoolAward.achieved?.label ?? 'No award level'}</dd>
          </div>
          <div>
            <dt>The moderated judgements give</dt>
            <dd>{award.achieved?.label ?? 'No award level'}</dd>
          </div>
        </dl>
        <AccuracySummary accuracy={accuracy} criterionHref={criterionHref} />
        <ScrollRegion label="Review by strand">
          <table className="table">
            <caption>Review by strand</caption>
            <thead>
              <tr>
                <th scope="col">Strand</th>
                <th scope="col">Reviewed</th>
                <th scope="col">Agreed</th>
                <th scope="col">Moderated</th>
                <th scope="col">More evidence</th>
              </tr>
            </thead>
            <tbody>
              {progress.strands.map((strand) => (
                <tr key={strand.strandId}>
                  <th scope="row">
                    {strand.criterionIds[0] ? (
                      <a href={criterionHref(strand.criterionIds[0])}>
                        {strand.strandId} {strand.title}
                      </a>
                    ) : (
                      `${strand.strandId} ${strand.title}`
                    )}
                  </th>
                  <td>
                    {strand.reviewed} of {strand.criterionIds.length}
                  </td>
                  <td>{strand.agreed}</td>
                  <td>{strand.moderated}</td>
                  <td>{strand.moreEvidence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="visit-outcome-heading">
        <h2 id="visit-outcome-heading">Visit and outcome</h2>
        <dl className="summary-list">
          <div>
            <dt>Visit</dt>
            <dd>
              {records.visit && records.visit.criterionIds.length > 0
                ? `${records.visit.criterionIds.length} criteria to see${records.visit.visitDate ? `, on ${formatIsoDate(records.visit.visitDate)}` : ', date not set'}. `
                : 'Not planned yet. '}
              <a href={href.moderationVisit(workspaceId, submissionId)}>Plan the visit</a>
            </dd>
          </div>
          <div>
            <dt>Outcome</dt>
            <dd>
              {records.outcome
                ? `${outcomeLabel(framework, records.outcome)}, recorded ${longDateOfTime(records.outcome.decidedAt)}. `
                : 'Not recorded yet. '}
              <a href={href.moderationOutcome(workspaceId, submissionId)}>Outcome and report</a>
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="all-criteria-heading">
        <h2 id="all-criteria-heading">Every criterion</h2>
        <ScrollRegion label="Every criterion">
          <table className="table moderation-table" data-testid="moderation-criteria">
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                {carryOver ? <th scope="col">Since version {carryOver.fromVersion}</th> : null}
                <th scope="col">School’s judgement</th>
                <th scope="col">Your decision</th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const response = responses.get(row.criterionId);
                const moderation = byCriterion.get(row.criterionId);
                return (
                  <tr key={row.criterionId} data-group={carryOver ? row.group : undefined}>
                    <th scope="row">
                      <a href={criterionHref(row.criterionId)}>{row.criterionId}</a>
                    </th>
                    {carryOver ? <td>{sinceText(row, carryOver.fromVersion)}</td> : null}
                    <td>{scalePoint(framework, response?.judgement)?.label ?? 'Not judged'}</td>
                    <td>{decisionText(framework, moderation?.decision ?? null, moderation?.moderatedJudgement ?? null)}</td>
                    <td className="prose-cell">{moderation?.comment.trim() || '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </ModeratedSubmissionLayout>
  );
}

function sinceText(row: ResubmissionRow, fromVersion: number): string {
  if (row.group === 'changed') return 'Changed or new: review it';
  if (row.group === 'carried') return `Carried over from version ${row.carriedFromVersion ?? fromVersion}`;
  return 'Unchanged';
}

function StateSummary({ state, framework }: { state: SubmissionState; framework: AppliedFramework }) {
  return (
    <>
      <strong className={`status-tag status-tag--${state.kind}`} data-testid="submission-state">
        {submissionStateLabel(state)}
      </strong>
      <span className="hint"> {submissionStateExplanation(state, (id) => levelLabel(framework, id))}</span>
    </>
  );
}

/** The accuracy of the school's self-evaluation, with the criteria that moved each way as links. */
function AccuracySummary({ accuracy, criterionHref }: { accuracy: AccuracyJudgement; criterionHref: (id: string) => string }) {
  const links = (ids: readonly string[]) =>
    ids.map((id, i) => (
      <span key={id}>
        {i > 0 ? ', ' : null}
        <a href={criterionHref(id)}>{id}</a>
      </span>
    ));
  return (
    <section aria-labelledby="accuracy-heading" className="panel" data-testid="accuracy-judgement">
      <h3 id="accuracy-heading">
        Accuracy of the self-evaluation: {accuracy.kind === 'not-enough' ? 'not enough decided yet' : accuracy.label}
      </h3>
      <p>{accuracy.explanation}</p>
      {accuracy.kind !== 'not-enough' && accuracy.down.length > 0 ? <p>Moderated down: {links(accuracy.down)}</p> : null}
      {accuracy.kind !== 'not-enough' && accuracy.up.length > 0 ? <p>Moderated up: {links(accuracy.up)}</p> : null}
    </section>
  );
}

function outcomeLabel(framework: AppliedFramework, outcome: ModerationOutcome): string {
  return outcomeHeadline(outcome.kind, outcome.levelId ? levelLabel(framework, outcome.levelId) : '');
}

/** Loading, a submission or criterion that is not there, or a framework the app cannot find. */
export function ModerationUnavailable({
  context,
  what = 'submission',
}: {
  context: Exclude<ModerationContext, { state: 'ready' }>;
  what?: string;
}) {
  if (context.state === 'loading') {
    return (
      <Layout>
        <p role="status">Loading…</p>
      </Layout>
    );
  }
  const heading = context.state === 'missing' ? `This ${what} was not found` : 'The framework of this submission cannot be found';
  return (
    <Layout>
      <PageHeading title={heading}>{heading}</PageHeading>
      {context.state === 'missing' ? (
        <p>It may have been removed from the workspace, or the link is out of date.</p>
      ) : (
        <p>
          The submission was made against a framework that is neither installed nor kept with it. Import the submission again, or import the
          framework file in Settings.
        </p>
      )}
      <p>
        <a href={href.home()}>Go to the start</a>
      </p>
    </Layout>
  );
}
