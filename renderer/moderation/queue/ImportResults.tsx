import { useRef } from 'react';
import { formatBytes } from '../../../shared/evidence/evidence-records';
import { shortHash } from '../../../shared/formats/sha256';
import type { KeyAnswer } from '../../../shared/moderation/import-decision';
import { href } from '../../app/hash-route';
import type { ImportItem, ImportItemResult, ImportSummary } from './submission-import';
import { longDateOfTime } from '../../../shared/formats/en-gb-dates';
import { SignerConfirmation } from '../../ui/SignerConfirmation';
import { StatusMessage } from '../../ui/StatusMessage';

const fingerprint = (hex: string) => shortHash(hex, 16);

/** The id of a file's heading in the list, so a notice can take the keyboard to it. */
export function importItemHeadingId(id: number): string {
  return `import-file-${id}`;
}
const day = (iso: string) => longDateOfTime(iso);

/** One entry per file: what happened to it, who signed it, and whether that key is the school's pinned one. */
export function ImportResults({
  workspaceId,
  items,
  onDecide,
}: {
  workspaceId: string;
  items: readonly ImportItem[];
  onDecide: (id: number, answer: KeyAnswer) => Promise<void>;
}) {
  const headings = useRef(new Map<number, HTMLHeadingElement>());
  const decide = async (id: number, answer: KeyAnswer) => {
    await onDecide(id, answer);
    // The buttons are gone: the keyboard goes back to the file the answer was about.
    headings.current.get(id)?.focus();
  };
  return (
    <ol className="import-results" aria-label="Files and what happened to each">
      {items.map((item) => (
        <li key={item.id} className={`import-result import-result--${item.result.state}`}>
          <h3
            id={importItemHeadingId(item.id)}
            tabIndex={-1}
            ref={(el) => {
              if (el) headings.current.set(item.id, el);
              else headings.current.delete(item.id);
            }}
          >
            <span className="import-result__file">{item.fileName}</span> <span className="import-result__tag">{tagOf(item.result)}</span>
          </h3>
          <ResultBody workspaceId={workspaceId} item={item} onDecide={(answer) => void decide(item.id, answer)} />
        </li>
      ))}
    </ol>
  );
}

function tagOf(result: ImportItemResult): string {
  switch (result.state) {
    case 'waiting':
      return 'Waiting';
    case 'checking':
      return 'Checking…';
    case 'imported':
      return 'Imported';
    case 'duplicate':
      return 'Already imported';
    case 'not-imported':
      return 'Not imported';
    case 'asking':
      return 'Needs your decision';
    case 'refused':
      return 'Refused';
    case 'declined':
      return 'Not trusted';
  }
}

function ResultBody({ workspaceId, item, onDecide }: { workspaceId: string; item: ImportItem; onDecide: (answer: KeyAnswer) => void }) {
  const { result } = item;
  switch (result.state) {
    case 'waiting':
      return <p className="muted">Waiting to be checked ({formatBytes(item.size)}).</p>;
    case 'checking':
      return <p className="muted">Checking the signature and everything inside the file…</p>;
    case 'not-imported':
      return (
        <>
          <p>{result.message}</p>
          {result.summary ? <SignerLine summary={result.summary} /> : null}
        </>
      );
    case 'duplicate':
      return (
        <>
          <p>{result.message}</p>
          <p>
            <a href={href.moderationReview(workspaceId, result.summary.submissionId)}>
              Open submission v{result.summary.version} from {result.summary.schoolName}
            </a>
          </p>
        </>
      );
    case 'imported':
      return (
        <>
          <Described summary={result.summary} />
          <SignerLine summary={result.summary} />
          <p className={result.trust === 'first-use' ? 'notice import-result__pin' : 'import-result__pin'}>
            {result.trust === 'certified'
              ? `${result.certification ?? 'Certified by a partnership you have pinned.'} No fingerprint check is needed: the partnership vouches for this key, and it is now pinned for URN ${result.summary.urn}.`
              : result.trust === 'first-use'
                ? `First submission from URN ${result.summary.urn} in this workspace: you trusted this key, and it is now pinned for the school. Later submissions signed with a different key will need your decision.`
                : result.trust === 'matches'
                  ? `Matches the key pinned for URN ${result.summary.urn}.`
                  : `You accepted this new key for URN ${result.summary.urn}. It replaces the key pinned before, and your decision is recorded.`}
          </p>
          {result.frameworkNote ? <p className="notice notice--warning">{result.frameworkNote}</p> : null}
          <p>
            <a href={href.moderationReview(workspaceId, result.summary.submissionId)}>
              Open submission v{result.summary.version} from {result.summary.schoolName}
            </a>
          </p>
        </>
      );
    case 'refused':
      return (
        <>
          <Described summary={result.summary} />
          <SignerLine summary={result.summary} />
          <p>
            Not imported: you refused this key. Your decision is recorded, and the key pinned for URN {result.summary.urn} is unchanged.
          </p>
        </>
      );
    case 'declined':
      return (
        <>
          <Described summary={result.summary} />
          <SignerLine summary={result.summary} />
          <p>
            Not imported: you did not trust this key. Nothing from this file was stored. If the file is genuine, ask the school to read you
            the fingerprint of its key, then import the file again.
          </p>
        </>
      );
    case 'asking':
      if (result.question.kind === 'first-use')
        return (
          <>
            <Described summary={result.summary} />
            <p className="key-question__warning">
              <strong>First submission from URN {result.summary.urn} in this workspace: check the school’s key before you trust it.</strong>
            </p>
            {result.warning ? <p className="notice notice--warning">{result.warning}</p> : null}
            {result.problem ? <StatusMessage kind="error">{result.problem}</StatusMessage> : null}
            <SignerConfirmation
              identity={result.summary.signer}
              sender="the school"
              fileName={item.fileName}
              busy={result.deciding}
              onAnswer={(trust) => onDecide(trust ? 'accept' : 'refuse')}
            />
          </>
        );
      return (
        <div className="key-question" role="group" aria-labelledby={`key-question-${item.id}`}>
          <Described summary={result.summary} />
          <p id={`key-question-${item.id}`} className="key-question__warning">
            <strong>Warning: this file is signed with a different key from the one pinned for URN {result.summary.urn}.</strong>
          </p>
          {result.warning ? <p className="notice notice--warning">{result.warning}</p> : null}
          <dl className="summary-list">
            <div>
              <dt>Key that signed this file</dt>
              <dd>
                <code className="hash">{fingerprint(result.summary.fingerprint)}</code>
              </dd>
            </div>
            <div>
              <dt>Key pinned on {day(result.question.pinnedAt)}</dt>
              <dd>
                <code className="hash">{fingerprint(result.question.pinnedFingerprint)}</code>
              </dd>
            </div>
          </dl>
          <p>
            A school gets a new key when it sets the app up again, for example on a new computer. It can also mean that someone else made
            this file. Ask the school to read you the fingerprint in its Settings before you accept. Nothing from this file has been
            imported yet.
          </p>
          {result.problem ? <StatusMessage kind="error">{result.problem}</StatusMessage> : null}
          <div className="button-row">
            <button type="button" className="button" disabled={result.deciding} onClick={() => onDecide('accept')}>
              Accept the new key and import <span className="visually-hidden">“{item.fileName}”</span>
            </button>
            <button type="button" className="button button--secondary" disabled={result.deciding} onClick={() => onDecide('refuse')}>
              Refuse and do not import <span className="visually-hidden">“{item.fileName}”</span>
            </button>
          </div>
        </div>
      );
  }
}

function Described({ summary }: { summary: ImportSummary }) {
  return (
    <p>
      Submission v{summary.version} from <strong>{summary.schoolName}</strong> (URN {summary.urn}), exported {day(summary.exportedAt)}.
    </p>
  );
}

function SignerLine({ summary }: { summary: ImportSummary }) {
  return (
    <p className="import-result__signer">
      Signer’s certificate fingerprint (SHA-256): <code className="hash">{fingerprint(summary.fingerprint)}</code>
    </p>
  );
}
