import { useMemo } from 'react';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import { formatBytes } from '../../../shared/evidence/evidence-records';
import { shortHash } from '../../../shared/formats/sha256';
import { approvalSnapshotHash, documentToApprove, submissionApprovalOf } from '../../../shared/submission/approval';
import { preflight, type DeclarationDraft } from '../../../shared/submission/preflight';
import { DECLARATION_STATEMENT, submissionFileName } from '../../../shared/submission/submission-format';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';
import { DeclarationForm } from './DeclarationForm';
import { HistoricReadOnly } from '../evaluation/HistoricReadOnly';
import { ExportedFileGuidance } from './ExportedFileGuidance';
import type { FieldProblem } from '../../ui/ErrorSummary';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { StatusMessage } from '../../ui/StatusMessage';
import { SubmissionList } from './SubmissionList';
import type { SubmissionRecord } from '../../db/app-database';
import { useEvaluationRecords } from '../../db/evaluation-queries';
import { useSchoolEvidence } from '../../db/evidence-queries';
import { approvalForExport } from '../../db/approval-store';
import { newId, nowIso, todayIso } from '../../db/record-stamps';
import { UserFacingError } from '../../db/storage-errors';
import { schoolSigningSubject } from '../../db/signing-key-store';
import { loadSubmissionSnapshot, nextSubmissionVersion, recordSubmission } from '../../db/submission-store';
import { useSignedExport } from '../../export/use-signed-export';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { ApprovalStateNotice } from './ApprovalStateNotice';
import { useApprovalStatus } from './use-approval-status';

/** Pre-flight check, declaration, and the signed export with progress and Cancel. */
export function SubmitScreen({ evaluationId }: { evaluationId: string }) {
  const { db, regions } = useServices();
  const context = useEvaluation(evaluationId);
  const records = useEvaluationRecords(db, evaluationId);
  const schoolId = context.state === 'ready' ? context.school.id : null;
  const evidence = useSchoolEvidence(db, schoolId);
  const { job, cancel, busy, failure, exported, exportSigned } = useSignedExport<SubmissionRecord>({
    what: 'the submission',
    cancelled: 'alert',
  });

  const framework = context.state === 'ready' ? context.framework : null;
  const profile = context.state === 'ready' ? context.school : null;
  const approval = useApprovalStatus(evaluationId, framework);
  const report = useMemo(
    () =>
      framework && records && evidence && approval
        ? preflight(framework, records.responses, records.links, evidence, records.actions, null, profile, approval.state)
        : null,
    [framework, records, evidence, profile, approval],
  );

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school } = context;
  const firstId = context.framework.criteria[0]?.id;
  const regionName = regions.find((r) => r.id === evaluation.regionId)?.name ?? evaluation.regionId;
  // No new submission on a historic edition: those already made still open and print below.
  const editable = evaluationEditable(context.framework);
  if (!editable.editable) {
    return (
      <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'submit', firstId)}>
        <p className="breadcrumb">
          <a href={href.school(school.id)}>{school.name}</a> › <a href={href.dashboard(evaluationId)}>{evaluation.title}</a>
        </p>
        <PageHeading title={`Submit ${evaluation.title}`}>Submissions of this evaluation</PageHeading>
        <HistoricReadOnly evaluation={evaluation} reason={editable.reason} />
        <p>No new submission can be made from a historic edition. The submissions made before still open, and their PDFs print.</p>
        <SubmissionList evaluationId={evaluationId} />
      </Layout>
    );
  }

  const blockers: FieldProblem[] = [
    ...(!report
      ? [{ fieldId: 'approval-heading', message: 'The evaluation and its approval are still being checked: wait a moment, then export' }]
      : report.approvalProblem
        ? [{ fieldId: 'approval-heading', message: report.approvalProblem }]
        : []),
    ...(report && report.unredactedPersonalData.length > 0
      ? [
          {
            fieldId: 'personal-data-blocker',
            message: `${report.unredactedPersonalData.length} evidence ${report.unredactedPersonalData.length === 1 ? 'item is' : 'items are'} marked as containing personal data and not confirmed as redacted`,
          },
        ]
      : []),
    ...(report && report.textsTooLong.length > 0
      ? [
          {
            fieldId: 'too-long-blocker',
            message: `${report.textsTooLong.length} ${report.textsTooLong.length === 1 ? 'text is' : 'texts are'} longer than a submission can hold`,
          },
        ]
      : []),
  ];

  const exportSubmission = (draft: DeclarationDraft) =>
    exportSigned(
      schoolSigningSubject(school),
      async (signing) => {
        const { snapshot, blobs } = await loadSubmissionSnapshot(db, evaluationId, context.framework, regionName);
        // The last check before signing: the approval covers exactly what is about to be exported.
        const approved = await approvalForExport(db, evaluationId, await approvalSnapshotHash(documentToApprove(snapshot)));
        if (!approved) {
          throw new UserFacingError(
            'The self-evaluation was changed after it was approved, so it was not exported. Ask the head teacher (or a governor or trustee) to approve it again on the Approval page, then export.',
          );
        }
        const version = await nextSubmissionVersion(db, evaluationId);
        const { headTeacher, senco, chairOfGovernors, date } = draft;
        return {
          kind: 'submission',
          snapshot,
          blobs,
          signing,
          identity: {
            submissionId: newId(),
            version,
            createdAt: nowIso(),
            declaration: { headTeacher, senco, chairOfGovernors, date, statement: DECLARATION_STATEMENT },
            approval: submissionApprovalOf(approved),
          },
        };
      },
      async ({ document, pdf, size, sha256 }) =>
        document ? recordSubmission(db, document, school.id, submissionFileName(document), pdf, size, sha256) : null,
    );

  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'submit', firstId)}>
      <p className="breadcrumb">
        <a href={href.school(school.id)}>{school.name}</a> › <a href={href.dashboard(evaluationId)}>{evaluation.title}</a>
      </p>
      <PageHeading title={`Submit ${evaluation.title}`}>Export the signed submission</PageHeading>
      <p>
        The submission is one PDF: readable pages for the moderator, the evaluation’s data, the framework and every linked evidence file
        inside it, and the school’s digital signature over all of it.
      </p>

      <section aria-labelledby="approval-heading" className="panel">
        <h2 id="approval-heading" tabIndex={-1}>
          Approval
        </h2>
        <ApprovalStateNotice state={approval?.state ?? null} />
        <p>
          <a href={href.approval(evaluationId)}>{approval?.state.state === 'current' ? 'See the approval' : 'Go to the approval'}</a>
        </p>
      </section>

      {!report ? (
        <p role="status">Checking the evaluation…</p>
      ) : (
        <section aria-labelledby="preflight-heading" className="panel preflight">
          <h2 id="preflight-heading">Before you export</h2>
          {report.unredactedPersonalData.length > 0 ? (
            <div className="preflight__blocker">
              <h3 id="personal-data-blocker" tabIndex={-1}>
                Must be fixed: personal data not confirmed as redacted
              </h3>
              <p>
                These items would go into the PDF. Redact them and tick “redaction confirmed” in the evidence library, or unlink them from
                the criteria.
              </p>
              <ul>
                {report.unredactedPersonalData.map((item) => (
                  <li key={item.id}>
                    <a href={href.evidence(evaluationId)}>{item.title}</a>
                    {item.file ? ` (${item.file.name}, ${formatBytes(item.file.size)})` : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {report.textsTooLong.length > 0 ? (
            <div className="preflight__blocker">
              <h3 id="too-long-blocker" tabIndex={-1}>
                Must be fixed: texts longer than a submission can hold
              </h3>
              <p>Shorten these, then come back to export. What you wrote is saved as it is until you change it.</p>
              <ul>
                {report.textsTooLong.map((item, i) => (
                  <li key={i}>
                    <a
                      href={
                        item.place.kind === 'criterion'
                          ? href.criterion(evaluationId, item.place.criterionId)
                          : item.place.kind === 'evidence'
                            ? href.evidence(evaluationId)
                            : href.actions(evaluationId)
                      }
                    >
                      {item.message}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {report.warningCount === 0 ? (
            <p data-testid="preflight-clear">Every criterion is judged and has evidence, and every action has an owner.</p>
          ) : (
            <>
              <h3>Worth checking (you can still export)</h3>
              <ul className="preflight__warnings" data-testid="preflight-warnings">
                {report.unjudged.length > 0 ? (
                  <li>
                    <IdList
                      evaluationId={evaluationId}
                      ids={report.unjudged}
                      one="criterion has no judgement"
                      many="criteria have no judgement"
                    />
                  </li>
                ) : null}
                {report.judgedWithoutEvidence.length > 0 ? (
                  <li>
                    <IdList
                      evaluationId={evaluationId}
                      ids={report.judgedWithoutEvidence}
                      one="judged criterion has no evidence linked"
                      many="judged criteria have no evidence linked"
                    />
                  </li>
                ) : null}
                {report.actionsWithoutOwner.length > 0 ? (
                  <li>
                    <a href={href.actions(evaluationId)}>
                      {report.actionsWithoutOwner.length} {report.actionsWithoutOwner.length === 1 ? 'action has' : 'actions have'} no owner
                    </a>
                  </li>
                ) : null}
              </ul>
            </>
          )}
        </section>
      )}

      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}

      {job.state === 'running' ? (
        <PdfJobProgress label="Exporting the signed submission" progress={job.progress} onCancel={cancel} />
      ) : (
        <DeclarationForm
          initial={{
            headTeacher: school.headTeacher,
            senco: school.senco,
            chairOfGovernors: '',
            date: todayIso(),
            confirmed: false,
          }}
          blockers={blockers}
          busy={busy}
          onSubmit={(draft) => void exportSubmission(draft)}
        />
      )}

      {exported ? (
        <StatusMessage kind="success" testId="export-done" heading={`Submission v${exported.version} exported`}>
          <p>
            Saved as <strong>{exported.fileName}</strong> ({formatBytes(exported.size)}). Its SHA-256 begins{' '}
            <code>{shortHash(exported.sha256)}</code>.
          </p>
          <p>
            <a href={href.submission(evaluationId, exported.id)}>See submission v{exported.version}</a>
          </p>
        </StatusMessage>
      ) : null}
      {exported ? (
        <ExportedFileGuidance fileName={exported.fileName} fingerprint={exported.document.signer.certificateFingerprint} />
      ) : null}

      <SubmissionList evaluationId={evaluationId} />
    </Layout>
  );
}

function IdList({ evaluationId, ids, one, many }: { evaluationId: string; ids: string[]; one: string; many: string }) {
  return (
    <details>
      <summary>
        {ids.length} {ids.length === 1 ? one : many}
      </summary>
      <ul className="inline-list">
        {ids.map((id) => (
          <li key={id}>
            <a href={href.criterion(evaluationId, id)}>{id}</a>
          </li>
        ))}
      </ul>
    </details>
  );
}
