import { useState, type FormEvent } from 'react';
import { frameworkByHashes, frameworkForRegion } from '../../../shared/framework/framework-catalogue';
import { shortHash } from '../../../shared/formats/sha256';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { phasesLabel, settingLabel, yearGroupLabel } from '../../../shared/school/school-records';
import { formatCount } from '../../../shared/formats/en-gb-counts';
import { useServices } from '../../app/app-context';
import { carryForwardOf, hashQuery, href, navigate } from '../../app/hash-route';
import { FieldError } from '../../ui/ErrorSummary';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { WorkspaceCertificatePanel } from '../../partnership/WorkspaceCertificatePanel';
import { schoolSigningSubject } from '../../db/signing-key-store';
import { startEvaluation } from '../../db/evaluation-store';
import { useSchoolWithEvaluations } from '../../db/school-queries';
import { describeStorageError } from '../../db/storage-errors';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

function defaultTitle(now = new Date()): string {
  // Accreditation cycles follow the school year, which starts in September.
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  return `Accreditation ${start}–${String((start + 1) % 100).padStart(2, '0')}`;
}

/** A school's workspace: its details and its evaluations. */
export function SchoolScreen({ schoolId }: { schoolId: string }) {
  const { db, regions, catalogue } = useServices();
  const data = useSchoolWithEvaluations(db, schoolId);
  const [title, setTitle] = useState(defaultTitle());
  // "Carry forward into the 2026 edition" on a historic evaluation's screens opens this page with it chosen.
  const [carryFrom, setCarryFrom] = useState(() => carryForwardOf(hashQuery(window.location.hash)) ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!data) return <LoadingOrMissing state="loading" what="school" />;
  const { school, evaluations } = data;
  if (!school) return <LoadingOrMissing state="missing" what="school" />;
  const region = regions.find((r) => r.id === school.regionId);
  const regionFramework = frameworkForRegion(catalogue, school.regionId);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (title.trim() === '') {
      setProblem('Give the evaluation a name, for example “Accreditation 2026–27”');
      return;
    }
    if (!regionFramework.ok) {
      setProblem(regionFramework.message);
      return;
    }
    setBusy(true);
    try {
      const { evaluation } = await startEvaluation(db, school, regionFramework.framework, { title, carryForwardFrom: carryFrom || null });
      navigate(href.dashboard(evaluation.id));
    } catch (error) {
      setProblem(describeStorageError(error, 'the new evaluation'));
      setBusy(false);
    }
  };

  return (
    <Layout workspaceName={school.name}>
      <PageHeading title={school.name}>{school.name}</PageHeading>
      <section aria-labelledby="evaluations-heading">
        <h2 id="evaluations-heading">Evaluations</h2>
        {evaluations.length === 0 ? (
          <p>No evaluation yet. Start one below.</p>
        ) : (
          <ul className="card-list">
            {[...evaluations].reverse().map((e) => (
              <li key={e.id} className="card">
                <h3>
                  <a href={href.dashboard(e.id)}>{e.title}</a>
                </h3>
                <p>
                  {e.framework.title} version {e.framework.version}
                  {e.supplement ? `, with ${e.supplement.title}` : ''} · started {longDateOfTime(e.createdAt)}
                  {frameworkByHashes(catalogue, e.framework.contentHash, e.supplement?.contentHash ?? null)?.status === 'historic'
                    ? ' · historic edition'
                    : ''}
                  {e.carriedForwardFrom ? ' · carried forward' : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
        <form className="form panel" onSubmit={start} noValidate aria-labelledby="start-heading">
          <h3 id="start-heading">Start a new evaluation</h3>
          {regionFramework.ok ? (
            <p>
              Against the {regionFramework.framework.title} (version {regionFramework.framework.base.file.version}, identity{' '}
              <code>{shortHash(regionFramework.framework.base.contentHash)}</code>), {regionFramework.framework.criteria.length} criteria.
            </p>
          ) : (
            <p className="notice notice--error">{regionFramework.message}</p>
          )}
          <div className={`field${problem ? ' field--error' : ''}`}>
            <label htmlFor="evaluation-title">Name of the evaluation</label>
            <FieldError id="evaluation-title-error" message={problem ?? undefined} />
            <input
              id="evaluation-title"
              type="text"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'evaluation-title-error' : undefined}
            />
          </div>
          {evaluations.length > 0 ? (
            <div className="field">
              <label htmlFor="carry-forward">Start from</label>
              <p className="hint" id="carry-forward-hint">
                Carrying forward copies the judgements, narrative, next steps and evidence links of an earlier evaluation, so you only
                update what has changed.
              </p>
              <select
                id="carry-forward"
                aria-describedby="carry-forward-hint"
                value={carryFrom}
                onChange={(e) => setCarryFrom(e.target.value)}
              >
                <option value="">A blank evaluation</option>
                {evaluations.map((e) => (
                  <option key={e.id} value={e.id}>
                    Carry forward “{e.title}”
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <button type="submit" className="button" disabled={busy || !regionFramework.ok}>
            Start evaluation
          </button>
        </form>
      </section>
      <section aria-labelledby="moderation-reports-heading">
        <h2 id="moderation-reports-heading">Moderation</h2>
        <p>
          <a href={href.moderationReports(school.id)}>Import a moderation report, or read the ones imported</a>
        </p>
      </section>
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">School details</h2>
        <dl className="details">
          <dt>URN</dt>
          <dd>{school.urn}</dd>
          <dt>Region</dt>
          <dd>{region?.name ?? school.regionId}</dd>
          <dt>Local authority</dt>
          <dd>{school.localAuthority}</dd>
          <dt>Phases</dt>
          <dd>{phasesLabel(school.phases)}</dd>
          <dt>Setting</dt>
          <dd>{settingLabel(school.setting)}</dd>
          <dt>Year groups</dt>
          <dd>
            {yearGroupLabel(school.lowestYear)} to {yearGroupLabel(school.highestYear)}
          </dd>
          <dt>Head teacher</dt>
          <dd>{school.headTeacher}</dd>
          <dt>SENCO</dt>
          <dd>{school.senco}</dd>
          <dt>SEN governor</dt>
          <dd>{school.senGovernor || 'Not given'}</dd>
          <dt>Pupils on roll</dt>
          <dd>{formatCount(school.pupilsOnRoll)}</dd>
          <dt>On SEN support</dt>
          <dd>{formatCount(school.pupilsOnSenSupport)}</dd>
          <dt>With an EHC plan</dt>
          <dd>{formatCount(school.pupilsWithEhcPlan)}</dd>
          <dt>Resourced provision or SEN unit</dt>
          <dd>{school.resourcedProvision ? 'Yes' : 'No'}</dd>
          <dt>Looked-after children on roll</dt>
          <dd>{school.lookedAfterOnRoll ? 'Yes' : 'No'}</dd>
        </dl>
        <p>
          <a href={href.editSchool(school.id)}>Edit school details</a>
        </p>
      </section>
      <WorkspaceCertificatePanel subject={schoolSigningSubject(school)} />
    </Layout>
  );
}
