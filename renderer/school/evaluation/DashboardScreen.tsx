import { SchoolsLikeYoursPanel } from './SchoolsLikeYoursPanel';
import { useMemo } from 'react';
import { overviewSearchString, type OverviewQuery } from '../../../shared/evaluation/criteria-overview';
import { nextThresholdFrom } from '../../../shared/awards/next-threshold';
import { summariseEvaluation } from '../../../shared/evaluation/evaluation-progress';
import { shortHash } from '../../../shared/formats/sha256';
import { useEvaluation, evaluationSections } from './use-evaluation';
import { useServices } from '../../app/app-context';
import { criteriaOverviewHref, href } from '../../app/hash-route';
import { EditionNotices } from './EditionNotices';
import { ModerationOutcomePanel } from './ModerationOutcomePanel';
import { JudgementsByStrandChart } from './JudgementsByStrandChart';
import { NextLevelPanel } from './NextLevelPanel';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { ScrollRegion } from '../../ui/ScrollRegion';
import { SubmissionList } from '../submission/SubmissionList';
import { useEvaluationRecords, useLastEarlierEvaluation } from '../../db/evaluation-queries';
import { useProgressSnapshots } from '../../db/progress-snapshots';
import { nowIso } from '../../db/record-stamps';
import { standingsFromRecords } from '../../../shared/evaluation/criterion-standings';
import { crosswalksBetween } from '../../../shared/evaluation/edition-change';
import { comparableThrough, compareEvaluations } from '../../../shared/evaluation/evaluation-comparison';
import { dayOf, progressHistory } from '../../../shared/evaluation/progress-history';
import { frameworkByHashes } from '../../../shared/framework/framework-catalogue';
import { SHIPPED_CROSSWALKS } from '../../../shared/framework/shipped-frameworks';
import { EvaluationComparisonPanel } from './EvaluationComparisonPanel';
import { ProgressOverTimeChart } from './ProgressOverTimeChart';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

/** Where the school stands: progress per strand, the award the rules give now, and what blocks the next. */
export function DashboardScreen({ evaluationId }: { evaluationId: string }) {
  const context = useEvaluation(evaluationId);
  const { db, catalogue } = useServices();
  const records = useEvaluationRecords(db, evaluationId);
  const snapshots = useProgressSnapshots(db, evaluationId);
  const current = context.state === 'ready' ? context.evaluation : null;
  const earlier = useLastEarlierEvaluation(db, current);
  const framework = context.state === 'ready' ? context.framework : null;
  const profile = context.state === 'ready' ? context.school : null;
  const summary = useMemo(
    () => (framework && records ? summariseEvaluation(framework, records.responses, records.links, { profile }) : null),
    [framework, records, profile],
  );
  const history = useMemo(
    () =>
      framework && summary && current && snapshots
        ? progressHistory({
            framework,
            evaluation: current,
            snapshots,
            today: dayOf(nowIso()),
            liveStandings: summary.standings,
            liveAward: summary.award,
            context: { profile },
          })
        : null,
    [framework, summary, current, snapshots, profile],
  );
  const comparison = useMemo(() => {
    if (!framework || !summary || !current || !earlier) return null;
    const through = comparableThrough(earlier.evaluation, current, crosswalksBetween(earlier.evaluation, current, SHIPPED_CROSSWALKS));
    const earlierFramework = frameworkByHashes(
      catalogue,
      earlier.evaluation.framework.contentHash,
      earlier.evaluation.supplement?.contentHash ?? null,
    );
    if (through === null || !earlierFramework) return { earlier: earlier.evaluation, result: null };
    const result = compareEvaluations(
      {
        framework: earlierFramework,
        standings: standingsFromRecords(earlierFramework, earlier.responses, earlier.links),
        context: { profile },
      },
      { framework, standings: summary.standings, context: { profile } },
      through,
    );
    return { earlier: earlier.evaluation, result };
  }, [framework, summary, current, earlier, catalogue, profile]);
  // The award rules are evaluated once, in the summary; the panel and the charts read its outcome.
  const next = useMemo(
    () => (framework && summary ? nextThresholdFrom(framework, summary.standings, summary.award) : null),
    [framework, summary],
  );

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school } = context;
  const firstId = context.framework.criteria[0]?.id;
  const nextToJudge = summary?.unjudged[0] ?? firstId;
  const overview = (query: Partial<OverviewQuery>) => criteriaOverviewHref(evaluationId, overviewSearchString(query));

  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'dashboard', firstId)}>
      <p className="breadcrumb">
        <a href={href.school(school.id)}>{school.name}</a>
      </p>
      <PageHeading title={`${evaluation.title} dashboard`}>{evaluation.title}</PageHeading>
      <p className="framework-identity">
        {evaluation.framework.title}, version {evaluation.framework.version} (identity{' '}
        <code>{shortHash(evaluation.framework.contentHash)}</code>)
        {evaluation.supplement ? (
          <>
            , with {evaluation.supplement.title}, version {evaluation.supplement.version} (identity{' '}
            <code>{shortHash(evaluation.supplement.contentHash)}</code>)
          </>
        ) : null}
      </p>
      <EditionNotices evaluation={evaluation} framework={context.framework} />
      <ModerationOutcomePanel evaluationId={evaluationId} />
      <p>
        Ready to submit? <a href={href.approval(evaluationId)}>Approval before submission</a> (the head teacher’s step), then{' '}
        <a href={href.submit(evaluationId)}>the export</a>.
      </p>
      {!summary ? (
        <p role="status">Loading…</p>
      ) : (
        <>
          <section aria-labelledby="standing-heading" className="panel standing">
            <h2 id="standing-heading">Where the school stands</h2>
            <p className="standing__award" data-testid="award-now">
              {summary.award.achieved ? (
                <>
                  The award rules give: <strong>{summary.award.achieved.label}</strong>
                </>
              ) : (
                <>The award rules give: no award yet</>
              )}
            </p>
            {summary.award.excluded.sentences.map((sentence) => (
              <p key={sentence} data-testid="award-exclusions">
                {sentence}
              </p>
            ))}
            {summary.award.next ? (
              <>
                <h3>What stands between the school and {summary.award.next.level.label}</h3>
                <ul data-testid="award-blockers">
                  {summary.award.next.blockers.map((b, i) => (
                    <li key={i}>
                      {b.explanation}
                      {b.blocking.length > 0 ? (
                        <>
                          {' '}
                          <a href={overview({ ids: b.blocking })}>
                            Show {b.blocking.length === 1 ? 'it' : `these ${b.blocking.length}`} in the criteria overview
                          </a>
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>The school meets the rules for the highest level in this framework.</p>
            )}
            <dl className="stat-row">
              <div>
                <dt>Criteria judged</dt>
                <dd data-testid="judged-count">
                  {summary.judged} of {summary.total}
                </dd>
              </div>
              <div>
                <dt>Criteria with evidence</dt>
                <dd data-testid="evidence-count">
                  {summary.withEvidence} of {summary.total}
                </dd>
              </div>
              <div>
                <dt>Actions planned</dt>
                <dd data-testid="action-count">{records?.actions.length ?? 0}</dd>
              </div>
            </dl>
            {nextToJudge ? (
              <p>
                <a
                  className="button"
                  href={summary.unjudged.length > 0 ? href.criterion(evaluationId, nextToJudge) : criteriaOverviewHref(evaluationId)}
                >
                  {summary.unjudged.length > 0 ? `Continue with ${nextToJudge}` : 'Review the criteria'}
                </a>
              </p>
            ) : null}
          </section>
          <NextLevelPanel evaluationId={evaluationId} next={next} />
          <SchoolsLikeYoursPanel school={school} />

          <section aria-labelledby="strands-heading">
            <h2 id="strands-heading">Judgements by strand</h2>
            <JudgementsByStrandChart framework={context.framework} standings={summary.standings} excluded={summary.award.excluded} />
            <ScrollRegion label="Judgements by strand table">
              <table className="table" data-testid="strand-table">
                <caption className="visually-hidden">Number of criteria at each judgement, per strand</caption>
                <thead>
                  <tr>
                    <th scope="col">Strand</th>
                    <th scope="col">Judged</th>
                    <th scope="col">With evidence</th>
                    {context.framework.scale.points.map((p) => (
                      <th scope="col" key={p.id}>
                        {p.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {summary.strands.map((s) => (
                    <tr key={s.strandId}>
                      <th scope="row">
                        <a href={overview({ strand: s.strandId })}>
                          {s.strandId} {s.title}
                        </a>
                      </th>
                      <td>
                        {s.judged} of {s.total}
                        <span className="bar" aria-hidden="true">
                          <span style={{ width: `${s.total === 0 ? 0 : (s.judged / s.total) * 100}%` }} />
                        </span>
                      </td>
                      <td>
                        {s.withEvidence} of {s.total}
                      </td>
                      {s.distribution.map((d) => (
                        <td key={d.pointId}>{d.count}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>

          <section aria-labelledby="progress-heading">
            <h2 id="progress-heading">Progress over time</h2>
            {history ? (
              <ProgressOverTimeChart history={history} pointLabels={context.framework.scale.points.map((p) => p.label)} />
            ) : (
              <p role="status">Loading…</p>
            )}
          </section>

          {comparison ? (
            comparison.result ? (
              <EvaluationComparisonPanel
                evaluationId={evaluationId}
                earlierTitle={comparison.earlier.title}
                comparison={comparison.result}
              />
            ) : (
              <section aria-labelledby="comparison-heading" className="panel">
                <h2 id="comparison-heading">This evaluation against {comparison.earlier.title}</h2>
                <p>
                  {comparison.earlier.title} used a framework this one cannot be compared with criterion by criterion (another region’s, or
                  one this app does not hold), so there is no comparison to show.
                </p>
              </section>
            )
          ) : null}

          <section aria-labelledby="gaps-heading">
            <h2 id="gaps-heading">Still to do</h2>
            <CriterionList
              evaluationId={evaluationId}
              ids={summary.unjudged}
              overviewHref={overview({ judgement: 'not-judged' })}
              heading="Criteria without a judgement"
              empty="Every criterion has a judgement."
            />
            <CriterionList
              evaluationId={evaluationId}
              ids={summary.withoutEvidence}
              overviewHref={overview({ noEvidence: true })}
              heading="Criteria without evidence"
              empty="Every criterion has evidence linked."
            />
          </section>

          <section aria-labelledby="share-heading" className="panel">
            <h2 id="share-heading">Submit and print</h2>
            <p className="button-row">
              {context.framework.status === 'historic' ? null : (
                <a className="button" href={href.submit(evaluationId)}>
                  Prepare the signed submission
                </a>
              )}
              <a className="button button--secondary" href={href.portfolio(evaluationId)}>
                Print the portfolio
              </a>
            </p>
            <SubmissionList evaluationId={evaluationId} headingLevel={3} />
          </section>
        </>
      )}
    </Layout>
  );
}

function CriterionList({
  evaluationId,
  ids,
  overviewHref,
  heading,
  empty,
}: {
  evaluationId: string;
  ids: string[];
  overviewHref: string;
  heading: string;
  empty: string;
}) {
  return (
    <details className="gap-list">
      <summary>
        {heading}: {ids.length}
      </summary>
      {ids.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <>
          <p>
            <a href={overviewHref}>Show {ids.length === 1 ? 'it' : `these ${ids.length}`} in the criteria overview</a>
          </p>
          <ul className="inline-list">
            {ids.map((id) => (
              <li key={id}>
                <a href={href.criterion(evaluationId, id)}>{id}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
