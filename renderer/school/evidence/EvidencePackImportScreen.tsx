import { useId, useState } from 'react';
import type { Evaluation } from '../../../shared/evaluation/evaluation-records';
import { evaluationEditable } from '../../../shared/evaluation/evaluation-editable';
import { decideAll, packImportSummary, type PackItemDecision, type PackItemStanding } from '../../../shared/evidence/evidence-pack-import';
import type { EvidencePackItem } from '../../../shared/evidence/evidence-pack-format';
import { evidenceKindLabel, formatBytes } from '../../../shared/evidence/evidence-records';
import type { AppliedFramework } from '../../../shared/framework/applied-framework';
import { formatIsoDate, longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { fingerprintReadingLines, signerIdentity, type TrustQuestion } from '../../../shared/moderation/first-use-trust';
import type { School } from '../../../shared/school/school-records';
import { useServices } from '../../app/app-context';
import { href } from '../../app/hash-route';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import {
  checkEvidencePackFile,
  importEvidencePack,
  type PackCheck,
  type PackImportResult,
  type PackVerifier,
} from '../../db/evidence-pack-store';
import { describeStorageError } from '../../db/storage-errors';
import { criterionOptionLabel } from '../../ui/CriterionOptions';
import { FileDropZone } from '../../ui/FileDropZone';
import { Layout } from '../../ui/Layout';
import { PageHeading } from '../../ui/PageHeading';
import { SignerConfirmation } from '../../ui/SignerConfirmation';
import { StatusMessage } from '../../ui/StatusMessage';
import { evaluationSections, useEvaluation } from '../evaluation/use-evaluation';

/** The SENCO imports a colleague's signed evidence pack: checked, then each item accepted or declined. */
export function EvidencePackImportScreen({ evaluationId, verifyPack }: { evaluationId: string; verifyPack?: PackVerifier }) {
  const context = useEvaluation(evaluationId);
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="evaluation" />;
  const { evaluation, school, framework } = context;
  return (
    <Layout workspaceName={school.name} sectionLinks={evaluationSections(evaluationId, 'evidence', framework.criteria[0]?.id)}>
      <PageHeading title={`Import a colleague’s evidence pack – ${evaluation.title}`}>Import a colleague’s evidence pack</PageHeading>
      <p className="lead">
        A class teacher or teaching assistant made this pack with “Contribute evidence to your SENCO”. It is checked before you see it: the
        signature, every file against its fingerprint, and that it is for {school.name}. Then you accept or decline each item.
      </p>
      <p>
        <a href={href.evidence(evaluationId)}>Back to the evidence library</a>
      </p>
      <PackImport evaluation={evaluation} school={school} framework={framework} verifyPack={verifyPack} />
    </Layout>
  );
}

type Stage =
  | { kind: 'choose' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'checked'; fileName: string; check: PackCheck }
  | { kind: 'done'; fileName: string; result: Extract<PackImportResult, { outcome: 'imported' }> };

function PackImport({
  evaluation,
  school,
  framework,
  verifyPack,
}: {
  evaluation: Evaluation;
  school: School;
  framework: AppliedFramework;
  verifyPack: PackVerifier | undefined;
}) {
  const { db } = useServices();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const choose = async (files: File[]) => {
    const file = files[0];
    if (!file || stage.kind === 'checking') return;
    setStage({ kind: 'checking', fileName: file.name });
    const check = await checkEvidencePackFile(db, school, file, verifyPack);
    setStage({ kind: 'checked', fileName: file.name, check });
  };
  return (
    <>
      <FileDropZone
        title="Drop the evidence pack here"
        hint="The PDF your colleague sent you, as it came: by email, a shared drive or a USB stick."
        chooseLabel="Choose the evidence pack"
        accept=".pdf,application/pdf"
        disabled={stage.kind === 'checking'}
        onFiles={(files) => void choose(files)}
      />
      <div role="status" aria-live="polite" className="inline-status">
        {stage.kind === 'checking' ? <p>Checking “{stage.fileName}”…</p> : null}
        {stage.kind === 'done' ? (
          <p>
            Imported “{stage.fileName}”.{' '}
            {packImportSummary(
              stage.result.record.accepted.length,
              stage.result.record.linkedExisting.length,
              stage.result.record.declined.length,
            )}
          </p>
        ) : null}
      </div>
      {stage.kind === 'checked' && stage.check.kind === 'rejected' ? (
        <StatusMessage kind="error" heading={`“${stage.fileName}” was not imported`}>
          <p>{stage.check.message}</p>
        </StatusMessage>
      ) : null}
      {stage.kind === 'checked' && stage.check.kind === 'ready' ? (
        <PackDecisions
          key={stage.check.verified.pack.packId}
          fileName={stage.fileName}
          check={stage.check}
          evaluation={evaluation}
          school={school}
          framework={framework}
          onImported={(result) => setStage({ kind: 'done', fileName: stage.fileName, result })}
        />
      ) : null}
      {stage.kind === 'done' ? (
        <StatusMessage kind="success" heading="Pack imported">
          <p>
            {packImportSummary(
              stage.result.record.accepted.length,
              stage.result.record.linkedExisting.length,
              stage.result.record.declined.length,
            )}
          </p>
          {stage.result.notLinked.length > 0 ? (
            <p>Not linked, because this evaluation’s framework does not have them: {stage.result.notLinked.join(', ')}.</p>
          ) : null}
          <p>
            <a href={href.evidence(evaluation.id)}>See them in the evidence library</a>
          </p>
        </StatusMessage>
      ) : null}
    </>
  );
}

function PackDecisions({
  fileName,
  check,
  evaluation,
  school,
  framework,
  onImported,
}: {
  fileName: string;
  check: Extract<PackCheck, { kind: 'ready' }>;
  evaluation: Evaluation;
  school: School;
  framework: AppliedFramework;
  onImported: (result: Extract<PackImportResult, { outcome: 'imported' }>) => void;
}) {
  const { db } = useServices();
  const ids = useId();
  const { pack } = check.verified;
  const [decisions, setDecisions] = useState<Record<string, PackItemDecision>>({});
  const [asking, setAsking] = useState<TrustQuestion | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const linksEditable = evaluationEditable(framework).editable;
  const criteria = new Set(framework.criteria.map((c) => c.id));

  if (check.previous) {
    const previous = check.previous;
    return (
      <StatusMessage kind="information" heading="This pack was imported before">
        <p>
          You imported this pack from {pack.colleague.name} on {longDateOfTime(previous.importedAt)}: {previous.accepted.length} accepted,{' '}
          {previous.declined.length} declined. Nothing was imported again.
        </p>
      </StatusMessage>
    );
  }

  const run = async (confirmedFingerprint: string | null) => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await importEvidencePack(db, {
        schoolId: school.id,
        evaluationId: evaluation.id,
        verified: check.verified,
        decisions,
        criteria,
        confirmedFingerprint,
      });
      if (result.outcome === 'needs-decision') setAsking(result.question);
      else if (result.outcome === 'already-imported') setFailure('This pack was imported before, so nothing was imported again.');
      else onImported(result);
    } catch (error) {
      setFailure(describeStorageError(error, 'the evidence pack'));
    } finally {
      setBusy(false);
    }
  };

  const decided = pack.items.filter((item) => decisions[item.itemId] !== undefined).length;
  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>
        From {pack.colleague.name}, {pack.colleague.role}
      </h2>
      <p>
        Made on {longDateOfTime(pack.createdAt)} for {pack.school.name} (URN {pack.school.urn}), with{' '}
        {pack.items.length === 1 ? '1 item' : `${pack.items.length} items`}. The signature and every file check out.
      </p>
      <div className="button-row">
        <button type="button" className="button button--secondary" onClick={() => setDecisions(decideAll(pack.items, 'accept'))}>
          Accept all
        </button>
        <button type="button" className="button button--secondary" onClick={() => setDecisions(decideAll(pack.items, 'decline'))}>
          Decline all
        </button>
      </div>
      <ol className="pack-items">
        {pack.items.map((item) => (
          <li key={item.itemId}>
            <PackItemReview
              item={item}
              framework={framework}
              criteria={criteria}
              linksEditable={linksEditable}
              standing={check.standings.get(item.itemId)}
              decision={decisions[item.itemId]}
              onDecide={(decision) => setDecisions((before) => ({ ...before, [item.itemId]: decision }))}
            />
          </li>
        ))}
      </ol>
      <p aria-live="polite">
        {decided} of {pack.items.length} decided.
      </p>
      {failure ? <StatusMessage kind="error">{failure}</StatusMessage> : null}
      {asking?.kind === 'first-use' ? (
        <SignerConfirmation
          identity={signerIdentity(check.verified.certificate)}
          sender={pack.colleague.name}
          fileName={fileName}
          busy={busy}
          onAnswer={(trust) => {
            setAsking(null);
            if (trust) void run(check.verified.certificate.fingerprint);
          }}
        />
      ) : asking?.kind === 'different-key' ? (
        <StatusMessage
          kind="warning"
          testId="different-key"
          heading={`${pack.colleague.name}’s key has changed`}
          headingLevel={3}
          actions={
            <>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => {
                  setAsking(null);
                  void run(check.verified.certificate.fingerprint);
                }}
              >
                Accept the new key and import
              </button>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => setAsking(null)}>
                Refuse: import nothing
              </button>
            </>
          }
        >
          <p>
            {pack.colleague.name} signed this pack with a different key from the one their earlier packs used. That happens when they move
            to a new computer or change their details, but it could also mean someone else made the pack. Check the fingerprint with them in
            person before you accept it.
          </p>
          <dl className="summary-list">
            <div>
              <dt>Key used before</dt>
              <dd>
                <code className="hash">{fingerprintReadingLines(asking.pinnedFingerprint).join(' ')}</code>
              </dd>
            </div>
            <div>
              <dt>Key on this pack</dt>
              <dd>
                <code className="hash">{fingerprintReadingLines(asking.fingerprint).join(' ')}</code>
              </dd>
            </div>
          </dl>
        </StatusMessage>
      ) : (
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => void run(null)}>
            Import your decisions
          </button>
        </div>
      )}
    </section>
  );
}

function PackItemReview({
  item,
  framework,
  criteria,
  linksEditable,
  standing,
  decision,
  onDecide,
}: {
  item: EvidencePackItem;
  framework: AppliedFramework;
  criteria: ReadonlySet<string>;
  linksEditable: boolean;
  standing: PackItemStanding | undefined;
  decision: PackItemDecision | undefined;
  onDecide: (decision: PackItemDecision) => void;
}) {
  const ids = useId();
  return (
    <article className="card" aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{item.title}</h3>
      {standing?.kind === 'already-in-library' ? (
        <p className="tag" data-testid="already-in-library">
          Already in your library as “{standing.existing.title}”: accepting links that item to the suggested criteria instead of storing the
          file again.
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>Kind and date</dt>
          <dd>
            {evidenceKindLabel(item.kind)}
            {item.date ? `, ${formatIsoDate(item.date)}` : ', no date given'}
          </dd>
        </div>
        <div>
          <dt>File</dt>
          <dd>
            {item.file.originalName} ({formatBytes(item.file.size)})
          </dd>
        </div>
        <div>
          <dt>Personal data</dt>
          <dd>{item.containsPersonalData ? 'Yes: the sender confirmed it was redacted or may be shared' : 'None, the sender says'}</dd>
        </div>
        <div>
          <dt>Suggested criteria</dt>
          <dd>
            {item.suggestedCriteria.length === 0 ? (
              'None'
            ) : (
              <ul>
                {item.suggestedCriteria.map((id) => {
                  const criterion = framework.criterionById.get(id);
                  return (
                    <li key={id}>
                      {criterion ? criterionOptionLabel(criterion) : id}
                      {!criteria.has(id) ? ' (not in this evaluation’s framework, so it will not be linked)' : ''}
                    </li>
                  );
                })}
              </ul>
            )}
            {!linksEditable && item.suggestedCriteria.length > 0 ? <p>This evaluation is read only, so no links will be made.</p> : null}
          </dd>
        </div>
        <div>
          <dt>Note</dt>
          <dd className="preserve-lines">{item.note || 'None'}</dd>
        </div>
      </dl>
      <fieldset>
        <legend>Your decision on “{item.title}”</legend>
        <div className="radios radios--inline">
          {(['accept', 'decline'] as const).map((value) => (
            <div className="radio" key={value}>
              <input
                id={`${ids}-${value}`}
                type="radio"
                name={`${ids}-decision`}
                value={value}
                checked={decision === value}
                onChange={() => onDecide(value)}
              />
              <label htmlFor={`${ids}-${value}`}>{value === 'accept' ? 'Accept' : 'Decline'}</label>
            </div>
          ))}
        </div>
      </fieldset>
    </article>
  );
}
