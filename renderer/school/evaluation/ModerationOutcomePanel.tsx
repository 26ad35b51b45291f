import { useMemo } from 'react';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { schoolStanding, type StandingDate } from '../../../shared/moderation/school-standing';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useEvaluationLodgedAppeals } from '../../db/appeal-store';
import { useLatestSubmissionReport } from '../../db/received-report-queries';
import { todayIso } from '../../db/record-stamps';
import '../../styles/moderation.css';

/**
 * The dashboard's "Moderation outcome": where the school stands after the moderator's report on
 * its latest submission, with every date it must meet, soonest first. Nothing until there is one.
 */
export function ModerationOutcomePanel({ evaluationId }: { evaluationId: string }) {
  const { db } = useServices();
  const data = useLatestSubmissionReport(db, evaluationId);
  const appeals = useEvaluationLodgedAppeals(db, evaluationId);
  const report = data?.report ?? null;
  const standing = useMemo(() => {
    if (!report) return null;
    // The school's latest appeal about this submission (against the report or one it follows).
    const lodged = (appeals ?? [])
      .filter((a) => a.document.report.submissionId === report.document.submission.submissionId)
      .sort((a, b) => a.lodgedAt.localeCompare(b.lodgedAt))
      .pop();
    return schoolStanding(report, todayIso(), lodged ? { lodgedOn: lodged.lodgedAt.slice(0, 10) } : null);
  }, [report, appeals]);
  if (!report || !standing) return null;

  const overdue = standing.overdueCount;
  return (
    <section aria-labelledby="moderation-outcome-heading" className="panel outcome-panel" data-testid="moderation-outcome">
      <h2 id="moderation-outcome-heading">Moderation outcome</h2>
      <p className="outcome-panel__headline">{standing.headline}</p>
      <p>
        The moderator’s decision on submission v{standing.version}, made on {formatIsoDate(standing.decidedOn)}. Where it stands now:{' '}
        {standing.stateLabel}.
      </p>
      {overdue > 0 ? (
        <p className="notice notice--error" data-testid="moderation-overdue">
          {overdue === 1 ? 'One date' : `${overdue} dates`} below {overdue === 1 ? 'has' : 'have'} passed. Send what is still due to the
          moderator as soon as you can, or contact them to agree a new date.
        </p>
      ) : null}
      <dl className="summary-list">
        {standing.levelLabel ? (
          <div>
            <dt>Level awarded</dt>
            <dd>{standing.levelLabel}</dd>
          </div>
        ) : null}
        {standing.renewalDate ? (
          <div>
            <dt>Renewal due</dt>
            <dd>{formatIsoDate(standing.renewalDate)}</dd>
          </div>
        ) : null}
        {standing.resubmitBy ? (
          <div>
            <dt>Resubmit by</dt>
            <dd data-testid="moderation-resubmit-by">
              {standing.resubmitBy.overdue ? (
                <strong>{formatIsoDate(standing.resubmitBy.dueOn)}: overdue.</strong>
              ) : (
                formatIsoDate(standing.resubmitBy.dueOn)
              )}
            </dd>
          </div>
        ) : null}
        {standing.appealBy ? (
          <div>
            <dt>Appeal by</dt>
            <dd data-testid="moderation-appeal-by">
              {standing.appealBy.overdue
                ? `${formatIsoDate(standing.appealBy.dueOn)}: the time to appeal has ended.`
                : formatIsoDate(standing.appealBy.dueOn)}
            </dd>
          </div>
        ) : null}
      </dl>

      {standing.conditions.length > 0 ? (
        <>
          <h3>Conditions of the award, soonest first</h3>
          <ol data-testid="moderation-conditions">
            {standing.conditions.map((c, i) => (
              <li key={i}>
                {c.text} {c.dischargedOn ? <>Discharged on {formatIsoDate(c.dischargedOn)}.</> : <DueDate date={c} />}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      {standing.requests.length > 0 ? (
        <>
          <h3>Requests for more evidence, soonest first</h3>
          <ul data-testid="moderation-requests">
            {standing.requests.map((r) => (
              <li key={r.criterionId}>
                <a href={href.criterion(evaluationId, r.criterionId)}>{r.criterionId}</a>: {r.what} <DueDate date={r} />
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <p>
        <a href={href.receivedReport(evaluationId, standing.reportId)}>Read the full moderation report</a>, with the feedback and every
        criterion’s decision.
      </p>
    </section>
  );
}

/** "Due by 31 March 2027." or, once the day has passed, "Overdue: it was due by 1 December 2026." */
export function DueDate({ date }: { date: StandingDate }) {
  if (date.dueOn === '') return <>No date set.</>;
  if (date.overdue) return <strong>Overdue: it was due by {formatIsoDate(date.dueOn)}.</strong>;
  return <>Due by {formatIsoDate(date.dueOn)}.</>;
}
