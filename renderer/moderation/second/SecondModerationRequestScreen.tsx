import { useMemo, useState } from 'react';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { newSeed } from '../../../shared/moderation/visit-sampling';
import { decisionWords, sampleProblem, secondModerationSample } from '../../../shared/moderation/second-moderation';
import { buildSecondRequestDocument, type SecondRequestInput } from '../../../shared/moderation/second-moderation-files';
import { secondRequestFileName } from '../../../shared/moderation/second-moderation-format';
import type { SecondModerationRequestRecord } from '../../../shared/moderation/second-moderation-records';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { newId, nowIso } from '../../db/record-stamps';
import { useSentSecondRequests } from '../../db/second-moderation-queries';
import { recordSecondRequest } from '../../db/second-moderation-store';
import { moderatorSigningSubject } from '../../db/signing-key-store';
import { useSignedExport } from '../../export/use-signed-export';
import { PageHeading } from '../../ui/PageHeading';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { StatusMessage } from '../../ui/StatusMessage';
import { ModeratedSubmissionLayout, SubmissionBreadcrumb } from '../review/ModeratedSubmissionLayout';
import { ModerationUnavailable } from '../review/ModerationReviewScreen';
import { useModeratedSubmission } from '../review/use-moderated-submission';
import '../../styles/moderation.css';

function freshSeed(): string {
  return newSeed(globalThis.crypto.getRandomValues(new Uint8Array(8)));
}

/**
 * The first moderator asks for a second moderation of a submission they have decided: a sample of
 * its decided criteria (by default every one moderated down and one drawn per strand), a note, and
 * a signed request to send. The request never carries their decisions.
 */
export function SecondModerationRequestScreen({ workspaceId, submissionId }: { workspaceId: string; submissionId: string }) {
  const { db } = useServices();
  const context = useModeratedSubmission(workspaceId, submissionId);
  const [seed, setSeed] = useState(freshSeed);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const sent = useSentSecondRequests(db, context.state === 'ready' ? context.submission.key : '');
  const { job, cancel, busy, failure, exported, exportSigned } = useSignedExport<SecondModerationRequestRecord>({
    what: 'the second moderation request',
    cancelled: 'status',
  });

  const ready = context.state === 'ready' ? context : null;
  const sample = useMemo(
    () =>
      ready
        ? secondModerationSample({
            framework: ready.framework,
            responses: ready.document.responses,
            moderations: ready.records.moderations,
            seed,
          })
        : [],
    [ready, seed],
  );
  if (context.state !== 'ready' || !ready)
    return <ModerationUnavailable context={context.state === 'ready' ? { state: 'loading' } : context} />;
  const { workspace, submission, framework, records, region } = ready;
  const selected = chosen ?? new Set(sample.map((s) => s.criterionId));
  const whyOf = new Map(sample.map((s) => [s.criterionId, s.why]));
  const decided = framework.criteria.filter((c) => records.moderations.some((m) => m.criterionId === c.id && m.decision !== null));

  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };

  const send = () => {
    const ids = framework.criteria.map((c) => c.id).filter((id) => selected.has(id));
    const wrong = sampleProblem(ids, records.moderations);
    setProblem(wrong);
    if (wrong) return;
    const input: SecondRequestInput = {
      requestId: newId(),
      createdAt: nowIso(),
      workspace,
      regionName: region?.name ?? workspace.regionId,
      submission,
      criterionIds: ids,
      seed,
      note,
    };
    let fingerprint = '';
    void exportSigned(
      moderatorSigningSubject(workspace),
      async (signing) => {
        fingerprint = signing.certificateFingerprint;
        return { kind: 'second-request', input, framework, signing };
      },
      async (made) => {
        const document = buildSecondRequestDocument(input, fingerprint);
        return recordSecondRequest(db, {
          workspaceId: workspace.id,
          submissionKey: submission.key,
          document,
          fileName: secondRequestFileName(document),
          made,
          sample: ids.map(
            (criterionId) =>
              sample.find((item) => item.criterionId === criterionId) ?? { criterionId, reason: 'chosen', why: 'Chosen by you' },
          ),
          firstDecisions: ids.map((criterionId) => {
            const m = records.moderations.find((r) => r.criterionId === criterionId);
            return { criterionId, decision: m?.decision ?? null, moderatedJudgement: m?.moderatedJudgement ?? null };
          }),
        });
      },
    );
  };

  return (
    <ModeratedSubmissionLayout context={ready} current="second">
      <SubmissionBreadcrumb submission={submission}> › Second moderation</SubmissionBreadcrumb>
      <PageHeading title={`Second moderation, ${submission.schoolName}`}>Second moderation of {submission.schoolName}</PageHeading>
      <p>
        Another moderator decides a sample of this submission’s criteria without seeing your decisions, and sends back a signed return. The
        app then shows where you agreed, and you settle each difference. The second moderator needs the submission PDF too: send it with the
        request (they import it first, and the app matches the two by its SHA-256).
      </p>

      <section aria-labelledby="sample-heading" className="panel">
        <h2 id="sample-heading">Criteria to sample</h2>
        {decided.length === 0 ? (
          <p>You have not decided any criterion of this submission yet. Decide some first: only decided criteria can be compared.</p>
        ) : (
          <>
            <p>
              Proposed: every criterion you moderated down, and one drawn at random from each strand (seed <code>{seed}</code>). Change the
              sample as you need.
            </p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setSeed(freshSeed());
                setChosen(null);
              }}
            >
              Draw again
            </button>
            <fieldset className="checkbox-list">
              <legend>Criteria you have decided ({decided.length})</legend>
              {decided.map((c) => {
                const m = records.moderations.find((r) => r.criterionId === c.id);
                const why = whyOf.get(c.id);
                return (
                  <div key={c.id} className="checkbox">
                    <input
                      id={`sample-${c.id}`}
                      type="checkbox"
                      checked={selected.has(c.id)}
                      onChange={(e) => toggle(c.id, e.target.checked)}
                    />
                    <label htmlFor={`sample-${c.id}`}>
                      {c.id} {c.title}{' '}
                      <span className="muted">
                        (your decision: {m ? decisionWords(framework, m) : 'none'}
                        {why ? `; ${why}` : ''})
                      </span>
                    </label>
                  </div>
                );
              })}
            </fieldset>
            <div className="field">
              <label htmlFor="second-note">Note to the second moderator (optional)</label>
              <textarea id="second-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
            {problem ? (
              <StatusMessage kind="error" testId="sample-problem">
                <p>{problem}</p>
              </StatusMessage>
            ) : null}
            {job.state === 'running' ? (
              <PdfJobProgress label="Signing the second moderation request" progress={job.progress} onCancel={cancel} />
            ) : (
              <div className="button-row">
                <button type="button" className="button" disabled={busy} onClick={send}>
                  Sign and export the request ({selected.size} {selected.size === 1 ? 'criterion' : 'criteria'})
                </button>
              </div>
            )}
            {failure ? (
              <StatusMessage kind="error">
                <p>{failure}</p>
              </StatusMessage>
            ) : null}
            {exported ? (
              <StatusMessage kind="success" testId="request-exported">
                <p>
                  Signed and exported {exported.fileName}. Send it to the second moderator with the submission PDF ({submission.fileName}).
                </p>
              </StatusMessage>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">Requests sent</h2>
        {!sent || sent.length === 0 ? (
          <p>No request sent for this submission yet.</p>
        ) : (
          <ul className="card-list" data-testid="sent-requests">
            {sent.map(({ request, returned }) => (
              <li key={request.id} className="card">
                <h3>
                  <a href={href.secondModerationResult(workspaceId, submissionId, request.id)}>
                    Request of {longDateOfTime(request.createdAt)}, {request.document.criteria.length} criteria
                  </a>
                </h3>
                <p>{returned ? `Returned by ${returned.document.secondModerator.name}` : 'Waiting for the return'}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </ModeratedSubmissionLayout>
  );
}
