import { useState } from 'react';
import { shortHash } from '../../../shared/formats/sha256';
import { signerIdentity, type TrustQuestion } from '../../../shared/moderation/first-use-trust';
import type { VerifiedReport } from '../../../shared/moderation/moderation-report-verifier';
import { outcomeHeadline, type OutcomeKind } from '../../../shared/moderation/moderation-records';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { SignerConfirmation } from '../../ui/SignerConfirmation';
import { useSchoolReports } from '../../db/received-report-queries';
import { StatusMessage } from '../../ui/StatusMessage';
import { checkReportFile, importReceivedReport, type ReportImportResult } from '../../db/received-report-store';
import { describeStorageError } from '../../db/storage-errors';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import '../../styles/moderation.css';
import { FileChooserField } from '../../ui/FileChooserField';

type ImportState =
  | { state: 'idle' }
  | { state: 'checking'; fileName: string }
  | { state: 'rejected'; fileName: string; message: string }
  | { state: 'ask'; fileName: string; file: Blob; report: VerifiedReport; question: TrustQuestion; storing: boolean }
  | { state: 'refused'; fileName: string; question: TrustQuestion['kind'] }
  | { state: 'done'; fileName: string; result: Exclude<ReportImportResult, { outcome: 'needs-decision' }> };

/**
 * A school's moderation reports: import the signed report a moderator sent (checked, and only if
 * it is about one of this school's own submissions), and the reports already imported.
 */
export function ModerationReportsScreen({ schoolId }: { schoolId: string }) {
  const { db, verifyJobs } = useServices();
  const data = useSchoolReports(db, schoolId);
  const [state, setState] = useState<ImportState>({ state: 'idle' });

  if (!data) return <LoadingOrMissing state="loading" what="school" />;
  const { school, reports, evaluations } = data;
  if (!school) return <LoadingOrMissing state="missing" what="school" />;
  const evaluationTitle = new Map(evaluations.map((e) => [e.id, e.title]));

  const store = async (fileName: string, file: Blob, report: VerifiedReport, confirmedFingerprint: string | null) => {
    try {
      const result = await importReceivedReport(db, { schoolId, report, pdf: file, confirmedFingerprint });
      // The pin changed since the file was checked (another window): ask again, about what is pinned now.
      if (result.outcome === 'needs-decision')
        setState({ state: 'ask', fileName, file, report, question: result.question, storing: false });
      else setState({ state: 'done', fileName, result });
    } catch (error) {
      setState({ state: 'rejected', fileName, message: describeStorageError(error, 'the moderation report') });
    }
  };

  const check = async (file: File) => {
    setState({ state: 'checking', fileName: file.name });
    try {
      const checked = await checkReportFile(db, verifyJobs, schoolId, file);
      if (checked.kind === 'rejected') {
        setState({ state: 'rejected', fileName: file.name, message: checked.message });
        return;
      }
      if (checked.trust.kind === 'ask') {
        setState({ state: 'ask', fileName: file.name, file, report: checked.report, question: checked.trust.question, storing: false });
        return;
      }
      await store(file.name, file, checked.report, null);
    } catch (error) {
      setState({ state: 'rejected', fileName: file.name, message: describeStorageError(error, 'the moderation report') });
    }
  };

  return (
    <Layout workspaceName={school.name}>
      <p className="breadcrumb">
        <a href={href.school(school.id)}>{school.name}</a>
      </p>
      <PageHeading title={`Moderation reports for ${school.name}`}>Moderation reports</PageHeading>
      <p>
        When your submission has been moderated, the moderator sends you a signed report as a PDF. Import it here: the app checks the
        moderator’s signature and that the report is about a submission this school exported, then shows the moderation beside your own
        judgements. Each request for more evidence becomes an action in your plan.
      </p>

      <section aria-labelledby="import-report-heading" className="panel">
        <h2 id="import-report-heading">Import a moderation report</h2>
        <FileChooserField
          id="report-file"
          label="Choose the moderation report (PDF)"
          accept="application/pdf,.pdf"
          disabled={state.state === 'checking' || (state.state === 'ask' && state.storing)}
          onFile={(file) => void check(file)}
        />
        <ImportMessage
          state={state}
          onDecide={(accept) => {
            if (state.state !== 'ask' || state.storing) return;
            if (accept) {
              setState({ ...state, storing: true });
              void store(state.fileName, state.file, state.report, state.question.fingerprint);
            } else setState({ state: 'refused', fileName: state.fileName, question: state.question.kind });
          }}
        />
      </section>

      <section aria-labelledby="received-heading">
        <h2 id="received-heading">Reports imported</h2>
        {reports.length === 0 ? (
          <p>No moderation report imported yet.</p>
        ) : (
          <ul className="card-list" data-testid="received-reports">
            {[...reports]
              .sort((a, b) => b.importedAt.localeCompare(a.importedAt))
              .map((report) => (
                <li key={report.id} className="card">
                  <h3>
                    <a href={href.receivedReport(report.evaluationId, report.id)}>
                      {evaluationTitle.get(report.evaluationId) ?? 'Evaluation'}, submission v{report.document.submission.version}
                    </a>
                  </h3>
                  <p>
                    {outcomeLabel(report.document.outcome.kind, report.document.outcome.levelLabel)} · by {report.document.moderator.name},{' '}
                    {report.document.moderator.organisation} · imported {longDateOfTime(report.importedAt)}
                  </p>
                </li>
              ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

function outcomeLabel(kind: OutcomeKind, levelLabel: string): string {
  return outcomeHeadline(kind, levelLabel);
}

function ImportMessage({ state, onDecide }: { state: ImportState; onDecide: (accept: boolean) => void }) {
  if (state.state === 'idle') return <div role="status" aria-live="polite" className="inline-status" />;
  if (state.state === 'checking') {
    return (
      <div role="status" aria-live="polite">
        <p>Checking {state.fileName}…</p>
      </div>
    );
  }
  if (state.state === 'rejected') {
    return (
      <StatusMessage kind="error" testId="report-rejected">
        <p>
          {state.fileName} was not imported. {state.message}
        </p>
      </StatusMessage>
    );
  }
  if (state.state === 'refused') {
    return (
      <StatusMessage kind="information">
        {state.question === 'first-use' ? (
          <p>
            You did not trust the key. Nothing from {state.fileName} was imported. If the report is genuine, ask the moderator to read you
            the fingerprint of their key, then import it again.
          </p>
        ) : (
          <p>
            You refused the new key. Nothing from {state.fileName} was imported. Ask the moderator whether they changed computer or key.
          </p>
        )}
      </StatusMessage>
    );
  }
  if (state.state === 'ask' && state.question.kind === 'first-use') {
    const { moderation } = state.report;
    return (
      <StatusMessage
        kind="warning"
        className="key-decision"
        testId="first-use-report"
        heading="A moderator key this school has not seen before"
        headingLevel={3}
      >
        <p>
          This report says it is from{' '}
          {`${moderation.moderator.name}, ${moderation.moderator.organisation} (${moderation.moderator.regionName})`}. No report from{' '}
          {moderation.moderator.organisation} has been imported for this school before, so the app cannot yet tell whether the key that
          signed it is really theirs.
        </p>
        <SignerConfirmation
          identity={signerIdentity(state.report.certificate)}
          sender="the moderator"
          fileName={state.fileName}
          busy={state.storing}
          onAnswer={onDecide}
        />
      </StatusMessage>
    );
  }
  if (state.state === 'ask') {
    const { moderation, certificate } = state.report;
    const pinnedFingerprint = state.question.kind === 'different-key' ? state.question.pinnedFingerprint : '';
    return (
      <StatusMessage
        kind="warning"
        className="key-decision"
        testId="different-key"
        heading="The moderator’s key has changed"
        headingLevel={3}
        actions={
          <>
            <button type="button" className="button" disabled={state.storing} onClick={() => onDecide(true)}>
              Accept the new key and import
            </button>
            <button type="button" className="button button--secondary" disabled={state.storing} onClick={() => onDecide(false)}>
              Refuse: import nothing
            </button>
          </>
        }
      >
        <p>
          {moderation.moderator.organisation} signed this report with a different key from the one it used before. That happens when a
          moderator moves to a new computer, but it could also mean someone else made the report. Check the fingerprint with the moderator,
          by phone or in person, before you accept it.
        </p>
        <dl className="summary-list">
          <div>
            <dt>Key used before</dt>
            <dd>
              <code className="hash">{shortHash(pinnedFingerprint, 16)}</code>
            </dd>
          </div>
          <div>
            <dt>Key on this report</dt>
            <dd>
              <code className="hash">{shortHash(certificate.fingerprint, 16)}</code> ({moderation.moderator.name})
            </dd>
          </div>
        </dl>
      </StatusMessage>
    );
  }
  const { result } = state;
  const { record } = result;
  return (
    <StatusMessage kind="success" testId="report-imported">
      {result.outcome === 'already-imported' ? (
        <p>This report was imported before. Nothing was added again.</p>
      ) : (
        <p>
          Imported the moderation of submission v{record.document.submission.version} by {record.document.moderator.name}.{' '}
          {result.requestsNotPlanned > 0
            ? `Its ${result.requestsNotPlanned === 1 ? 'request' : `${result.requestsNotPlanned} requests`} for more evidence ${result.requestsNotPlanned === 1 ? 'was' : 'were'} not added to the action plan, because this evaluation is on a historic edition and can no longer be changed. Carry it forward into the current edition to plan ${result.requestsNotPlanned === 1 ? 'it' : 'them'} there.`
            : result.actionsCreated === 0
              ? 'It asks for no more evidence.'
              : `${result.actionsCreated} ${result.actionsCreated === 1 ? 'request' : 'requests'} for more evidence became ${result.actionsCreated === 1 ? 'an action' : 'actions'} in your plan.`}
        </p>
      )}
      <p>
        <a href={href.receivedReport(record.evaluationId, record.id)}>See the moderation beside your judgements</a>
      </p>
    </StatusMessage>
  );
}
