import { useMemo } from 'react';
import { summariseEvaluation } from '../../../shared/evaluation/evaluation-progress';
import { formatIsoDate } from '../../../shared/formats/en-gb-dates';
import { approvalSentence, approverRoleText, type ApprovalDraft } from '../../../shared/submission/approval';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import { recordApproval } from '../../db/approval-store';
import { useEvaluationRecords } from '../../db/evaluation-queries';
import { todayIso } from '../../db/record-stamps';
import { UserFacingError } from '../../db/storage-errors';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';
import { ApprovalForm } from './ApprovalForm';
import { ApprovalStateNotice } from './ApprovalStateNotice';
import { useApprovalStatus } from './use-approval-status';

/** The head teacher's (or a governor's) step before export: a summary of what will be submitted, and the approval. */
export function ApprovalScreen({ evaluationId }: { evaluationId: string }) {
  const { db, regions } = useServices();
  const context = useEvaluation(evaluationId);
  const framework = context.state === 'ready' ? context.framework : null;
  const status = useApprovalStatus(evaluationId, framework);
  const records = useEvaluationRecords(db, evaluationId);
  const profile = context.state === 'ready' ? context.school : null;
  const award = useMemo(
    () => (framework && records ? summariseEvaluation(framework, records.responses, records.links, { profile }).award : null),
    [framework, records, profile],
  );

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school } = context;
  const regionName = regions.find((r) => r.id === evaluation.regionId)?.name ?? evaluation.regionId;

  const approve = async (draft: ApprovalDraft): Promise<string> => {
    if (!status) throw new UserFacingError('The summary is still being prepared. Wait a moment, then approve again.');
    const outcome = await recordApproval(db, {
      evaluationId,
      framework: context.framework,
      regionName,
      draft,
      seenHash: status.snapshotHash,
    });
    if (!outcome.ok) throw new UserFacingError(outcome.message);
    const { approval } = outcome;
    return `${approvalSentence({ name: approval.name, role: approverRoleText(approval), date: approval.date })}.`;
  };

  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'submit', context.framework.criteria[0]?.id)}>
      <p className="breadcrumb">
        <a href={href.school(school.id)}>{school.name}</a> › <a href={href.dashboard(evaluationId)}>{evaluation.title}</a> ›{' '}
        <a href={href.submit(evaluationId)}>Submit</a>
      </p>
      <PageHeading title={`Approve ${evaluation.title}`}>Approval before submission</PageHeading>
      <p>
        Before the SENCO exports the signed submission, the head teacher (or a governor or trustee) reviews what will be submitted and
        approves it. The approval is part of the submission and is printed on its cover.
      </p>
      <ApprovalStateNotice state={status?.state ?? null} />

      <section aria-labelledby="approval-summary-heading" className="panel">
        <h2 id="approval-summary-heading">What will be submitted</h2>
        {!status || !award ? (
          <p>Preparing the summary…</p>
        ) : (
          <>
            <p data-testid="approval-award">
              The award rules give: <strong>{award.achieved ? award.achieved.label : 'no award yet'}</strong>
            </p>
            <dl className="summary-list" data-testid="approval-counts">
              <dt>Criteria judged</dt>
              <dd>
                {status.counts.judged} of {status.counts.criteria}
              </dd>
              <dt>Criteria the school says do not apply</dt>
              <dd>{status.counts.notApplicable}</dd>
              <dt>Evidence items</dt>
              <dd>{status.counts.evidence}</dd>
              <dt>Actions in the plan</dt>
              <dd>{status.counts.actions}</dd>
            </dl>
            <p>
              Read the judgements and narratives in the <a href={href.criteriaOverview(evaluationId)}>criteria overview</a> or the{' '}
              <a href={href.portfolio(evaluationId)}>printed portfolio</a>.
            </p>
            {status.document.actions.length > 0 ? (
              <>
                <h3>The action plan</h3>
                <ul>
                  {status.document.actions.map((action) => (
                    <li key={action.id}>
                      {action.what}
                      {action.who ? `, by ${action.who}` : ''}
                      {action.byWhen ? `, due ${formatIsoDate(action.byWhen)}` : ''}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </>
        )}
      </section>

      <ApprovalForm
        initial={{ name: school.headTeacher, role: 'head-teacher', otherRole: '', date: todayIso(), confirmed: false }}
        onApprove={approve}
      />
      <p>
        <a href={href.submit(evaluationId)}>Go to the export</a>
      </p>
    </Layout>
  );
}
