import { useState } from 'react';
import { scalePoint, type AppliedFramework } from '../../../shared/framework/applied-framework';
import { decisionsOffered, schoolClaim } from '../../../shared/moderation/desk-review';
import type { ModerationDecision } from '../../../shared/moderation/moderation-records';
import { evidenceForCriterion } from '../../../shared/moderation/moderation-review';
import { returnProblems, secondDecisionProblem, type SecondDecisionDraft } from '../../../shared/moderation/second-moderation';
import { buildSecondReturnDocument, type SecondReturnInput } from '../../../shared/moderation/second-moderation-files';
import { secondReturnFileName, type SecondModerationDecisionRecord } from '../../../shared/moderation/second-moderation-format';
import { receivedRequestKey, type ReceivedSecondModerationRequest } from '../../../shared/moderation/second-moderation-records';
import type { SubmissionDocument } from '../../../shared/submission/submission-format';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { newId, nowIso } from '../../db/record-stamps';
import { useReceivedSecondRequest } from '../../db/second-moderation-queries';
import { recordSecondReturn, saveSecondDecision } from '../../db/second-moderation-store';
import { moderatorSigningSubject } from '../../db/signing-key-store';
import { describeStorageError } from '../../db/storage-errors';
import { useSignedExport } from '../../export/use-signed-export';
import { PageHeading } from '../../ui/PageHeading';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { StatusMessage } from '../../ui/StatusMessage';
import { EmbeddedEvidence } from '../review/EmbeddedEvidence';
import { useModeratedSubmission } from '../review/use-moderated-submission';
import { ModeratorWorkspaceLayout } from '../workspace/ModeratorWorkspaceLayout';
import '../../styles/moderation.css';
import { ModeratedPointField } from './ModeratedPointField';

/**
 * The second moderator decides each sampled criterion of a request on their own: the school's
 * judgement, narrative and evidence, read only, and their decision with a comment. Then a signed
 * return naming the request by its SHA-256.
 */
export function SecondModerationDecideScreen({ workspaceId, requestId }: { workspaceId: string; requestId: string }) {
  const { db } = useServices();
  const key = receivedRequestKey(workspaceId, requestId);
  const data = useReceivedSecondRequest(db, key);
  const context = useModeratedSubmission(workspaceId, data?.submission?.submissionId ?? '');
  const { job, cancel, busy, failure, exported, exportSigned } = useSignedExport<{ fileName: string; pdf: Blob }>({
    what: 'the second moderation return',
    cancelled: 'status',
  });
  const [problems, setProblems] = useState<{ criterionId: string; message: string }[]>([]);

  if (!data) return <LoadingOrMissing state="loading" what="request" />;
  const { received, decisions } = data;
  if (!received) return <LoadingOrMissing state="missing" what="request" />;
  if (!data.submission) {
    return (
      <LoadingOrMissing
        state="missing"
        what={`submission this request is about (import ${received.document.submission.school.name}’s PDF first)`}
      />
    );
  }
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="submission" />;
  const { workspace, framework, document, region, submission } = context;
  const sampled = received.document.criteria.map((c) => c.criterionId);
  const byId = new Map(decisions.map((d) => [d.criterionId, d]));
  const done = sampled.filter((id) => byId.get(id)?.decision != null).length;

  const sign = () => {
    const found = returnProblems(framework, sampled, document.responses, byId);
    setProblems(found);
    if (found.length > 0) return;
    const records: SecondModerationDecisionRecord[] = sampled.map((criterionId) => {
      const d = byId.get(criterionId);
      return {
        criterionId,
        decision: d?.decision ?? 'more-evidence',
        moderatedJudgement: d?.decision === 'moderated' ? d.moderatedJudgement : null,
        comment: d?.comment ?? '',
      };
    });
    const input: SecondReturnInput = {
      returnId: newId(),
      createdAt: nowIso(),
      workspace,
      regionName: region?.name ?? workspace.regionId,
      request: received.document,
      requestSha256: received.fileSha256,
      decisions: records,
    };
    let fingerprint = '';
    void exportSigned(
      moderatorSigningSubject(workspace),
      async (signing) => {
        fingerprint = signing.certificateFingerprint;
        return { kind: 'second-return', input, framework, signing };
      },
      async (made) => {
        const returned = buildSecondReturnDocument(input, fingerprint);
        const fileName = secondReturnFileName(returned);
        await recordSecondReturn(db, key, {
          returnId: returned.returnId,
          createdAt: returned.createdAt,
          fileName,
          sha256: made.sha256,
          size: made.size,
          pdf: made.pdf,
        });
        return { fileName, pdf: made.pdf };
      },
    );
  };

  return (
    <ModeratorWorkspaceLayout workspace={workspace} current="second">
      <p className="breadcrumb">
        <a href={href.secondModerationInbox(workspaceId)}>Second moderation requests</a>
      </p>
      <PageHeading title={`Second moderation of ${submission.schoolName}`}>
        Second moderation of {submission.schoolName}, submission v{submission.version}
      </PageHeading>
      <p>
        {received.document.requester.name} ({received.document.requester.organisation}) asks you to decide {sampled.length} criteria
        yourself. Their decisions are not shown.
      </p>
      {received.document.note ? (
        <p>
          <strong>Their note:</strong> {received.document.note}
        </p>
      ) : null}
      <p role="status" aria-live="polite" data-testid="decided-count">
        {done} of {sampled.length} decided
      </p>
      {sampled.map((criterionId) => (
        <CriterionToDecide
          key={criterionId}
          framework={framework}
          document={document}
          pdfSha256={submission.fileSha256}
          criterionId={criterionId}
          received={received}
          stored={byId.get(criterionId) ?? null}
        />
      ))}
      <section aria-labelledby="return-heading" className="panel">
        <h2 id="return-heading">Sign and send the return</h2>
        {received.returned ? (
          <StatusMessage kind="success" testId="return-signed">
            <p>
              The return is signed ({received.returned.fileName}). Send it to {received.document.requester.name}.
            </p>
          </StatusMessage>
        ) : job.state === 'running' ? (
          <PdfJobProgress label="Signing the second moderation return" progress={job.progress} onCancel={cancel} />
        ) : (
          <button type="button" className="button" disabled={busy} onClick={sign}>
            Sign and export the return
          </button>
        )}
        {problems.length > 0 ? (
          <StatusMessage kind="error" testId="return-problems" heading="Not signed yet" headingLevel={3}>
            <ul>
              {problems.map((p) => (
                <li key={p.criterionId}>
                  <a href={`#decide-${p.criterionId}`}>{p.message}</a>
                </li>
              ))}
            </ul>
          </StatusMessage>
        ) : null}
        {failure ? (
          <StatusMessage kind="error">
            <p>{failure}</p>
          </StatusMessage>
        ) : null}
        {exported ? (
          <StatusMessage kind="success" testId="return-exported">
            <p>Signed and exported {exported.fileName}.</p>
          </StatusMessage>
        ) : null}
      </section>
    </ModeratorWorkspaceLayout>
  );
}

function CriterionToDecide({
  framework,
  document,
  pdfSha256,
  criterionId,
  received,
  stored,
}: {
  framework: AppliedFramework;
  document: SubmissionDocument;
  pdfSha256: string;
  criterionId: string;
  received: ReceivedSecondModerationRequest;
  stored: SecondDecisionDraft | null;
}) {
  const { db } = useServices();
  const criterion = framework.criterionById.get(criterionId);
  const response = document.responses.find((r) => r.criterionId === criterionId) ?? { criterionId, judgement: null, narrative: '' };
  const [draft, setDraft] = useState<SecondDecisionDraft>(stored ?? { decision: null, moderatedJudgement: null, comment: '' });
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);
  const locked = received.returned !== null;
  const offers = decisionsOffered(schoolClaim(response));

  const save = async () => {
    const problem = secondDecisionProblem(framework, response, draft);
    if (problem) {
      setMessage({ kind: 'error', text: problem });
      return;
    }
    try {
      await saveSecondDecision(db, received.key, criterionId, draft);
      setMessage({ kind: 'success', text: `Saved your decision on ${criterionId}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, `your decision on ${criterionId}`) });
    }
  };

  return (
    <section
      id={`decide-${criterionId}`}
      aria-labelledby={`decide-${criterionId}-heading`}
      className="panel"
      data-testid={`decide-${criterionId}`}
    >
      <h2 id={`decide-${criterionId}-heading`}>
        {criterionId} {criterion?.title ?? ''}
      </h2>
      {criterion ? <p>{criterion.statement}</p> : null}
      <dl className="summary-list">
        <div>
          <dt>School’s judgement</dt>
          <dd>{scalePoint(framework, response.judgement)?.label ?? 'Not judged'}</dd>
        </div>
      </dl>
      {'notApplicable' in response && response.notApplicable ? (
        <p className="notice">The school says this criterion does not apply: {response.notApplicable.reason}</p>
      ) : null}
      <h3>Narrative</h3>
      {'narrative' in response && response.narrative.trim() !== '' ? (
        <p className="prose">{response.narrative}</p>
      ) : (
        <p className="muted">The school wrote no narrative.</p>
      )}
      <h3>Evidence</h3>
      <EmbeddedEvidence pdfSha256={pdfSha256} evidence={evidenceForCriterion(document, criterionId)} />
      <form
        aria-label={`Your decision on ${criterionId}`}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={locked}>
          <legend>Your decision on {criterionId}</legend>
          {offers.map((o) => (
            <div key={o.id} className="radio">
              <input
                id={`second-${criterionId}-${o.id}`}
                type="radio"
                name={`second-${criterionId}`}
                checked={draft.decision === o.id}
                onChange={() => setDraft({ ...draft, decision: o.id as ModerationDecision })}
              />
              <label htmlFor={`second-${criterionId}-${o.id}`}>{o.label}</label>
            </div>
          ))}
          {draft.decision === 'moderated' ? (
            <ModeratedPointField
              id={`second-${criterionId}-point`}
              framework={framework}
              value={draft.moderatedJudgement}
              onChange={(point) => setDraft({ ...draft, moderatedJudgement: point })}
            />
          ) : null}
          <div className="field">
            <label htmlFor={`second-${criterionId}-comment`}>Comment</label>
            <textarea
              id={`second-${criterionId}-comment`}
              rows={2}
              value={draft.comment}
              onChange={(e) => setDraft({ ...draft, comment: e.target.value })}
            />
          </div>
          <button type="submit" className="button button--secondary">
            Save decision on {criterionId}
          </button>
        </fieldset>
        <div role="status" aria-live="polite">
          {message ? <p className={message.kind === 'error' ? 'error-message' : undefined}>{message.text}</p> : null}
        </div>
      </form>
    </section>
  );
}
