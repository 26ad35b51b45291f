import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { receivedRequestKey } from '../../../shared/moderation/second-moderation-records';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { useReceivedSecondRequests } from '../../db/second-moderation-queries';
import { importSecondRequest } from '../../db/second-moderation-store';
import { PageHeading } from '../../ui/PageHeading';
import { ModeratorWorkspaceLayout } from '../workspace/ModeratorWorkspaceLayout';
import { useModeratorWorkspace } from '../workspace/use-moderator-workspace';
import { SignedFileImport } from './SignedFileImport';
import '../../styles/moderation.css';

/**
 * The second moderator's side: import a signed request from a fellow moderator (the submission it
 * names must be imported first), and the requests received, each to decide and return.
 */
export function SecondModerationInboxScreen({ workspaceId }: { workspaceId: string }) {
  const { db, verifyJobs } = useServices();
  const state = useModeratorWorkspace(workspaceId);
  const received = useReceivedSecondRequests(db, workspaceId);
  if (state.state !== 'ready') return <LoadingOrMissing state={state.state} what="moderator workspace" />;
  const { workspace } = state;

  const verify = async (file: File) => {
    const result = await verifyJobs.verify({ kind: 'second-request', bytes: new Uint8Array(await file.arrayBuffer()) });
    if (result.kind === 'failed') return { ok: false as const, message: result.message };
    if (result.kind !== 'second-request') return { ok: false as const, message: 'The file could not be checked.' };
    return result.verification.ok
      ? { ok: true as const, verified: result.verification.file }
      : { ok: false as const, message: result.verification.rejection.message };
  };

  return (
    <ModeratorWorkspaceLayout workspace={workspace} current="second">
      <PageHeading title="Second moderation requests">Second moderation requests</PageHeading>
      <p>
        A fellow moderator asks you to decide a sample of a submission’s criteria yourself, without their decisions. Import the submission
        PDF they sent on the Import submissions page first, then import their signed request here.
      </p>
      <section aria-labelledby="import-request-heading" className="panel">
        <h2 id="import-request-heading">Import a request</h2>
        <SignedFileImport
          label="Choose the signed request (PDF)"
          sender="the first moderator"
          verify={verify}
          store={(verified, pdf, confirmedFingerprint) => importSecondRequest(db, { workspaceId, verified, pdf, confirmedFingerprint })}
          done={(result) => (
            <p>
              Imported the request from {result.record.document.requester.name}.{' '}
              <a href={href.secondModerationDecide(workspaceId, result.record.requestId)}>
                Decide its {result.record.document.criteria.length} criteria
              </a>
            </p>
          )}
        />
      </section>
      <section aria-labelledby="received-heading">
        <h2 id="received-heading">Requests received</h2>
        {!received || received.length === 0 ? (
          <p>No request imported yet.</p>
        ) : (
          <ul className="card-list" data-testid="received-requests">
            {received.map((r) => (
              <li key={receivedRequestKey(workspaceId, r.requestId)} className="card">
                <h3>
                  <a href={href.secondModerationDecide(workspaceId, r.requestId)}>
                    {r.document.submission.school.name}, submission v{r.document.submission.version}
                  </a>
                </h3>
                <p>
                  From {r.document.requester.name} · {r.document.criteria.length} criteria · imported {longDateOfTime(r.importedAt)} ·{' '}
                  {r.returned ? 'return signed' : 'to decide'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </ModeratorWorkspaceLayout>
  );
}
