import { useState } from 'react';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { shortHash } from '../../../shared/formats/sha256';
import {
  appealFieldProblems,
  appealFileName,
  appealWindow,
  buildAppealDocument,
  type AppealDocument,
  type AppealFieldProblems,
} from '../../../shared/moderation/appeal';
import type { School } from '../../../shared/school/school-records';
import { useServices } from '../../app/app-context';
import type { LodgedAppealRecord, ReceivedReportRecord } from '../../db/app-database';
import { newId, nowIso, todayIso } from '../../db/record-stamps';
import { recordLodgedAppeal, useLodgedAppeals } from '../../db/appeal-store';
import { schoolSigningSubject } from '../../db/signing-key-store';
import { UserFacingError } from '../../db/storage-errors';
import { useSignedExport } from '../../export/use-signed-export';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { StatusMessage } from '../../ui/StatusMessage';

/**
 * The school's appeal against a report it received: within the window, the grounds, what it
 * disputes and the head teacher's name, exported as an appeal PDF signed with the school's key;
 * after the window, the date it closed. The appeals lodged are listed, and the result once a
 * follow-up or later report carries it.
 */
export function LodgeAppealSection({ record, school }: { record: ReceivedReportRecord; school: School }) {
  const { db } = useServices();
  const appeals = useLodgedAppeals(db, record.id);
  const moderation = record.document;
  const window = appealWindow(moderation.outcome.appealBy, todayIso());
  const [grounds, setGrounds] = useState('');
  const [disputesOutcome, setDisputesOutcome] = useState(false);
  const [criteria, setCriteria] = useState<string[]>([]);
  const [headTeacher, setHeadTeacher] = useState('');
  const [problems, setProblems] = useState<AppealFieldProblems>({});
  const { job, cancel, busy, failure, exported, exportSigned } = useSignedExport<LodgedAppealRecord>({
    what: 'the appeal',
    cancelled: 'status',
  });
  const result = moderation.outcome.appealResult;

  const lodge = () => {
    const fields = { grounds, disputesOutcome, criterionIds: criteria, headTeacherName: headTeacher };
    const found = appealFieldProblems(fields, { document: moderation, fileSha256: record.fileSha256 }, todayIso());
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    let built: AppealDocument | null = null;
    void exportSigned(
      schoolSigningSubject(school),
      async (signing) => {
        const attempt = buildAppealDocument(
          {
            appealId: newId(),
            lodgedAt: nowIso(),
            fields,
            report: { document: moderation, fileSha256: record.fileSha256 },
          },
          signing.certificateFingerprint,
        );
        if (!attempt.ok) throw new UserFacingError(Object.values(attempt.problems).join(' '));
        built = attempt.document;
        return { kind: 'appeal', document: attempt.document, signing };
      },
      async ({ pdf, sha256 }) => {
        const document: AppealDocument | null = built;
        if (!document) return null;
        return recordLodgedAppeal(db, {
          id: document.appealId,
          schoolId: record.schoolId,
          evaluationId: record.evaluationId,
          reportId: record.id,
          lodgedAt: document.lodgedAt,
          fileName: appealFileName(document),
          fileSha256: sha256,
          document,
          pdf,
        });
      },
    );
  };

  const toggle = (id: string, on: boolean) => setCriteria((list) => (on ? [...list, id] : list.filter((c) => c !== id)));

  return (
    <section aria-labelledby="appeal-heading" data-testid="appeal-section">
      <h2 id="appeal-heading">Appeal against this outcome</h2>
      {result ? (
        <p data-testid="appeal-result">
          The school’s appeal, lodged on {formatIsoDate(result.lodgedOn)}, was{' '}
          <strong>{result.result === 'upheld' ? 'upheld' : 'not upheld'}</strong> on {formatIsoDate(result.decidedOn)}. Reasons:{' '}
          {result.reasons}
        </p>
      ) : null}
      {appeals && appeals.length > 0 ? (
        <ul data-testid="lodged-appeals">
          {appeals.map((a) => (
            <li key={a.id}>
              Appeal lodged on {longDateOfTime(a.lodgedAt)} by {a.document.headTeacherName}, saved as {a.fileName}
              {result?.appealId === a.id ? '.' : ': waiting for the moderator’s result.'}
            </li>
          ))}
        </ul>
      ) : null}
      <p data-testid="appeal-window">{window.message}</p>
      {window.open && !result ? (
        <form
          noValidate
          aria-labelledby="appeal-heading"
          onSubmit={(event) => {
            event.preventDefault();
            lodge();
          }}
        >
          <div className="field">
            <label htmlFor="appeal-grounds">Grounds of the appeal (required)</label>
            <p className="hint" id="appeal-grounds-hint">
              Why the school believes the decision is wrong, in plain words. Name the evidence the moderator should look at again.
            </p>
            <textarea
              id="appeal-grounds"
              rows={6}
              value={grounds}
              onChange={(e) => setGrounds(e.target.value)}
              aria-invalid={problems.grounds ? true : undefined}
              aria-describedby={problems.grounds ? 'appeal-grounds-hint appeal-grounds-error' : 'appeal-grounds-hint'}
            />
            {problems.grounds ? (
              <p className="field-error" id="appeal-grounds-error">
                {problems.grounds}
              </p>
            ) : null}
          </div>
          <fieldset aria-describedby={problems.disputes ? 'appeal-disputes-error' : undefined}>
            <legend>What the school disputes</legend>
            <div className="checkbox">
              <input id="appeal-outcome" type="checkbox" checked={disputesOutcome} onChange={(e) => setDisputesOutcome(e.target.checked)} />
              <label htmlFor="appeal-outcome">The outcome</label>
            </div>
            {moderation.criteria
              .filter((c) => c.decision !== null && c.decision !== 'agree')
              .map((c) => (
                <div className="checkbox" key={c.criterionId}>
                  <input
                    id={`appeal-${c.criterionId}`}
                    type="checkbox"
                    checked={criteria.includes(c.criterionId)}
                    onChange={(e) => toggle(c.criterionId, e.target.checked)}
                  />
                  <label htmlFor={`appeal-${c.criterionId}`}>The decision on {c.criterionId}</label>
                </div>
              ))}
            {problems.disputes ? (
              <p className="field-error" id="appeal-disputes-error">
                {problems.disputes}
              </p>
            ) : null}
          </fieldset>
          <div className="field">
            <label htmlFor="appeal-head">Head teacher’s name (required)</label>
            <input
              id="appeal-head"
              type="text"
              value={headTeacher}
              onChange={(e) => setHeadTeacher(e.target.value)}
              aria-invalid={problems.headTeacherName ? true : undefined}
              aria-describedby={problems.headTeacherName ? 'appeal-head-error' : undefined}
            />
            {problems.headTeacherName ? (
              <p className="field-error" id="appeal-head-error">
                {problems.headTeacherName}
              </p>
            ) : null}
          </div>
          {problems.window ? <StatusMessage kind="error">{problems.window}</StatusMessage> : null}
          {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
          {job.state === 'running' ? (
            <PdfJobProgress label="Signing the appeal" progress={job.progress} onCancel={cancel} />
          ) : (
            <div className="button-row">
              <button type="submit" className="button" disabled={busy}>
                Sign and export the appeal
              </button>
            </div>
          )}
        </form>
      ) : null}
      {exported ? (
        <StatusMessage kind="success" testId="appeal-exported" heading="Appeal exported" headingLevel={3}>
          <p>
            Saved as <strong>{exported.fileName}</strong>. Its SHA-256 begins <code>{shortHash(exported.fileSha256)}</code>. Send it to{' '}
            {moderation.moderator.organisation} by {window.open ? formatIsoDate(window.lastDay) : 'the last day to appeal'}.
          </p>
        </StatusMessage>
      ) : null}
    </section>
  );
}
