import { evidenceKindLabel, formatBytes } from '../../../shared/evidence/evidence-records';
import { scalePoint } from '../../../shared/framework/applied-framework';
import { shortHash } from '../../../shared/formats/sha256';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { useSubmission } from '../../db/submission-queries';
import { StatusMessage } from '../../ui/StatusMessage';
import { useSaveAgain } from '../../export/use-signed-export';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

/** A submission as it was exported: read-only, with the exact PDF ready to save again. */
export function SubmissionScreen({ evaluationId, submissionId }: { evaluationId: string; submissionId: string }) {
  const { db } = useServices();
  const context = useEvaluation(evaluationId);
  const record = useSubmission(db, submissionId);
  const { notice, failure, saveAgain } = useSaveAgain();

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  if (record === undefined) return <LoadingOrMissing state="loading" what="submission" />;
  if (record === null || record.evaluationId !== evaluationId) return <LoadingOrMissing state="missing" what="submission" />;
  const { school, framework } = context;
  const { document } = record;
  const evidenceById = new Map(document.evidence.map((e) => [e.id, e]));

  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'submit', framework.criteria[0]?.id)}>
      <p className="breadcrumb">
        <a href={href.school(school.id)}>{school.name}</a> › <a href={href.dashboard(evaluationId)}>{context.evaluation.title}</a> ›{' '}
        <a href={href.submit(evaluationId)}>Submit</a>
      </p>
      <PageHeading title={`Submission v${record.version}`}>Submission v{record.version}</PageHeading>
      <p className="notice">
        This is the submission exactly as it was exported on {longDateOfTime(record.createdAt)}. It cannot be changed; changes to the
        evaluation since then go into the next version.
      </p>
      <dl className="summary-list">
        <div>
          <dt>File</dt>
          <dd>
            {record.fileName} ({formatBytes(record.size)})
          </dd>
        </div>
        <div>
          <dt>PDF SHA-256</dt>
          <dd>
            <code className="hash">{record.sha256}</code>
          </dd>
        </div>
        <div>
          <dt>Signing certificate</dt>
          <dd>
            <code className="hash">{shortHash(document.signer.certificateFingerprint, 16)}</code>
          </dd>
        </div>
        <div>
          <dt>Declaration</dt>
          <dd>
            {document.declaration.headTeacher} (head teacher) and {document.declaration.senco} (SENCO)
            {document.declaration.chairOfGovernors ? `, with ${document.declaration.chairOfGovernors} (chair of governors)` : ''}, on{' '}
            {formatIsoDate(document.declaration.date)}
          </dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="button" onClick={() => void saveAgain(record)}>
          Save the PDF again
        </button>
      </div>
      <div role="status" aria-live="polite" className="inline-status">
        {notice ? <p>{notice}</p> : null}
      </div>
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}

      <h2>Judgements as submitted</h2>
      <ScrollRegion label="Judgements as submitted">
        <table className="table" data-testid="frozen-judgements">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Judgement</th>
              <th scope="col">Narrative</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {document.responses.map((r) => (
              <tr key={r.criterionId}>
                <th scope="row" className="criterion-id">
                  {r.criterionId}
                </th>
                <td>{scalePoint(framework, r.judgement)?.label ?? 'Not judged'}</td>
                <td className="prose-cell">{r.narrative || '—'}</td>
                <td>
                  {r.evidenceIds
                    .map((id) => evidenceById.get(id))
                    .map((e) => (e ? `${e.title} (${evidenceKindLabel(e.kind)})` : ''))
                    .join('; ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Layout>
  );
}
