import { memo, useMemo } from 'react';
import { scalePoint, type AppliedFramework } from '../../../shared/framework/applied-framework';
import { criterionDecisionForSchool } from '../../../shared/moderation/school-standing';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { useLatestSubmissionReport } from '../../db/received-report-queries';
import { todayIso } from '../../db/record-stamps';
import { DueDate } from './ModerationOutcomePanel';

/**
 * On a criterion's screen, read only: the moderator's decision on this criterion and their comment,
 * from the report on the school's latest submission. Nothing when that report has no decision on it.
 */
export const ModeratorDecisionOnCriterion = memo(function ModeratorDecisionOnCriterion({
  evaluationId,
  criterionId,
  framework,
}: {
  evaluationId: string;
  criterionId: string;
  framework: AppliedFramework;
}) {
  const { db } = useServices();
  const data = useLatestSubmissionReport(db, evaluationId);
  const report = data?.report ?? null;
  const decision = useMemo(
    () => (report ? criterionDecisionForSchool(report, criterionId, (id) => scalePoint(framework, id)?.label ?? null, todayIso()) : null),
    [report, criterionId, framework],
  );
  if (!decision) return null;

  return (
    <section aria-labelledby="moderator-decision-heading" className="panel" data-testid="moderator-decision">
      <h2 id="moderator-decision-heading">Moderator’s decision</h2>
      <dl className="summary-list">
        <div>
          <dt>Decision on submission v{decision.version}</dt>
          <dd>
            <strong>{decision.decision}</strong>
            {decision.carriedFromVersion !== null ? ` (carried over from v${decision.carriedFromVersion}, where nothing changed)` : null}
          </dd>
        </div>
        <div>
          <dt>Moderator’s comment</dt>
          <dd className="prose">{decision.comment || 'No comment.'}</dd>
        </div>
        {decision.request ? (
          <div>
            <dt>Evidence to send</dt>
            <dd>
              {decision.request.what} <DueDate date={decision.request} />
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="hint">
        This is about the judgement you submitted. Changes you make below go into your next submission.{' '}
        <a href={href.receivedReport(evaluationId, decision.reportId)}>Read the full moderation report</a>.
      </p>
    </section>
  );
});
