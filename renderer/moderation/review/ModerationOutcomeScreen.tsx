import { useState, type FormEvent } from 'react';
import { formatBytes } from '../../../shared/evidence/evidence-records';
import { levelLabel, type AppliedFramework } from '../../../shared/framework/applied-framework';
import { shortHash } from '../../../shared/formats/sha256';
import { moderationFileName } from '../../../shared/moderation/moderation-format';
import { decideOutcome, moderatedAward, renewalDate } from '../../../shared/moderation/moderation-outcome';
import {
  OUTCOME_KINDS,
  type ImportedSubmission,
  type ModerationOutcome,
  type ModeratorWorkspace,
  type OutcomeKind,
} from '../../../shared/moderation/moderation-records';
import { outcomeFormProblems, renewalYearsFor, reviewProgress, type OutcomeForm } from '../../../shared/moderation/moderation-review';
import type { Region } from '../../../shared/regions/regions';
import { submissionApplicabilityProfile, type SubmissionDocument } from '../../../shared/submission/submission-format';
import { useServices } from '../../app/app-context';
import { useModeratedSubmission, type ModerationRecords } from './use-moderated-submission';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { ErrorSummary, FieldError, type FieldProblem } from '../../ui/ErrorSummary';
import { FormField } from '../../ui/FormField';
import { ModeratedSubmissionLayout, SubmissionBreadcrumb } from './ModeratedSubmissionLayout';
import { PageHeading } from '../../ui/PageHeading';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import type { ModerationReportRecord } from '../../db/app-database';
import { useModerationReports } from '../../db/moderation-queries';
import { newId, nowIso } from '../../db/record-stamps';
import { StatusMessage } from '../../ui/StatusMessage';
import { loadReportInput, recordModerationReport, recordOutcome } from '../../db/moderation-store';
import { moderatorSigningSubject } from '../../db/signing-key-store';
import { describeStorageError } from '../../db/storage-errors';
import { useSignedExport } from '../../export/use-signed-export';
import { ModerationUnavailable } from './ModerationReviewScreen';
import '../../styles/moderation.css';

const OUTCOME_HINTS: Record<OutcomeKind, string> = {
  accredited: 'The school meets the standard at a level. A renewal date follows from your region’s renewal period.',
  'not-yet': 'The school does not meet the standard yet. Say in the feedback what it needs to do.',
  deferred: 'The decision waits, for example for more evidence or a visit.',
};

/** The outcome (accredited at a level, not yet, deferred) with feedback, then the signed moderation report. */
export function ModerationOutcomeScreen({ workspaceId, submissionId }: { workspaceId: string; submissionId: string }) {
  const context = useModeratedSubmission(workspaceId, submissionId);
  if (context.state !== 'ready') return <ModerationUnavailable context={context} />;
  const { submission, document, framework, records, workspace, region } = context;
  return (
    <ModeratedSubmissionLayout context={context} current="outcome">
      <SubmissionBreadcrumb submission={submission} />
      <PageHeading title={`Outcome for ${submission.schoolName}`}>Outcome and moderation report</PageHeading>
      <OutcomeSection submission={submission} document={document} framework={framework} records={records} region={region} />
      <ReportSection submission={submission} workspace={workspace} framework={framework} records={records} region={region} />
    </ModeratedSubmissionLayout>
  );
}

const FIELD_ORDER: readonly (keyof OutcomeForm)[] = ['kind', 'levelId', 'overrideReason', 'feedback'];
const FIELD_IDS: Record<keyof OutcomeForm, string> = {
  kind: 'outcome-kind-accredited',
  levelId: 'outcome-level',
  overrideReason: 'outcome-override',
  feedback: 'outcome-feedback',
};

function OutcomeSection({
  submission,
  document,
  framework,
  records,
  region,
}: {
  submission: ImportedSubmission;
  document: SubmissionDocument;
  framework: AppliedFramework;
  records: ModerationRecords;
  region: Region | null;
}) {
  const { db } = useServices();
  const award = moderatedAward(framework, document, records.moderations);
  const computedLevelId = award.achieved?.id ?? null;
  // Counted over the criteria that apply to the school, as the review screen counts them.
  const progress = reviewProgress(framework, records.moderations, submissionApplicabilityProfile(document.school));
  const recorded = records.outcome;
  const [form, setForm] = useState<OutcomeForm>(() => ({
    kind: recorded?.kind ?? '',
    levelId: recorded?.levelId ?? computedLevelId,
    overrideReason: recorded?.overrideReason ?? '',
    feedback: recorded?.feedback ?? '',
  }));
  const [errors, setErrors] = useState<Partial<Record<keyof OutcomeForm, string>>>({});
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const years = renewalYearsFor(region);
  const differs = form.kind === 'accredited' && form.levelId !== computedLevelId;
  const summary: FieldProblem[] = FIELD_ORDER.flatMap((field) => {
    const text = errors[field];
    return text ? [{ fieldId: FIELD_IDS[field], message: text }] : [];
  });
  const errorId = (field: keyof OutcomeForm) => `${FIELD_IDS[field]}-error`;
  const computedLabel = computedLevelId ? levelLabel(framework, computedLevelId) : 'no award level';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = outcomeFormProblems(form, computedLevelId, framework);
    setErrors(problems);
    setMessage(null);
    if (Object.keys(problems).length > 0 || form.kind === '') return;
    setBusy(true);
    try {
      const outcome = decideOutcome({ ...form, kind: form.kind }, computedLevelId, submission.key, nowIso(), years);
      await recordOutcome(db, outcome);
      setMessage({ kind: 'ok', text: `Outcome recorded: ${outcomeSentence(framework, outcome)}. You can now export the signed report.` });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the outcome') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">Outcome</h2>
      <div className="panel outcome-rules">
        <p>
          <strong>The award rules give {computedLabel}</strong> from the moderated judgements ({progress.reviewed} of {progress.total}{' '}
          criteria reviewed; criteria not reviewed count with the school’s own judgement, and those needing more evidence count as not met).
        </p>
        {award.next ? (
          <>
            <p>What stands between the school and {award.next.level.label}:</p>
            <ul>
              {award.next.blockers.map((b) => (
                <li key={b.explanation}>{b.explanation}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {recorded && recorded.computedLevelId !== computedLevelId ? (
        <p className="notice notice--warning">
          The moderated judgements have changed since the outcome was recorded: the rules gave{' '}
          {recorded.computedLevelId ? levelLabel(framework, recorded.computedLevelId) : 'no award level'} then and give {computedLabel} now.
          Record the outcome again before you export the report.
        </p>
      ) : null}
      <ErrorSummary problems={summary} />
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={`field${errors.kind ? ' field--error' : ''}`} aria-describedby={errors.kind ? errorId('kind') : undefined}>
          <legend>Outcome of the moderation</legend>
          <FieldError id={errorId('kind')} message={errors.kind} />
          {OUTCOME_KINDS.map((kind) => (
            <div key={kind.id}>
              <div className="radio">
                <input
                  type="radio"
                  id={`outcome-kind-${kind.id}`}
                  name="outcome-kind"
                  value={kind.id}
                  checked={form.kind === kind.id}
                  aria-describedby={`outcome-kind-${kind.id}-hint`}
                  onChange={() => setForm({ ...form, kind: kind.id })}
                />
                <label htmlFor={`outcome-kind-${kind.id}`}>{kind.label}</label>
                <p className="hint" id={`outcome-kind-${kind.id}-hint`}>
                  {OUTCOME_HINTS[kind.id]}
                </p>
              </div>
              {kind.id === 'accredited' && form.kind === 'accredited' ? (
                <div className="conditional">
                  <fieldset
                    className={`field${errors.levelId ? ' field--error' : ''}`}
                    aria-describedby={['outcome-level-hint', errors.levelId ? errorId('levelId') : ''].filter(Boolean).join(' ')}
                  >
                    <legend>Level</legend>
                    <p className="hint" id="outcome-level-hint">
                      The award rules give {computedLabel}. Choosing another level needs a reason.
                    </p>
                    <FieldError id={errorId('levelId')} message={errors.levelId} />
                    {framework.levels.map((level, index) => (
                      <div className="radio" key={level.id}>
                        <input
                          type="radio"
                          id={index === 0 ? 'outcome-level' : `outcome-level-${level.id}`}
                          name="outcome-level"
                          value={level.id}
                          checked={form.levelId === level.id}
                          onChange={() => setForm({ ...form, levelId: level.id })}
                        />
                        <label htmlFor={index === 0 ? 'outcome-level' : `outcome-level-${level.id}`}>
                          {level.label}
                          {level.id === computedLevelId ? <span className="muted"> (what the rules give)</span> : null}
                        </label>
                      </div>
                    ))}
                  </fieldset>
                  {differs ? (
                    <FormField
                      id="outcome-override"
                      label="Why the level differs from the one the rules give"
                      hint="The school reads this in the report."
                      error={errors.overrideReason}
                    >
                      {(control) => (
                        <textarea
                          {...control}
                          rows={3}
                          value={form.overrideReason}
                          onChange={(e) => setForm({ ...form, overrideReason: e.target.value })}
                        />
                      )}
                    </FormField>
                  ) : null}
                  <p data-testid="renewal-preview">
                    Renewal due {formatIsoDate(renewalDate(nowIso(), years))} if the outcome is recorded today: {years}{' '}
                    {years === 1 ? 'year' : 'years'}, the renewal period of {region?.name ?? 'the region'}.
                  </p>
                </div>
              ) : null}
            </div>
          ))}
        </fieldset>
        <FormField
          id="outcome-feedback"
          label="Feedback for the school"
          hint="Strengths, what to develop, and anything the school should do before renewal."
          error={errors.feedback}
        >
          {(control) => (
            <textarea {...control} rows={8} value={form.feedback} onChange={(e) => setForm({ ...form, feedback: e.target.value })} />
          )}
        </FormField>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {recorded ? 'Record the outcome again' : 'Record the outcome'}
          </button>
        </div>
        <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
          {message ? <p className={message.kind === 'error' ? 'notice notice--error' : 'notice notice--success'}>{message.text}</p> : null}
        </div>
      </form>
    </section>
  );
}

function outcomeSentence(framework: AppliedFramework, outcome: ModerationOutcome): string {
  if (outcome.kind === 'accredited' && outcome.levelId) {
    return `accredited at ${levelLabel(framework, outcome.levelId)}, renewal due ${formatIsoDate(outcome.renewalDate)}`;
  }
  return (OUTCOME_KINDS.find((k) => k.id === outcome.kind)?.label ?? outcome.kind).toLowerCase();
}

function ReportSection({
  submission,
  workspace,
  framework,
  records,
  region,
}: {
  submission: ImportedSubmission;
  workspace: ModeratorWorkspace;
  framework: AppliedFramework;
  records: ModerationRecords;
  region: Region | null;
}) {
  const { db } = useServices();
  const reports = useModerationReports(db, submission.key);
  const { job, cancel, busy, failure, notice, exported, exportSigned, saveAgain } = useSignedExport<ModerationReportRecord>({
    what: 'the moderation report',
    cancelled: 'status',
  });
  const outcome = records.outcome;

  const exportReport = () =>
    exportSigned(
      moderatorSigningSubject(workspace),
      async (signing) => {
        const input = await loadReportInput(db, submission.key, framework, {
          reportId: newId(),
          createdAt: nowIso(),
          regionName: region?.name ?? workspace.regionId,
        });
        return { kind: 'moderation-report', input, signing };
      },
      async ({ moderation, pdf, size, sha256 }) =>
        moderation
          ? recordModerationReport(db, submission.key, workspace.id, moderation, moderationFileName(moderation), pdf, size, sha256)
          : null,
    );

  return (
    <section aria-labelledby="report-heading">
      <h2 id="report-heading">The signed moderation report</h2>
      <p>
        One PDF for the school: the outcome, your feedback, every criterion with your decision and comment, the requests for more evidence
        and the visit. It names the exact submission file you moderated and is signed with your workspace’s key; the school’s app checks
        both before it shows the report.
      </p>
      {outcome ? null : (
        <p className="notice" id="report-needs-outcome">
          Record the outcome first: the report carries it.
        </p>
      )}
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
      {job.state === 'running' ? (
        <PdfJobProgress label="Exporting the signed moderation report" progress={job.progress} onCancel={cancel} />
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={!outcome || busy}
            aria-describedby={outcome ? undefined : 'report-needs-outcome'}
            onClick={() => void exportReport()}
          >
            Export the signed moderation report
          </button>
        </div>
      )}
      {exported ? (
        <StatusMessage kind="success" testId="report-exported" heading="Moderation report exported" headingLevel={3}>
          <p>
            Saved as <strong>{exported.fileName}</strong> ({formatBytes(exported.size)}). Its SHA-256 begins{' '}
            <code>{shortHash(exported.sha256)}</code>. Send it to the school.
          </p>
        </StatusMessage>
      ) : null}
      {reports && reports.length > 0 ? (
        <>
          <h3>Reports exported for this submission</h3>
          <ul className="report-list" data-testid="report-list">
            {[...reports].reverse().map((report) => (
              <li key={report.id}>
                {report.fileName}, exported {formatIsoDate(report.createdAt.slice(0, 10))} ({formatBytes(report.size)}){' '}
                <button type="button" className="button button--link" onClick={() => void saveAgain(report)}>
                  Save again <span className="visually-hidden">{report.fileName}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div role="status" aria-live="polite" className="inline-status">
        {notice ? <p>{notice}</p> : null}
      </div>
    </section>
  );
}
