import { useState } from 'react';
import { levelLabel, scalePoint } from '../../../shared/framework/applied-framework';
import { shortHash } from '../../../shared/formats/sha256';
import { moderationFileName } from '../../../shared/moderation/moderation-format';
import { FEEDBACK_LISTS } from '../../../shared/moderation/moderation-outcome';
import { outcomeHeadline } from '../../../shared/moderation/moderation-records';
import { decisionText } from '../../../shared/moderation/moderation-review';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { useReceivedReport } from '../../db/received-report-queries';
import { describeStorageError } from '../../db/storage-errors';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { LodgeAppealSection } from './LodgeAppealSection';
import '../../styles/moderation.css';

/** A moderation report the school imported: the outcome, the feedback, and the moderation beside the school's own judgements. */
export function ReceivedReportScreen({ evaluationId, reportId }: { evaluationId: string; reportId: string }) {
  const { db, platform } = useServices();
  const context = useEvaluation(evaluationId);
  const data = useReceivedReport(db, reportId);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  if (!data) return <LoadingOrMissing state="loading" what="moderation report" />;
  const { record } = data;
  if (!record || record.evaluationId !== evaluationId) return <LoadingOrMissing state="missing" what="moderation report" />;
  const { school, framework, evaluation } = context;
  const moderation = record.document;
  const { outcome } = moderation;
  const headline = outcomeHeadline(outcome.kind, outcome.levelLabel);
  // A deferral's dated requests; a report without them lists each "more evidence needed" decision.
  const dated = outcome.evidenceRequests ?? [];
  const requests =
    dated.length > 0
      ? dated.map((r) => ({ criterionId: r.criterionId, comment: r.what, dueOn: r.dueOn }))
      : moderation.criteria.filter((c) => c.decision === 'more-evidence').map((c) => ({ ...c, dueOn: '' }));
  const conditions = outcome.conditions ?? [];
  const feedbackLists = FEEDBACK_LISTS.map((list) => ({ ...list, items: outcome[list.field] ?? [] })).filter((l) => l.items.length > 0);
  const rows = onlyChanged
    ? moderation.criteria.filter((c) => c.decision === 'moderated' || c.decision === 'more-evidence')
    : moderation.criteria;

  const saveCopy = async () => {
    setMessage(null);
    try {
      const name = moderationFileName(moderation);
      const result = await platform.saveFile(name, record.pdf);
      if (result === 'saved') setMessage({ kind: 'ok', text: `Saved ${name}.` });
    } catch (error) {
      setMessage({ kind: 'error', text: describeStorageError(error, 'the report') });
    }
  };

  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'submit', framework.criteria[0]?.id)}>
      <p className="breadcrumb">
        <a href={href.school(school.id)}>{school.name}</a> › <a href={href.dashboard(evaluationId)}>{evaluation.title}</a> ›{' '}
        <a href={href.moderationReports(school.id)}>Moderation reports</a>
      </p>
      <PageHeading title={`Moderation of submission v${moderation.submission.version}`}>
        Moderation of submission v{moderation.submission.version}
      </PageHeading>
      {moderation.followsReport ? (
        <p data-testid="follow-up-note">
          This is a follow-up to report {moderation.followsReport.reportId}: it records the conditions discharged and any appeal’s result
          since then. Everything else is as that report said.
        </p>
      ) : null}

      <div className="panel outcome-panel" data-testid="received-outcome">
        <p className="outcome-panel__headline">{headline}</p>
        <dl className="summary-list">
          {outcome.renewalDate ? (
            <div>
              <dt>Renewal due</dt>
              <dd>{formatIsoDate(outcome.renewalDate)}</dd>
            </div>
          ) : null}
          {outcome.resubmitBy ? (
            <div>
              <dt>Resubmit by</dt>
              <dd>{formatIsoDate(outcome.resubmitBy)}</dd>
            </div>
          ) : null}
          {outcome.appealBy ? (
            <div>
              <dt>Appeal by</dt>
              <dd>
                {formatIsoDate(outcome.appealBy)}, to {moderation.moderator.organisation}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Decided</dt>
            <dd>{longDateOfTime(outcome.decidedAt)}</dd>
          </div>
          <div>
            <dt>Moderator</dt>
            <dd>
              {moderation.moderator.name}, {moderation.moderator.organisation} ({moderation.moderator.regionName})
            </dd>
          </div>
          {outcome.overrideReason ? (
            <div>
              <dt>
                Why the level differs from the award rules (
                {outcome.computedLevelId ? levelLabel(framework, outcome.computedLevelId) : 'no level'})
              </dt>
              <dd className="prose">{outcome.overrideReason}</dd>
            </div>
          ) : null}
          <div>
            <dt>Signed with the key</dt>
            <dd>
              <code className="hash">{shortHash(record.signerFingerprint, 16)}</code>
            </dd>
          </div>
        </dl>
      </div>

      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => void saveCopy()}>
          Save a copy of the report PDF
        </button>
      </div>
      <div role={message?.kind === 'error' ? 'alert' : 'status'} aria-live="polite" className="inline-status">
        {message ? <p className={message.kind === 'error' ? 'notice notice--error' : undefined}>{message.text}</p> : null}
      </div>

      {conditions.length > 0 ? (
        <>
          <h2>Conditions of the award</h2>
          <ol data-testid="received-conditions">
            {conditions.map((c, i) => (
              <li key={i}>
                {c.text}{' '}
                {c.dischargedOn ? (
                  <>
                    <strong>Discharged on {formatIsoDate(c.dischargedOn)}</strong>
                    {c.dischargeNote ? `: ${c.dischargeNote}` : '.'}
                  </>
                ) : (
                  <strong>Due by {formatIsoDate(c.dueOn)}.</strong>
                )}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      <LodgeAppealSection record={record} school={school} />

      <h2>Feedback</h2>
      {feedbackLists.map((list) => (
        <section key={list.field} aria-labelledby={`received-${list.field}`}>
          <h3 id={`received-${list.field}`}>{list.label}</h3>
          <ul>
            {list.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </section>
      ))}
      {feedbackLists.length > 0 ? <h3>Summary</h3> : null}
      <p className="prose">{outcome.feedback || 'No feedback written.'}</p>

      <h2>Requests for more evidence</h2>
      {requests.length === 0 ? (
        <p>None: the evidence the moderator saw was enough for every criterion.</p>
      ) : (
        <>
          <ul>
            {requests.map((c) => (
              <li key={c.criterionId}>
                <a href={href.criterion(evaluationId, c.criterionId)}>{c.criterionId}</a>: {c.comment || 'Please send further evidence.'}
                {c.dueOn ? <strong> Due by {formatIsoDate(c.dueOn)}.</strong> : null}
              </li>
            ))}
          </ul>
          <p>
            Each is an action in your <a href={href.actions(evaluationId)}>action plan</a>, for you to add who will send it and by when.
          </p>
        </>
      )}

      {moderation.visit ? (
        <>
          <h2>The visit</h2>
          <dl className="summary-list">
            <div>
              <dt>Date</dt>
              <dd>{moderation.visit.visitDate ? formatIsoDate(moderation.visit.visitDate) : 'Not set'}</dd>
            </div>
            <div>
              <dt>Criteria seen</dt>
              <dd>{moderation.visit.criterionIds.join(', ') || 'None'}</dd>
            </div>
          </dl>
          {moderation.visit.notes ? <p className="prose">{moderation.visit.notes}</p> : null}
        </>
      ) : null}

      <h2>Criterion by criterion</h2>
      <div className="checkbox">
        <input id="only-changed" type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
        <label htmlFor="only-changed">Show only the criteria the moderator changed or asked about</label>
      </div>
      <ScrollRegion label="Your judgements and the moderation">
        <table className="table moderation-table" data-testid="moderation-beside-judgements">
          <caption>Your judgements and the moderation, {rows.length} criteria</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Your judgement</th>
              <th scope="col">Moderation</th>
              <th scope="col">Moderator’s comment</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.criterionId} className={c.decision === 'moderated' || c.decision === 'more-evidence' ? 'row--changed' : undefined}>
                <th scope="row">
                  <a href={href.criterion(evaluationId, c.criterionId)}>{c.criterionId}</a>
                </th>
                <td>{scalePoint(framework, c.schoolJudgement)?.label ?? 'Not judged'}</td>
                <td>{decisionText(framework, c.decision, c.moderatedJudgement, 'Accepted on the desk review')}</td>
                <td className="prose-cell">{c.comment || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Layout>
  );
}
