import { useId } from 'react';
import { href } from '../../app/hash-route';
import { describeCounts, importCounts, useSubmissionImport, type ImportItem } from './submission-import';
import { useModeratorWorkspace } from '../workspace/use-moderator-workspace';
import { importItemHeadingId, ImportResults } from './ImportResults';
import { ModeratorWorkspaceLayout } from '../workspace/ModeratorWorkspaceLayout';
import { PageHeading } from '../../ui/PageHeading';
import { FileDropZone } from '../../ui/FileDropZone';
import { LoadingOrMissing } from '../../app/NotFoundScreen';
import '../../styles/moderator.css';

/** Import schools' signed submission PDFs: each is verified in the background, then kept or refused, file by file. */
export function ModerationImportScreen({ workspaceId }: { workspaceId: string }) {
  const context = useModeratorWorkspace(workspaceId);
  if (context.state !== 'ready') return <LoadingOrMissing state={context.state} what="moderator workspace" />;
  return (
    <ModeratorWorkspaceLayout workspace={context.workspace} current="import">
      <PageHeading title="Import submissions">Import submissions</PageHeading>
      <p className="lead">
        Import the signed submission PDFs that schools sent you. Each file is checked first: its signature, every file inside it and the
        data against its framework. Only a file that passes every check is kept, with the original PDF, so you can check it or save it again
        later.
      </p>
      <SubmissionImporter workspaceId={workspaceId} />
    </ModeratorWorkspaceLayout>
  );
}

function SubmissionImporter({ workspaceId }: { workspaceId: string }) {
  const ids = useId();
  const { snapshot, session } = useSubmissionImport(workspaceId);
  const counts = importCounts(snapshot.items);
  const finished = snapshot.items.length - counts.pending - counts.asking;
  // The status line is about the files just added; the list below keeps earlier ones until cleared.
  const firstQuestion = snapshot.items.find((item) => item.result.state === 'asking');
  const batch = importCounts(snapshot.items.filter((item) => item.id >= snapshot.batchFrom));
  const statusLine = snapshot.running
    ? `Checking ${Math.min(snapshot.done + 1, snapshot.total)} of ${snapshot.total}${snapshot.current ? `: ${snapshot.current}` : ''}`
    : snapshot.items.length > 0
      ? describeCounts(batch)
      : '';

  return (
    <>
      <FileDropZone
        title="Drop submission PDFs here"
        hint="Drag one or many submission files from a folder and drop them in this box, or use the button to choose them. Each file is checked before anything is kept; you can go on working while they are checked."
        chooseLabel="Choose submission PDFs"
        accept="application/pdf,.pdf"
        onFiles={(files) => session.add(files)}
      />
      {snapshot.running ? (
        <div className="import-progress">
          <label htmlFor={`${ids}-progress`}>Submissions checked</label>
          <progress id={`${ids}-progress`} max={snapshot.total} value={snapshot.done}>
            {snapshot.done} of {snapshot.total}
          </progress>
          <p className="import-progress__count" aria-hidden="true">
            {snapshot.done} of {snapshot.total}
          </p>
        </div>
      ) : null}
      <div role="status" aria-live="polite" className="inline-status">
        {statusLine ? <p>{statusLine}</p> : null}
      </div>
      {firstQuestion && !snapshot.running ? (
        <div className="notice notice--warning">
          <p>{waitingText(snapshot.items)}</p>
          <p>
            <a
              href={`#${importItemHeadingId(firstQuestion.id)}`}
              onClick={(event) => {
                // The hash is the router's: move the keyboard without changing it.
                event.preventDefault();
                document.getElementById(importItemHeadingId(firstQuestion.id))?.focus();
              }}
            >
              Go to {counts.asking === 1 ? 'the file' : 'the first file'} waiting for your decision
            </a>
          </p>
        </div>
      ) : null}
      {snapshot.items.length > 0 ? (
        <section aria-labelledby={`${ids}-results`} className="import-results-section">
          <h2 id={`${ids}-results`}>What happened to each file</h2>
          <ImportResults workspaceId={workspaceId} items={snapshot.items} onDecide={(id, answer) => session.decide(id, answer)} />
          <div className="button-row">
            <a className="button" href={href.moderationQueue(workspaceId)}>
              Go to the submissions
            </a>
            {finished > 0 ? (
              <button type="button" className="button button--secondary" onClick={() => session.clearFinished()}>
                Clear finished files from this list
              </button>
            ) : null}
          </div>
        </section>
      ) : null}
    </>
  );
}

/** What the files waiting for a decision ask: a key new to the workspace, or a key different from the pinned one. */
function waitingText(items: readonly ImportItem[]): string {
  let firstUse = 0;
  let different = 0;
  for (const { result } of items) {
    if (result.state !== 'asking') continue;
    if (result.question.kind === 'first-use') firstUse += 1;
    else different += 1;
  }
  const parts: string[] = [];
  if (firstUse === 1)
    parts.push('One file is signed with a key this workspace has not seen for its school. Check its fingerprint before you trust it.');
  else if (firstUse > 1)
    parts.push(
      `${firstUse} files are signed with keys this workspace has not seen for their school. Check each fingerprint before you trust it.`,
    );
  if (different === 1) parts.push('One file is signed with a different key from the one pinned for its school.');
  else if (different > 1) parts.push(`${different} files are signed with a different key from the one pinned for their school.`);
  parts.push(firstUse + different === 1 ? 'It is not imported until you decide.' : 'They are not imported until you decide.');
  return parts.join(' ');
}
