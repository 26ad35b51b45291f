import { useState } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import type { ClaimedResponse } from '../../../shared/moderation/desk-review';
import { decisionsOffered, schoolClaim } from '../../../shared/moderation/desk-review';
import type { ModerationDecision } from '../../../shared/moderation/moderation-records';
import type { DecisionPair } from '../../../shared/moderation/moderator-agreement';
import {
  agreementSentence,
  decisionWords,
  RESOLUTION_KINDS,
  secondModerationAgreement,
  type ResolutionDraft,
  type ResolutionKind,
} from '../../../shared/moderation/second-moderation';
import type { SecondModerationDecisionRecord } from '../../../shared/moderation/second-moderation-format';
import type { SecondModerationRequestRecord, SecondModerationResolution } from '../../../shared/moderation/second-moderation-records';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useSentSecondRequest } from '../../db/second-moderation-queries';
import { importSecondReturn, ownFingerprint, recordResolution, sentRequestsOf } from '../../db/second-moderation-store';
import { describeStorageError } from '../../db/storage-errors';
import { PageHeading } from '../../ui/PageHeading';
import { ModeratedSubmissionLayout, SubmissionBreadcrumb } from '../review/ModeratedSubmissionLayout';
import { ModerationUnavailable } from '../review/ModerationReviewScreen';
import { useModeratedSubmission } from '../review/use-moderated-submission';
import { SignedFileImport } from './SignedFileImport';
import '../../styles/moderation.css';
import { ModeratedPointField } from './ModeratedPointField';

/**
 * The first moderator's view of one request: import the second moderator's signed return, then
 * agreement per criterion, overall (percentage and Cohen's kappa), the disagreements first, and a
 * resolution recorded for each disagreement.
 */
export function SecondModerationResultScreen({
  workspaceId,
  submissionId,
  requestId,
}: {
  workspaceId: string;
  submissionId: string;
  requestId: string;
}) {
  const { db, verifyJobs } = useServices();
  const context = useModeratedSubmission(workspaceId, submissionId);
  const data = useSentSecondRequest(db, requestId);
  if (context.state !== 'ready') return <ModerationUnavailable context={context} />;
  if (!data) return <ModerationUnavailable context={{ state: 'loading' }} />;
  const { submission, framework, document } = context;
  const { request, returned, resolutions } = data;
  if (!request || request.submissionKey !== submission.key) return <ModerationUnavailable context={{ state: 'missing' }} what="request" />;

  const verify = async (file: File) => {
    const result = await verifyJobs.verify({
      kind: 'second-return',
      bytes: new Uint8Array(await file.arrayBuffer()),
      sentRequests: await sentRequestsOf(db, workspaceId),
      ownFingerprint: await ownFingerprint(db, workspaceId),
    });
    if (result.kind === 'failed') return { ok: false as const, message: result.message };
    if (result.kind !== 'second-return') return { ok: false as const, message: 'The file could not be checked.' };
    return result.verification.ok
      ? { ok: true as const, verified: result.verification.file }
      : { ok: false as const, message: result.verification.rejection.message };
  };

  return (
    <ModeratedSubmissionLayout context={context} current="second">
      <SubmissionBreadcrumb submission={submission}>
        {' '}
        › <a href={href.secondModerationRequest(workspaceId, submissionId)}>Second moderation</a>
      </SubmissionBreadcrumb>
      <PageHeading title={`Second moderation agreement, ${submission.schoolName}`}>
        Second moderation of {submission.schoolName}: agreement
      </PageHeading>
      <p>
        Request {request.fileName}: {request.document.criteria.length} criteria.
      </p>
      {returned ? (
        <Agreement
          framework={framework}
          responses={document.responses}
          request={request}
          decisions={returned.document.decisions}
          secondName={returned.document.secondModerator.name}
          resolutions={resolutions}
        />
      ) : (
        <section aria-labelledby="return-heading" className="panel">
          <h2 id="return-heading">Import the second moderator’s return</h2>
          <SignedFileImport
            label="Choose the signed return (PDF)"
            sender="the second moderator"
            verify={verify}
            store={(verified, pdf, confirmedFingerprint) => importSecondReturn(db, { workspaceId, verified, pdf, confirmedFingerprint })}
            done={(result) => <p>Imported the return from {result.record.document.secondModerator.name}.</p>}
          />
        </section>
      )}
    </ModeratedSubmissionLayout>
  );
}

function Agreement({
  framework,
  responses,
  request,
  decisions,
  secondName,
  resolutions,
}: {
  framework: AppliedFramework;
  responses: readonly ClaimedResponse[];
  request: SecondModerationRequestRecord;
  decisions: readonly SecondModerationDecisionRecord[];
  secondName: string;
  resolutions: readonly SecondModerationResolution[];
}) {
  const result = secondModerationAgreement(request.firstDecisions, decisions);
  const secondById = new Map(decisions.map((d) => [d.criterionId, d]));
  const firstById = new Map(request.firstDecisions.map((d) => [d.criterionId, d]));
  const resolved = new Map(resolutions.map((r) => [r.criterionId, r]));
  const open = result.disagreements.filter((d) => !resolved.has(d.criterionId)).length;
  return (
    <>
      <section aria-labelledby="overall-heading" className="panel" data-testid="agreement-overall">
        <h2 id="overall-heading">Overall</h2>
        <dl className="summary-list">
          <div>
            <dt>Agreement</dt>
            <dd>{agreementSentence(result)}</dd>
          </div>
          <div>
            <dt>Cohen’s kappa</dt>
            <dd>
              {result.kappa.kind === 'value'
                ? `${result.kappa.value.toFixed(2)}: ${result.kappa.words}`
                : `Not defined. ${result.kappa.words}`}
            </dd>
          </div>
          <div>
            <dt>Disagreements to settle</dt>
            <dd>
              <span role="status" aria-live="polite">
                {result.disagreements.length === 0 ? 'None' : open === 0 ? 'All settled' : `${open} of ${result.disagreements.length}`}
              </span>
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="per-criterion-heading">
        <h2 id="per-criterion-heading">Criterion by criterion, disagreements first</h2>
        <ul className="card-list" data-testid="agreement-criteria">
          {result.criteria.map((c) => {
            const first = firstById.get(c.criterionId);
            const second = secondById.get(c.criterionId);
            const response = responses.find((r) => r.criterionId === c.criterionId) ?? { criterionId: c.criterionId, judgement: null };
            if (!first || !second) return null;
            return (
              <li key={c.criterionId} className="card" data-testid={`agreement-${c.criterionId}`}>
                <h3>
                  {c.criterionId} {framework.criterionById.get(c.criterionId)?.title ?? ''}: {c.agree ? 'agreed' : 'disagreed'}
                </h3>
                <dl className="summary-list">
                  <div>
                    <dt>Your decision</dt>
                    <dd>{decisionWords(framework, first)}</dd>
                  </div>
                  <div>
                    <dt>{secondName}’s decision</dt>
                    <dd>
                      {decisionWords(framework, second)}
                      {second.comment ? `: ${second.comment}` : ''}
                    </dd>
                  </div>
                </dl>
                {c.agree ? null : (
                  <Resolution
                    framework={framework}
                    request={request}
                    response={response}
                    first={first}
                    second={second}
                    resolution={resolved.get(c.criterionId) ?? null}
                  />
                )}
              </li>
            );
          })}
        </ul>
        {result.notCompared.length > 0 ? <p>Not compared (not decided by both): {result.notCompared.join(', ')}.</p> : null}
      </section>
    </>
  );
}

function Resolution({
  framework,
  request,
  response,
  first,
  second,
  resolution,
}: {
  framework: AppliedFramework;
  request: SecondModerationRequestRecord;
  response: ClaimedResponse;
  first: DecisionPair;
  second: SecondModerationDecisionRecord;
  resolution: SecondModerationResolution | null;
}) {
  const { db } = useServices();
  const id = response.criterionId;
  const [draft, setDraft] = useState<ResolutionDraft>({ kind: null, decision: null, moderatedJudgement: null, reason: '' });
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  if (resolution) {
    const how = RESOLUTION_KINDS.find((k) => k.id === resolution.kind)?.label ?? resolution.kind;
    return (
      <p data-testid={`resolution-${id}`}>
        Settled: {how}. Decision now: {decisionWords(framework, resolution)}. Reason: {resolution.reason}
      </p>
    );
  }
  const save = async () => {
    try {
      await recordResolution(db, { request, framework, response, first, second, draft });
      setMessage({ kind: 'success', text: `Settled ${id}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, `the resolution of ${id}`) });
    }
  };
  const offers = decisionsOffered(schoolClaim(response));
  return (
    <form
      className="panel"
      aria-label={`Settle ${id}`}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset>
        <legend>How do you settle {id}?</legend>
        {RESOLUTION_KINDS.map((k) => (
          <div key={k.id} className="radio">
            <input
              id={`resolve-${id}-${k.id}`}
              type="radio"
              name={`resolve-${id}`}
              checked={draft.kind === k.id}
              onChange={() => setDraft({ ...draft, kind: k.id as ResolutionKind })}
            />
            <label htmlFor={`resolve-${id}-${k.id}`}>{k.label}</label>
          </div>
        ))}
      </fieldset>
      {draft.kind === 'changed-to-other' ? (
        <>
          <div className="field">
            <label htmlFor={`resolve-${id}-decision`}>New decision</label>
            <select
              id={`resolve-${id}-decision`}
              value={draft.decision ?? ''}
              onChange={(e) => setDraft({ ...draft, decision: (e.target.value || null) as ModerationDecision | null })}
            >
              <option value="">Choose</option>
              {offers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          {draft.decision === 'moderated' ? (
            <ModeratedPointField
              id={`resolve-${id}-point`}
              framework={framework}
              value={draft.moderatedJudgement}
              onChange={(point) => setDraft({ ...draft, moderatedJudgement: point })}
            />
          ) : null}
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`resolve-${id}-reason`}>Reason</label>
        <textarea
          id={`resolve-${id}-reason`}
          rows={2}
          value={draft.reason}
          onChange={(e) => setDraft({ ...draft, reason: e.target.value })}
        />
      </div>
      <button type="submit" className="button">
        Record how {id} is settled
      </button>
      <div role="status" aria-live="polite">
        {message ? <p className={message.kind === 'error' ? 'error-message' : undefined}>{message.text}</p> : null}
      </div>
    </form>
  );
}
