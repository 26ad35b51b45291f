import { useState } from 'react';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { shortHash } from '../../../shared/formats/sha256';
import type { AppealResolutionFields } from '../../../shared/moderation/appeal';
import { buildFollowUpDocument } from '../../../shared/moderation/follow-up-report';
import { moderationFileName } from '../../../shared/moderation/moderation-format';
import type { ImportedSubmission, ModerationOutcome, ModeratorWorkspace } from '../../../shared/moderation/moderation-records';
import { useServices } from '../../app/app-context';
import type { ModerationReportRecord, ModeratorAppealRecord } from '../../db/app-database';
import {
  appealResultForReport,
  checkAppealFile,
  importModeratorAppeal,
  recordAppealResult,
  recordConditionDischarge,
  useSubmissionAppeals,
} from '../../db/appeal-store';
import { useModerationReports } from '../../db/moderation-queries';
import { recordModerationReport } from '../../db/moderation-store';
import { newId, nowIso, todayIso } from '../../db/record-stamps';
import { moderatorSigningSubject } from '../../db/signing-key-store';
import { describeStorageError, UserFacingError } from '../../db/storage-errors';
import { useSignedExport } from '../../export/use-signed-export';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { DateField } from '../../ui/DateField';
import { StatusMessage } from '../../ui/StatusMessage';

/**
 * After the report: discharge the award's conditions and export a signed follow-up; import the
 * school's appeal and record its result, which the next follow-up carries back to the school.
 */
export function FollowUpAndAppealsSection({
  submission,
  workspace,
  framework,
  outcome,
}: {
  submission: ImportedSubmission;
  workspace: ModeratorWorkspace;
  framework: AppliedFramework;
  outcome: ModerationOutcome;
}) {
  const { db } = useServices();
  const reports = useModerationReports(db, submission.key);
  const appeals = useSubmissionAppeals(db, submission.key);
  const latest = reports && reports.length > 0 ? reports[reports.length - 1] : undefined;
  const { job, cancel, busy, failure, exported, exportSigned } = useSignedExport<ModerationReportRecord>({
    what: 'the follow-up report',
    cancelled: 'status',
  });
  const [message, setMessage] = useState<string | null>(null);
  if (!latest) return null;
  const conditions = outcome.kind === 'accredited-with-conditions' ? (outcome.conditions ?? []) : [];

  const exportFollowUp = () => {
    setMessage(null);
    void exportSigned(
      moderatorSigningSubject(workspace),
      async (signing) => {
        const built = buildFollowUpDocument(
          {
            previous: latest.document,
            previousSha256: latest.sha256,
            reportId: newId(),
            createdAt: nowIso(),
            conditions: latest.document.outcome.kind === 'accredited-with-conditions' ? conditions : [],
            appealResult: appealResultForReport(appeals ?? []),
          },
          signing.certificateFingerprint,
        );
        if (!built.ok) throw new UserFacingError(built.message);
        return { kind: 'moderation-follow-up', document: built.document, framework, signing };
      },
      async ({ moderation, pdf, size, sha256 }) =>
        moderation
          ? recordModerationReport(db, submission.key, workspace.id, moderation, moderationFileName(moderation), pdf, size, sha256)
          : null,
    );
  };

  return (
    <section aria-labelledby="follow-up-heading" data-testid="follow-up-section">
      <h2 id="follow-up-heading">After the report: conditions, appeals and follow-up</h2>
      {conditions.length > 0 ? (
        <>
          <h3>Conditions of the award</h3>
          <ol data-testid="moderator-conditions">
            {conditions.map((c, i) => (
              <li key={i}>
                {c.text}{' '}
                {c.dischargedOn ? (
                  <strong>
                    Discharged on {formatIsoDate(c.dischargedOn)}
                    {c.dischargeNote ? `: ${c.dischargeNote}` : ''}
                  </strong>
                ) : (
                  <>
                    Due by {formatIsoDate(c.dueOn)}.
                    <DischargeForm submissionKey={submission.key} index={i} />
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      <AppealsPart workspaceId={workspace.id} appeals={appeals ?? []} />

      <h3>Signed follow-up report</h3>
      <p>
        A follow-up names the report it follows ({latest.fileName}) by its id and SHA-256 and records only what has happened since: the
        conditions discharged and the result of an appeal. The school imports it like a report.
      </p>
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
      {message ? <StatusMessage kind="error">{message}</StatusMessage> : null}
      {job.state === 'running' ? (
        <PdfJobProgress label="Exporting the signed follow-up report" progress={job.progress} onCancel={cancel} />
      ) : (
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={exportFollowUp}>
            Export the signed follow-up report
          </button>
        </div>
      )}
      {exported ? (
        <StatusMessage kind="success" testId="follow-up-exported" heading="Follow-up report exported" headingLevel={3}>
          <p>
            Saved as <strong>{exported.fileName}</strong>. Its SHA-256 begins <code>{shortHash(exported.sha256)}</code>. Send it to the
            school.
          </p>
        </StatusMessage>
      ) : null}
    </section>
  );
}

function DischargeForm({ submissionKey, index }: { submissionKey: string; index: number }) {
  const { db } = useServices();
  const [day, setDay] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = `discharge-${index}`;
  const save = async () => {
    setProblem(null);
    try {
      const result = await recordConditionDischarge(db, submissionKey, index, { dischargedOn: day, note }, todayIso());
      if (!result.ok) setProblem(result.message);
    } catch (error) {
      setProblem(describeStorageError(error, 'the condition'));
    }
  };
  return (
    <fieldset className="discharge-form">
      <legend>Record condition {index + 1} as discharged</legend>
      <DateField id={`${id}-date`} legend={`Date condition ${index + 1} was discharged`} value={day} onChange={setDay} />
      <div className="field">
        <label htmlFor={`${id}-note`}>What the school showed</label>
        <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div role="alert">{problem ? <p className="field-error">{problem}</p> : null}</div>
      <button type="button" className="button button--secondary" onClick={() => void save()}>
        Record condition {index + 1} as discharged
      </button>
    </fieldset>
  );
}

function AppealsPart({ workspaceId, appeals }: { workspaceId: string; appeals: readonly ModeratorAppealRecord[] }) {
  const { db, verifyJobs } = useServices();
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const importFile = async (file: File) => {
    setStatus(null);
    try {
      const check = await checkAppealFile(db, verifyJobs, workspaceId, file);
      if (check.kind === 'rejected') {
        setStatus({ kind: 'error', text: `The appeal was not imported. ${check.message}` });
        return;
      }
      const done = await importModeratorAppeal(db, { workspaceId, check, pdf: file });
      setStatus({
        kind: 'success',
        text:
          done.outcome === 'imported'
            ? `Appeal imported: lodged by ${done.record.document.headTeacherName} on ${longDateOfTime(done.record.document.lodgedAt)}. The submission now reads Appealed.`
            : 'This appeal was already imported: nothing changed.',
      });
    } catch (error) {
      setStatus({ kind: 'error', text: describeStorageError(error, 'the appeal') });
    }
  };
  return (
    <>
      <h3>Appeals</h3>
      {appeals.length === 0 ? <p>No appeal has been imported for this submission.</p> : null}
      <ul data-testid="moderator-appeals">
        {appeals.map((a) => (
          <li key={a.id}>
            <p>
              <strong>{a.result ? `Resolved: ${a.result.result === 'upheld' ? 'upheld' : 'not upheld'}` : 'Appealed'}</strong>. Lodged on{' '}
              {longDateOfTime(a.document.lodgedAt)} by {a.document.headTeacherName}, disputing{' '}
              {[
                ...(a.document.disputes.outcome ? ['the outcome'] : []),
                ...a.document.disputes.criterionIds.map((id) => `the decision on ${id}`),
              ].join(' and ')}
              .
            </p>
            <p>Grounds: {a.document.grounds}</p>
            {a.result ? (
              <p>
                Decided on {formatIsoDate(a.result.decidedOn)}: {a.result.reasons}
              </p>
            ) : (
              <AppealResultForm appeal={a} />
            )}
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor="appeal-file">Import a school’s signed appeal (PDF)</label>
        <input
          id="appeal-file"
          type="file"
          accept="application/pdf,.pdf"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
      </div>
      <div role="status" aria-live="polite" data-testid="appeal-import-status">
        {status ? <p className={status.kind === 'error' ? 'field-error' : undefined}>{status.text}</p> : null}
      </div>
    </>
  );
}

function AppealResultForm({ appeal }: { appeal: ModeratorAppealRecord }) {
  const { db } = useServices();
  const [fields, setFields] = useState<AppealResolutionFields>({ result: '', reasons: '', decidedOn: todayIso() });
  const [problems, setProblems] = useState<Partial<Record<keyof AppealResolutionFields, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const id = `appeal-result-${appeal.id}`;
  const save = async () => {
    setFailure(null);
    try {
      const result = await recordAppealResult(db, appeal.id, fields, todayIso());
      setProblems(result.ok ? {} : result.problems);
    } catch (error) {
      setFailure(describeStorageError(error, 'the appeal’s result'));
    }
  };
  return (
    <fieldset aria-describedby={problems.result ? `${id}-result-error` : undefined}>
      <legend>Record the appeal’s result</legend>
      <div className="radio">
        <input
          id={`${id}-upheld`}
          type="radio"
          name={id}
          checked={fields.result === 'upheld'}
          onChange={() => setFields({ ...fields, result: 'upheld' })}
        />
        <label htmlFor={`${id}-upheld`}>Upheld</label>
      </div>
      <div className="radio">
        <input
          id={`${id}-not-upheld`}
          type="radio"
          name={id}
          checked={fields.result === 'not-upheld'}
          onChange={() => setFields({ ...fields, result: 'not-upheld' })}
        />
        <label htmlFor={`${id}-not-upheld`}>Not upheld</label>
      </div>
      {problems.result ? (
        <p className="field-error" id={`${id}-result-error`}>
          {problems.result}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-reasons`}>Reasons, for the school</label>
        <textarea
          id={`${id}-reasons`}
          rows={3}
          value={fields.reasons}
          onChange={(e) => setFields({ ...fields, reasons: e.target.value })}
          aria-invalid={problems.reasons ? true : undefined}
          aria-describedby={problems.reasons ? `${id}-reasons-error` : undefined}
        />
        {problems.reasons ? (
          <p className="field-error" id={`${id}-reasons-error`}>
            {problems.reasons}
          </p>
        ) : null}
      </div>
      <DateField
        id={`${id}-date`}
        legend="Date the appeal was decided"
        value={fields.decidedOn}
        onChange={(decidedOn) => setFields({ ...fields, decidedOn })}
        error={problems.decidedOn}
      />
      <div role="alert">
        {Object.keys(problems).length > 0 ? (
          <p className="field-error">The result was not recorded: {Object.values(problems).join(' ')}</p>
        ) : null}
      </div>
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
      <button type="button" className="button button--secondary" onClick={() => void save()}>
        Record the result
      </button>
    </fieldset>
  );
}
