import { useState } from 'react';
import { ALL_PORTFOLIO_SECTIONS, type PortfolioSections } from '../../../shared/portfolio/portfolio-layout';
import { buildSubmissionDocument } from '../../../shared/submission/submission-builder';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { PdfJobProgress } from '../../ui/PdfJobProgress';
import { StatusMessage } from '../../ui/StatusMessage';
import { nowIso, todayIso } from '../../db/record-stamps';
import { describeStorageError } from '../../db/storage-errors';
import { loadSubmissionSnapshot } from '../../db/submission-store';
import { progressSnapshotsOf } from '../../db/progress-snapshots';
import { printedMessage, usePdfJob } from '../../export/use-pdf-job';
import { LoadingOrMissing } from '../../app/NotFoundScreen';

const SECTION_LABELS: Record<keyof PortfolioSections, { label: string; hint: string }> = {
  context: { label: 'School context', hint: 'Phase, local authority, staff and pupil numbers.' },
  summary: {
    label: 'Summary by strand',
    hint: 'How many criteria sit at each judgement, the award the rules give, and the charts: judgements by strand and progress over time.',
  },
  criteria: { label: 'Judgements and narratives', hint: 'Every criterion with its judgement, narrative and next steps.' },
  evidenceImages: { label: 'Evidence photographs and images', hint: 'PNG and JPEG evidence printed in the pages, each image once.' },
  otherEvidence: { label: 'List of the other evidence', hint: 'Documents and evidence held elsewhere, by title and where they are kept.' },
  actionPlan: { label: 'Action plan', hint: 'What the school will do next, by whom and by when.' },
};
const PRINTABLE_IMAGE = /^image\/(png|jpeg)$/;

/** The accreditation portfolio: a printable PDF for governors, staff and visits, with chosen sections. */
export function PortfolioScreen({ evaluationId }: { evaluationId: string }) {
  const { db, platform, regions } = useServices();
  const context = useEvaluation(evaluationId);
  const [sections, setSections] = useState<PortfolioSections>({ ...ALL_PORTFOLIO_SECTIONS });
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { job, start, cancel } = usePdfJob();

  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school, framework } = context;
  const chosen = Object.values(sections).some(Boolean);

  const make = async () => {
    setFailure(null);
    setMessage(null);
    let request;
    try {
      const regionName = regions.find((r) => r.id === evaluation.regionId)?.name ?? evaluation.regionId;
      const { snapshot, blobs } = await loadSubmissionSnapshot(db, evaluationId, framework, regionName);
      const document = buildSubmissionDocument(snapshot, {
        submissionId: 'portfolio',
        version: 1,
        createdAt: nowIso(),
        declaration: { headTeacher: '', senco: '', chairOfGovernors: '', date: '', statement: '' },
        certificateFingerprint: '',
      });
      const images = new Map<string, Blob>();
      for (const item of document.evidence) {
        const blob = item.file ? blobs.get(item.file.sha256) : undefined;
        if (item.file && blob && PRINTABLE_IMAGE.test(item.file.mediaType)) images.set(item.file.sha256, blob);
      }
      const progress = { snapshots: await progressSnapshotsOf(db, evaluationId), evaluation };
      request = { kind: 'portfolio' as const, document, framework, sections, images, printedOn: todayIso(), progress };
    } catch (error) {
      setFailure(describeStorageError(error, 'the portfolio'));
      return;
    }
    const result = await start(request);
    if (!result.ok) {
      if (result.cancelled) setMessage(result.message);
      else setFailure(result.message);
      return;
    }
    const name = `${school.urn}-portfolio-${todayIso()}.pdf`;
    setMessage(printedMessage('The portfolio', name, await platform.printPdf(name, result.pdf)));
  };

  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'portfolio', framework.criteria[0]?.id)}>
      <p className="breadcrumb">
        <a href={href.school(school.id)}>{school.name}</a> › <a href={href.dashboard(evaluationId)}>{evaluation.title}</a>
      </p>
      <PageHeading title={`Portfolio for ${evaluation.title}`}>Print the accreditation portfolio</PageHeading>
      <p>
        A printable account of the evaluation as it stands now, for governors, staff and visits. It has a cover and contents with page
        numbers; choose what else goes in.
      </p>
      {job.state === 'running' ? (
        <PdfJobProgress label="Making the portfolio" progress={job.progress} onCancel={cancel} />
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen) void make();
          }}
        >
          <fieldset className="field" aria-describedby={chosen ? undefined : 'portfolio-none'}>
            <legend>Sections to include</legend>
            {(Object.keys(SECTION_LABELS) as (keyof PortfolioSections)[]).map((key) => (
              <div className="checkbox" key={key}>
                <input
                  id={`portfolio-${key}`}
                  type="checkbox"
                  checked={sections[key]}
                  aria-describedby={`portfolio-${key}-hint`}
                  onChange={(e) => setSections((current) => ({ ...current, [key]: e.target.checked }))}
                />
                <label htmlFor={`portfolio-${key}`}>{SECTION_LABELS[key].label}</label>
                <p className="hint" id={`portfolio-${key}-hint`}>
                  {SECTION_LABELS[key].hint}
                </p>
              </div>
            ))}
            {chosen ? null : (
              <p className="field-error" id="portfolio-none">
                Choose at least one section.
              </p>
            )}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button" aria-disabled={!chosen}>
              {platform.kind === 'desktop' ? 'Print the portfolio' : 'Download the portfolio to print'}
            </button>
          </div>
        </form>
      )}
      <div role="status" aria-live="polite" className="inline-status">
        {message ? <p>{message}</p> : null}
      </div>
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
    </Layout>
  );
}
